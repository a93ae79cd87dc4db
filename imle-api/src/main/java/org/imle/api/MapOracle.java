package org.imle.api;

import org.imle.api.check.Checks;

/**
 * A solver of {@code MAP(theta) = argmax_{z in C} <z, theta>} over a finite set C of structures.
 *
 * <p><b>Every oracle maximises.</b> A problem stated with costs c is encoded as {@code theta = -c};
 * each implementation says in its Javadoc how theta and z map onto its problem.
 *
 * <p>Implementations are thread-safe unless their Javadoc says otherwise, and break ties
 * deterministically (each documents how), so that the same theta always gives the same z.
 *
 * <p>Write an oracle by extending {@link AbstractMapOracle}: it checks lengths, offsets and
 * finiteness once, for both forms, and leaves the oracle one unchecked offset solve to write.
 */
public interface MapOracle {

    /** The length n of theta and of z. */
    int dimension();

    /**
     * Writes a maximiser of {@code <z, theta>} into {@code z}.
     *
     * @param theta the scores, length {@link #dimension()}; read only
     * @param z receives the structure, length {@link #dimension()}; every entry is overwritten
     * @throws IllegalArgumentException if a length is wrong or theta holds NaN or an infinity
     */
    void solve(double[] theta, double[] z);

    /**
     * Solves the instance stored at {@code theta[thetaOffset .. thetaOffset + n)} and writes the
     * structure to {@code z[zOffset .. zOffset + n)}: the form batch code uses on its flat
     * row-major arrays. This default, for oracles that implement only the form above, copies
     * through temporary arrays; {@link AbstractMapOracle} solves in place.
     */
    default void solve(double[] theta, int thetaOffset, double[] z, int zOffset) {
        int n = dimension();
        Checks.range("theta", theta.length, thetaOffset, n);
        Checks.range("z", z.length, zOffset, n);
        double[] t = new double[n];
        double[] out = new double[n];
        System.arraycopy(theta, thetaOffset, t, 0, n);
        solve(t, out);
        System.arraycopy(out, 0, z, zOffset, n);
    }

    /**
     * Explains why {@code z} is not a structure of C, or returns {@code null} when it is one.
     * Used by the debug check that validates every returned structure in tests; oracles that can
     * check their constraints cheaply override it.
     */
    default String infeasibility(double[] z) {
        return z.length == dimension() ? null
                : "z has length " + z.length + ", expected " + dimension();
    }
}
