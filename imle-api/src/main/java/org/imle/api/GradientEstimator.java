package org.imle.api;

/**
 * Turns a {@link MapOracle} into a differentiable sampling layer.
 *
 * <p>Forward: a batch of B rows of theta (flat row-major, length B * n) gives B * S sampled
 * structures, ordered {@code (b * S + s) * n + i} as torch-imle's {@code [B*S, ...]} output.
 * Backward: dL/dz for those B * S rows gives dL/dtheta for the B rows. The {@link EstimatorPass}
 * returned by {@link #forward} holds what the backward needs (theta, noise, samples), so an
 * estimator is immutable configuration and can serve several passes at once, from any thread.
 *
 * <p>Randomness: the noise for row b, sample s of step t is drawn from
 * {@link org.imle.api.execution.RandomStreams#open}(seed, t, b, s), so the same seed and step give the same numbers
 * whatever executor runs the solves.
 */
public interface GradientEstimator {

    /** The length n of one row of theta (and of one structure). */
    int dimension();

    /** S, the number of structures sampled per row. */
    int samples();

    /** A short name, such as {@code imle} or {@code aimle}. */
    String name();

    /**
     * Whether every pass of {@link #forward} is a {@link LossValuePass}, whose backward takes the
     * loss value of each sample instead of dL/dz: true for the score function (REINFORCE), which
     * training code with the loss values at hand should give them rather than dL/dz.
     */
    default boolean takesLossValues() {
        return false;
    }

    /**
     * Samples structures for a batch.
     *
     * @param theta B rows of length n, flat row-major; not modified, and copied so that the caller
     *     may reuse the array before calling backward
     * @param batchSize B, at least 1
     * @param step the training step; with the seed it keys the random streams
     * @throws IllegalArgumentException for a wrong length, {@code B < 1}, or a non-finite theta (the
     *     message names the row and coordinate)
     */
    EstimatorPass forward(double[] theta, int batchSize, long step);
}
