package org.imle.train.node;

import org.imle.api.EstimatorPass;
import org.imle.api.GradientEstimator;
import org.imle.train.tensor.Shape;
import org.imle.train.tensor.Tensor;

/**
 * Any {@link GradientEstimator} as an operation of the autodiff graph: theta [B, n] in, the
 * sampled structures [B * S, n] out (rows ordered {@code b * S + s}, as estimators output them),
 * and a backward that hands dL/dz to {@link EstimatorPass#backward} and adds the resulting
 * dL/dtheta to theta's gradient.
 *
 * <p>The estimators speak double; this node converts float to double at its edge, once per
 * forward and once per backward, O(B S n). The 2 B S solves run on the estimator's own
 * {@link org.imle.api.execution.SolveExecutor}, in parallel, with random streams keyed by (seed, step, row,
 * sample), so results do not depend on the thread count. The caller passes the training step,
 * which keys the noise: the same step gives the same samples.
 */
public final class DiscreteNode {

    private final GradientEstimator estimator;

    public DiscreteNode(GradientEstimator estimator) {
        if (estimator == null) {
            throw new IllegalArgumentException("estimator must not be null");
        }
        this.estimator = estimator;
    }

    public GradientEstimator estimator() {
        return estimator;
    }

    /**
     * Samples structures for a batch of theta.
     *
     * @param theta shape [B, n] with n the estimator's dimension (or [B, ...] with n elements per row)
     * @param step the training step, keying the random streams
     * @throws IllegalArgumentException naming theta's shape if its rows are not of length n, or
     *     naming the row and coordinate of a non-finite entry
     */
    public Tensor apply(Tensor theta, long step) {
        int[] s = theta.shape();
        int n = estimator.dimension();
        if (s.length < 1 || s[0] < 1 || theta.size() != s[0] * n) {
            throw new IllegalArgumentException("discrete node (" + estimator.name() + "): theta of shape "
                    + Shape.str(s) + " does not fit [B, " + n + "]");
        }
        int b = s[0];
        float[] t = theta.data();
        double[] td = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            td[i] = t[i];
        }
        EstimatorPass pass = estimator.forward(td, b, step);
        double[] z = pass.structures();
        float[] out = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            out[i] = (float) z[i];
        }
        return Tensor.fromOp(out, new int[] {b * pass.samples(), n}, g -> {
            double[] dz = new double[g.length];
            for (int i = 0; i < g.length; i++) {
                dz[i] = g[i];
            }
            double[] grad = pass.backward(dz);
            float[] tg = theta.gradBuffer();
            for (int i = 0; i < grad.length; i++) {
                tg[i] += (float) grad[i];
            }
        }, theta);
    }
}
