package org.imle.api;

/**
 * One forward pass of a {@link GradientEstimator}: the sampled structures and what the backward
 * needs. A pass is used by one thread at a time; backward may be called more than once (with
 * different upstream gradients) and never changes the samples.
 */
public interface EstimatorPass {

    /** B, the number of rows of theta. */
    int batchSize();

    /** S, the samples per row. */
    int samples();

    /** n, the length of one structure. */
    int dimension();

    /**
     * The sampled structures, B * S rows of n, ordered {@code (b * S + s) * n + i}. The array is
     * owned by the pass; callers read it and must not modify it.
     */
    double[] structures();

    /**
     * Writes dL/dtheta (B rows of n) into {@code gradTheta}, given dL/dz for the B * S sampled rows.
     *
     * @throws IllegalArgumentException for a wrong length or a non-finite entry of dL/dz (the message
     *     names the row and the coordinate)
     */
    void backward(double[] dLdz, double[] gradTheta);

    /** Allocating convenience form of {@link #backward(double[], double[])}. */
    default double[] backward(double[] dLdz) {
        double[] grad = new double[batchSize() * dimension()];
        backward(dLdz, grad);
        return grad;
    }
}
