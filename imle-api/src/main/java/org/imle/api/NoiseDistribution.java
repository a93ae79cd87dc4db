package org.imle.api;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * The distribution of the perturbation eps in perturb-and-MAP, {@code z = MAP(theta + T * eps)}.
 *
 * <p>A distribution takes its random stream as an argument and never hides one of its own, so
 * that the estimator can derive every stream from (seed, step, row, sample) and give the same
 * numbers whatever the number of threads. Implementations are immutable and thread-safe.
 */
public interface NoiseDistribution {

    /** Fills {@code out[offset .. offset + length)} with independent draws. */
    void sample(UniformRandomProvider random, double[] out, int offset, int length);

    /** A short name used in logs and on the command line, such as {@code sum-of-gamma}. */
    String name();

    /** True when every draw is exactly zero, which lets estimators skip the random streams. */
    default boolean isZero() {
        return false;
    }

    /** The distribution whose every draw is zero: perturb-and-MAP becomes plain MAP. */
    static NoiseDistribution none() {
        return ZeroNoise.INSTANCE;
    }
}
