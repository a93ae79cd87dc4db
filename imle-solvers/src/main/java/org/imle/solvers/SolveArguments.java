package org.imle.solvers;

import org.imle.api.check.Checks;

/**
 * Argument checks for the offset form of {@link org.imle.api.MapOracle#solve(double[], int, double[], int)}
 * that the fast oracles of this module share. They allocate nothing unless they throw, so that
 * they can sit on the hot path.
 */
public final class SolveArguments {

    private SolveArguments() {
    }

    /** Requires both slices of length {@code n} to lie inside their arrays (and the arrays to exist). */
    public static void ranges(double[] theta, int thetaOffset, double[] z, int zOffset, int n) {
        if (theta == null) {
            throw new IllegalArgumentException("theta is null");
        }
        if (z == null) {
            throw new IllegalArgumentException("z is null");
        }
        Checks.range("theta", theta.length, thetaOffset, n);
        Checks.range("z", z.length, zOffset, n);
    }

    /**
     * The first coordinate {@code i} in {@code 0..n-1} with a NaN or infinite
     * {@code values[offset + i]}, or -1 when all are finite.
     */
    public static int firstNonFinite(double[] values, int offset, int n) {
        for (int i = 0; i < n; i++) {
            double v = values[offset + i];
            // v - v is NaN exactly when v is NaN or infinite
            if (v - v != 0) {
                return i;
            }
        }
        return -1;
    }

    /** The exception for a non-finite coordinate, with a description of what it encodes. */
    public static IllegalArgumentException nonFinite(int coordinate, double value, String meaning) {
        return new IllegalArgumentException("theta coordinate " + coordinate
                + (meaning == null || meaning.isEmpty() ? "" : " (" + meaning + ")") + " is " + value);
    }

    /**
     * Explains why z is not a 0/1 vector of length {@code n}, or returns {@code null}.
     */
    public static String binaryVector(double[] z, int n) {
        if (z == null) {
            return "z is null";
        }
        if (z.length != n) {
            return "z has length " + z.length + ", expected " + n;
        }
        for (int i = 0; i < n; i++) {
            if (z[i] != 0.0 && z[i] != 1.0) {
                return "z coordinate " + i + " is " + z[i] + ", expected 0 or 1";
            }
        }
        return null;
    }
}
