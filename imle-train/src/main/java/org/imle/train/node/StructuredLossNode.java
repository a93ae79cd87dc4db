package org.imle.train.node;

import org.imle.api.StructuredLoss;
import org.imle.train.tensor.Shape;
import org.imle.train.tensor.Tensor;

/**
 * Any {@link StructuredLoss} (SPO+, the perturbed Fenchel-Young loss) as an operation of the
 * autodiff graph: theta [B, n] and a supervision of B rows of n in, the mean of the B row losses
 * out (a scalar), and a backward that adds {@code g / B} times the loss's dL/dtheta to theta's
 * gradient. These losses give their gradient in theta directly from the solver, so unlike
 * {@link DiscreteNode} no dL/dz flows through them.
 *
 * <p>The losses speak double; this node converts theta from float once per call, O(B n), and the
 * gradient back once per backward. The solves run on the loss's own executor, with random streams
 * keyed by (seed, step, row, sample), so the result does not depend on the thread count.
 */
public final class StructuredLossNode {

    private final StructuredLoss loss;

    public StructuredLossNode(StructuredLoss loss) {
        if (loss == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
        this.loss = loss;
    }

    public StructuredLoss loss() {
        return loss;
    }

    /**
     * The mean loss of a batch.
     *
     * @param theta shape [B, n] (or [B, ...] with n elements per row)
     * @param supervision B rows of n, flat row-major: the gold structures or the true theta, as
     *     the loss's {@link StructuredLoss#supervisionName()} says
     * @param step the training step, keying any random streams
     * @throws IllegalArgumentException naming theta's shape if it does not fit [B, n], or the row
     *     and coordinate of a non-finite entry
     */
    public Tensor apply(Tensor theta, double[] supervision, long step) {
        int[] s = theta.shape();
        int n = loss.dimension();
        if (s.length < 1 || s[0] < 1 || theta.size() != s[0] * n) {
            throw new IllegalArgumentException("structured loss (" + loss.name() + "): theta of shape "
                    + Shape.str(s) + " does not fit [B, " + n + "]");
        }
        int b = s[0];
        float[] t = theta.data();
        double[] td = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            td[i] = t[i];
        }
        double[] grad = new double[t.length];
        double[] values = loss.evaluate(td, supervision, b, step, grad).losses();
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= b;
        return Tensor.fromOp(new float[] {(float) mean}, new int[0], g -> {
            float scale = g[0] / b;
            float[] tg = theta.gradBuffer();
            for (int i = 0; i < grad.length; i++) {
                tg[i] += (float) (grad[i] * scale);
            }
        }, theta);
    }
}
