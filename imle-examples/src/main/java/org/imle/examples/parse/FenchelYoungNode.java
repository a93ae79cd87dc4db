package org.imle.examples.parse;

import org.imle.api.estimator.FenchelYoungLoss;
import org.imle.train.tensor.Tensor;

/**
 * The perturbed Fenchel-Young loss as an operation of the autodiff graph: theta [B, n] and gold
 * structures [B, n] in, the loss summed over the batch out (a scalar), and a backward that adds
 * {@code g * (perturbed mean - gold)} to theta's gradient (Berthet et al. 2020). O(S B) solves
 * forward, none backward: the gradient comes from the forward samples.
 */
public final class FenchelYoungNode {

    private FenchelYoungNode() {
    }

    /**
     * @param loss the loss for rows of n
     * @param theta shape [B, n]
     * @param gold B rows of n, the gold 0/1 structures
     * @param step the training step, keying the noise
     */
    public static Tensor apply(FenchelYoungLoss loss, Tensor theta, double[] gold, long step) {
        int n = loss.dimension();
        int b = theta.dim(0);
        if (theta.size() != b * n || gold.length != b * n) {
            throw new IllegalArgumentException("fenchel-young: theta of " + theta.size() + " and gold of "
                    + gold.length + " values do not fit " + b + " rows of " + n);
        }
        double[] td = theta.toDoubles();
        double[] grad = new double[b * n];
        double[] values = loss.evaluate(td, gold, b, step, grad);
        double total = 0;
        for (double v : values) {
            total += v;
        }
        return Tensor.fromOp(new float[] {(float) total}, new int[0], g -> {
            float[] tg = theta.gradBuffer();
            for (int i = 0; i < grad.length; i++) {
                tg[i] += (float) (g[0] * grad[i]);
            }
        }, theta);
    }
}
