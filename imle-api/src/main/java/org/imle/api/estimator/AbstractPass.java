package org.imle.api.estimator;

import org.imle.api.Checks;
import org.imle.api.EstimatorPass;

/** Holds the shape and samples of a pass and the checks every backward makes. */
public abstract class AbstractPass implements EstimatorPass {

    protected final int batchSize;
    protected final int samples;
    protected final int dimension;
    protected final double[] structures;

    protected AbstractPass(int batchSize, int samples, int dimension, double[] structures) {
        this.batchSize = batchSize;
        this.samples = samples;
        this.dimension = dimension;
        this.structures = structures;
    }

    @Override
    public int batchSize() {
        return batchSize;
    }

    @Override
    public int samples() {
        return samples;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public double[] structures() {
        return structures;
    }

    /** Checks the lengths of dL/dz (B * S rows) and of the output (B rows) and that dL/dz is finite. */
    protected void checkBackward(double[] dLdz, double[] gradTheta) {
        int rows = batchSize * samples;
        if (dLdz == null || dLdz.length != rows * dimension) {
            throw new IllegalArgumentException("dL/dz has length " + (dLdz == null ? "null" : dLdz.length)
                    + ", expected " + rows + " rows (batch " + batchSize + " x samples " + samples
                    + ") x dimension " + dimension + " = " + rows * dimension);
        }
        Checks.finiteRows("dL/dz", dLdz, dimension);
        Checks.length("dL/dtheta output", gradTheta, batchSize * dimension);
    }

    /**
     * Writes {@code grad_b = c * sum_s (a_bs - b_bs)} for every row b, summing s in a fixed order.
     */
    protected void differenceMean(double[] a, double[] b, double c, double[] grad) {
        int n = dimension;
        java.util.Arrays.fill(grad, 0.0);
        for (int row = 0; row < batchSize; row++) {
            for (int s = 0; s < samples; s++) {
                int off = (row * samples + s) * n;
                for (int i = 0; i < n; i++) {
                    grad[row * n + i] += a[off + i] - b[off + i];
                }
            }
            for (int i = 0; i < n; i++) {
                grad[row * n + i] *= c;
            }
        }
    }
}
