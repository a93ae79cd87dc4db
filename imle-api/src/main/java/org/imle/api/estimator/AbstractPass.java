package org.imle.api.estimator;

import org.imle.api.EstimatorPass;
import org.imle.api.check.Checks;

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
     * Adds sample {@code sample} of {@code samples} to one row of {@code grad = c * sum_s (a_s - b_s)}
     * and returns the number of coordinates where {@code a_s} and {@code b_s} differ. Called for
     * s = 0, 1, ... in order, it computes exactly what zeroing the row, adding the S differences
     * and then scaling by c computes, bit for bit, in one pass per sample instead of S + 2.
     */
    protected static long addSampleDifference(double[] a, int aOff, double[] b, int bOff, double[] grad,
            int gOff, int n, int sample, int samples, double c) {
        long differ = 0;
        boolean first = sample == 0;
        boolean last = sample == samples - 1;
        for (int i = 0; i < n; i++) {
            double ai = a[aOff + i];
            double bi = b[bOff + i];
            differ += ai != bi ? 1 : 0;
            // 0.0 + d, as an accumulator that starts at 0 would (it turns -0.0 into 0.0)
            double sum = (first ? 0.0 : grad[gOff + i]) + (ai - bi);
            grad[gOff + i] = last ? sum * c : sum;
        }
        return differ;
    }
}
