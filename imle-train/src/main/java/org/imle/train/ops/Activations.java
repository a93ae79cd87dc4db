package org.imle.train.ops;

import org.apache.commons.rng.UniformRandomProvider;
import org.imle.api.execution.RandomStreams;
import org.imle.train.tensor.StepBuffers;
import org.imle.train.tensor.Tensor;

/**
 * Non-linearities, softmax and dropout. All are O(size); softmax and log-softmax act on the last
 * dimension and subtract the row maximum first, so they never overflow.
 */
public final class Activations {

    private Activations() {
    }

    public static Tensor relu(Tensor a) {
        float[] x = a.data();
        float[] out = StepBuffers.floats(x.length);
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] > 0f ? x[i] : 0f;
        }
        return Tensor.fromOp(out, a.shape(), g -> {
            float[] ag = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                // a select, not a branch: signs are random, and a branch mispredicts half the time
                ag[i] += x[i] > 0f ? g[i] : 0f;
            }
        }, a);
    }

    public static Tensor tanh(Tensor a) {
        float[] x = a.data();
        float[] out = StepBuffers.floats(x.length);
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) Math.tanh(x[i]);
        }
        return Tensor.fromOp(out, a.shape(), g -> {
            float[] ag = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ag[i] += g[i] * (1f - out[i] * out[i]);
            }
        }, a);
    }

    public static Tensor sigmoid(Tensor a) {
        float[] x = a.data();
        float[] out = StepBuffers.floats(x.length);
        for (int i = 0; i < x.length; i++) {
            out[i] = sigmoid(x[i]);
        }
        return Tensor.fromOp(out, a.shape(), g -> {
            float[] ag = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ag[i] += g[i] * out[i] * (1f - out[i]);
            }
        }, a);
    }

    /** The logistic function, computed without overflow for any x. */
    public static float sigmoid(float x) {
        if (x >= 0) {
            return (float) (1.0 / (1.0 + Math.exp(-x)));
        }
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }

    /** {@code log(1 + e^x)}, as {@code max(x, 0) + log1p(e^-|x|)} so it never overflows. */
    public static Tensor softplus(Tensor a) {
        float[] x = a.data();
        float[] out = StepBuffers.floats(x.length);
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) (Math.max(x[i], 0.0) + Math.log1p(Math.exp(-Math.abs(x[i]))));
        }
        return Tensor.fromOp(out, a.shape(), g -> {
            float[] ag = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ag[i] += g[i] * sigmoid(x[i]);
            }
        }, a);
    }

    /** Softmax over the last dimension. */
    public static Tensor softmax(Tensor a) {
        float[] x = a.data();
        int n = a.rank() == 0 ? 1 : a.dim(-1);
        float[] out = StepBuffers.floats(x.length);
        for (int o = 0; o < x.length; o += n) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, x[o + j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += Math.exp(x[o + j] - max);
            }
            for (int j = 0; j < n; j++) {
                out[o + j] = (float) (Math.exp(x[o + j] - max) / sum);
            }
        }
        return Tensor.fromOp(out, a.shape(), g -> {
            float[] ag = a.gradBuffer();
            for (int o = 0; o < x.length; o += n) {
                double dot = 0;
                for (int j = 0; j < n; j++) {
                    dot += (double) g[o + j] * out[o + j];
                }
                for (int j = 0; j < n; j++) {
                    ag[o + j] += (float) (out[o + j] * (g[o + j] - dot));
                }
            }
        }, a);
    }

    /** Log-softmax over the last dimension: {@code x - log(sum(exp(x)))}. */
    public static Tensor logSoftmax(Tensor a) {
        float[] x = a.data();
        int n = a.rank() == 0 ? 1 : a.dim(-1);
        float[] out = StepBuffers.floats(x.length);
        for (int o = 0; o < x.length; o += n) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < n; j++) {
                max = Math.max(max, x[o + j]);
            }
            double sum = 0;
            for (int j = 0; j < n; j++) {
                sum += Math.exp(x[o + j] - max);
            }
            double lse = max + Math.log(sum);
            for (int j = 0; j < n; j++) {
                out[o + j] = (float) (x[o + j] - lse);
            }
        }
        return Tensor.fromOp(out, a.shape(), g -> {
            float[] ag = a.gradBuffer();
            for (int o = 0; o < x.length; o += n) {
                double gsum = 0;
                for (int j = 0; j < n; j++) {
                    gsum += g[o + j];
                }
                for (int j = 0; j < n; j++) {
                    ag[o + j] += (float) (g[o + j] - Math.exp(out[o + j]) * gsum);
                }
            }
        }, a);
    }

    /**
     * Inverted dropout: each element is zeroed with probability p and the survivors are scaled by
     * 1 / (1 - p), so the expectation is unchanged. The mask is drawn from
     * {@link RandomStreams#open}(seed, step, 0, 0): the same key always drops the same elements.
     *
     * @throws IllegalArgumentException if p is not in [0, 1)
     */
    public static Tensor dropout(Tensor a, double p, long seed, long step) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        float[] x = a.data();
        float[] mask = StepBuffers.floats(x.length);
        float[] out = StepBuffers.floats(x.length);
        UniformRandomProvider rng = RandomStreams.open(seed, step, 0, 0);
        float keep = (float) (1.0 / (1.0 - p));
        for (int i = 0; i < x.length; i++) {
            mask[i] = rng.nextDouble() < p ? 0f : keep;
            out[i] = x[i] * mask[i];
        }
        return Tensor.fromOp(out, a.shape(), g -> {
            float[] ag = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ag[i] += g[i] * mask[i];
            }
        }, a);
    }
}
