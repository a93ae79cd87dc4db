package org.imle.solvers;

/**
 * The feasibility check the 0/1 oracles of this module share in their
 * {@link org.imle.api.MapOracle#infeasibility} (argument checks belong to
 * {@link org.imle.api.AbstractMapOracle}).
 */
public final class BinaryVectors {

    private BinaryVectors() {
    }

    /**
     * Explains why z is not a 0/1 vector of length {@code n}, or returns {@code null}.
     */
    public static String infeasibility(double[] z, int n) {
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
