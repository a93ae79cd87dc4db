package org.imle.api;

/**
 * A supervised loss on a combinatorial layer whose gradient with respect to theta comes directly
 * from the solver, without an upstream dL/dz: the perturbed Fenchel-Young loss (supervised by a
 * gold structure) and SPO+ (supervised by the true objective). Batches are flat row-major, as for
 * {@link GradientEstimator}; implementations are immutable and thread-safe.
 */
public interface StructuredLoss {

    /**
     * What {@link #evaluate} returns besides the gradient.
     *
     * @param losses the B loss values
     * @param structures the structures the loss looked at, B * S rows of n ordered
     *     {@code (b * S + s) * n + i}: the perturbed samples for Fenchel-Young, {@code MAP(theta)}
     *     for SPO+ (S = 1)
     * @param samples S
     */
    record Evaluation(double[] losses, double[] structures, int samples) {
    }

    /** n, the length of a row of theta and of a supervision row. */
    int dimension();

    /**
     * S, the structures per row that {@link #evaluate} returns ({@link Evaluation#samples()}): the
     * perturbed samples of Fenchel-Young, 1 for SPO+.
     */
    default int samples() {
        return 1;
    }

    /** A short name, such as {@code fenchel-young} or {@code spo+}. */
    String name();

    /** What one supervision row holds, for error messages, such as {@code target} or {@code trueTheta}. */
    String supervisionName();

    /**
     * Computes the loss of every row and writes its gradient with respect to theta.
     *
     * @param theta B rows of n
     * @param supervision B rows of n (the gold structure, or the true theta)
     * @param batchSize B >= 1
     * @param step the training step; with the seed it keys any random streams
     * @param gradTheta receives B rows of n
     * @return the B loss values and the structures behind them
     * @throws IllegalArgumentException for wrong lengths or non-finite entries, naming row and coordinate
     */
    Evaluation evaluate(double[] theta, double[] supervision, int batchSize, long step, double[] gradTheta);
}
