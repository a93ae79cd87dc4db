package org.imle.train.loss;

import org.imle.train.ops.Activations;
import org.imle.train.tensor.Shape;
import org.imle.train.tensor.StepBuffers;
import org.imle.train.tensor.Tensor;

/**
 * Loss functions, each returning a scalar tensor. Every one is O(size of its input) and checks
 * that prediction and target fit, naming both shapes otherwise.
 */
public final class Losses {

    private Losses() {
    }

    /** Mean squared error: {@code mean((pred - target)^2)} over all elements. */
    public static Tensor mse(Tensor pred, Tensor target) {
        Shape.requireEqual("mse", pred.shape(), target.shape());
        return pred.sub(target).square().mean();
    }

    /**
     * The Hamming loss of the I-MLE and blackbox Warcraft experiments: for 0/1 (or fractional)
     * structures z and targets y, {@code errors = z (1 - y) + (1 - z) y}, averaged over rows and
     * summed over coordinates.
     *
     * <p>{@code z} has shape [B * S, n] (S samples per example, ordered as estimators output
     * them) and {@code target} [B, n]; each target row is compared with its S samples. Its gradient
     * with respect to z is {@code (1 - 2 y) / (B S)}.
     */
    public static Tensor hamming(Tensor z, Tensor target) {
        int[] zs = z.shape();
        int[] ts = target.shape();
        if (zs.length != 2 || ts.length != 2 || zs[1] != ts[1] || ts[0] == 0 || zs[0] % ts[0] != 0) {
            throw new IllegalArgumentException("hamming: structures of shape " + Shape.str(zs)
                    + " do not fit targets of shape " + Shape.str(ts) + " (need [B*S, n] and [B, n])");
        }
        int rows = zs[0];
        int n = zs[1];
        int s = rows / ts[0];
        float[] y = target.data();
        float[] w = StepBuffers.floats(rows * n);
        float[] c = StepBuffers.floats(rows * n);
        for (int r = 0; r < rows; r++) {
            int t = (r / s) * n;
            for (int i = 0; i < n; i++) {
                w[r * n + i] = 1f - 2f * y[t + i];
                c[r * n + i] = y[t + i];
            }
        }
        // z (1 - y) + (1 - z) y = z (1 - 2y) + y, summed over cells and averaged over rows
        Tensor errors = z.mul(Tensor.of(w, rows, n)).add(Tensor.of(c, rows, n));
        return errors.sum().mul(1f / rows);
    }

    /**
     * Binary cross-entropy on logits, {@code mean(softplus(x) - y x)}, the numerically stable form
     * of {@code -[y log sigmoid(x) + (1 - y) log(1 - sigmoid(x))]}.
     */
    public static Tensor bceWithLogits(Tensor logits, Tensor target) {
        Shape.requireEqual("bceWithLogits", logits.shape(), target.shape());
        return Activations.softplus(logits).sub(logits.mul(target)).mean();
    }

    /** Binary cross-entropy on probabilities p in (0, 1), clamped to [1e-7, 1 - 1e-7]. */
    public static Tensor bce(Tensor p, Tensor target) {
        Shape.requireEqual("bce", p.shape(), target.shape());
        float[] pd = p.data();
        float[] yd = target.data();
        int n = pd.length;
        float[] out = StepBuffers.floats(1);
        double s = 0;
        for (int i = 0; i < n; i++) {
            double q = Math.min(Math.max(pd[i], 1e-7), 1 - 1e-7);
            s -= yd[i] * Math.log(q) + (1 - yd[i]) * Math.log(1 - q);
        }
        out[0] = (float) (s / n);
        return Tensor.fromOp(out, new int[0], g -> {
            float[] pg = p.gradBuffer();
            for (int i = 0; i < n; i++) {
                double q = Math.min(Math.max(pd[i], 1e-7), 1 - 1e-7);
                pg[i] += (float) (g[0] * (q - yd[i]) / (q * (1 - q)) / n);
            }
        }, p);
    }

    /**
     * Categorical cross-entropy of logits [B, C] against class indices: the mean over rows of
     * {@code -log softmax(x)[label]}.
     *
     * @throws IllegalArgumentException naming the row whose label is outside [0, C)
     */
    public static Tensor crossEntropy(Tensor logits, int[] labels) {
        int[] s = logits.shape();
        if (s.length != 2 || s[0] != labels.length) {
            throw new IllegalArgumentException("crossEntropy: logits of shape " + Shape.str(s)
                    + " do not fit " + labels.length + " labels (need [B, C] with B = labels)");
        }
        int c = s[1];
        float[] pick = StepBuffers.floats(s[0] * c);
        for (int r = 0; r < labels.length; r++) {
            if (labels[r] < 0 || labels[r] >= c) {
                throw new IllegalArgumentException("crossEntropy: label " + labels[r] + " of row " + r
                        + " is outside [0, " + c + ")");
            }
            pick[r * c + labels[r]] = -1f / labels.length;
        }
        return logits.logSoftmax().mul(Tensor.of(pick, s)).sum();
    }
}
