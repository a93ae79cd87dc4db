package org.imle.train.ops;

import org.imle.train.tensor.Compute;
import org.imle.train.tensor.Shape;
import org.imle.train.tensor.StepBuffers;
import org.imle.train.tensor.Tensor;

/**
 * Batch normalisation over the channels of a [B, C, H, W] tensor (Ioffe and Szegedy 2015).
 *
 * <p>Training: each channel is normalised with its batch mean and biased variance (computed in
 * double), then scaled by gamma and shifted by beta; the running statistics are updated in place,
 * {@code r = (1 - m) r + m stat}, with the unbiased variance, as PyTorch does. Evaluation: the
 * running statistics are used instead. O(B C H W); channels are processed in parallel.
 */
public final class Normalization {

    private Normalization() {
    }

    /**
     * @param runningMean running mean [C], updated in place in training mode
     * @param runningVar running variance [C], updated in place in training mode
     */
    public static Tensor batchNorm2d(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean,
            Tensor runningVar, boolean training, double momentum, double eps) {
        return normalise(x, gamma, beta, runningMean, runningVar, training, momentum, eps, false);
    }

    /**
     * {@code relu(batchNorm2d(...))} in one pass forward and one backward, with the numbers of the
     * two operations one after the other bit for bit: the same expressions in the same order, and
     * the ReLU's gradient added onto +0 before batch norm reads it, as the separate ReLU's backward
     * adds it into a fresh gradient buffer. It saves the intermediate tensor, its gradient and the
     * two passes over them.
     */
    public static Tensor batchNorm2dRelu(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean,
            Tensor runningVar, boolean training, double momentum, double eps) {
        return normalise(x, gamma, beta, runningMean, runningVar, training, momentum, eps, true);
    }

    private static Tensor normalise(Tensor x, Tensor gamma, Tensor beta, Tensor runningMean,
            Tensor runningVar, boolean training, double momentum, double eps, boolean relu) {
        int[] s = x.shape();
        Shape.requireRank("batchNorm2d", s, 4);
        int bN = s[0];
        int c = s[1];
        int hw = s[2] * s[3];
        for (Tensor t : new Tensor[] {gamma, beta, runningMean, runningVar}) {
            if (t.rank() != 1 || t.dim(0) != c) {
                throw new IllegalArgumentException("batchNorm2d: input shape " + Shape.str(s)
                        + " and parameter shape " + Shape.str(t.shape()) + " do not fit");
            }
        }
        long count = (long) bN * hw;
        if (training && count < 2) {
            throw new IllegalArgumentException("batchNorm2d in training mode needs more than one value per channel, input shape "
                    + Shape.str(s));
        }
        float[] xd = x.data();
        float[] out = StepBuffers.overwritten(xd.length); // every channel's loop writes all of its values
        // x-hat is recomputed in backward from these two, by the same expression, rather than
        // stored: one activation-sized array less to allocate, write and read back
        float[] invStd = StepBuffers.floats(c);
        float[] means = StepBuffers.floats(c);
        float[] gd = gamma.data();
        float[] bd = beta.data();
        float[] rm = runningMean.data();
        float[] rv = runningVar.data();
        Compute.parallelFor(c, ch -> {
            double mean;
            double var;
            if (training) {
                double sum = 0;
                for (int b = 0; b < bN; b++) {
                    int base = (b * c + ch) * hw;
                    for (int i = 0; i < hw; i++) {
                        sum += xd[base + i];
                    }
                }
                mean = sum / count;
                double sq = 0;
                for (int b = 0; b < bN; b++) {
                    int base = (b * c + ch) * hw;
                    for (int i = 0; i < hw; i++) {
                        double d = xd[base + i] - mean;
                        sq += d * d;
                    }
                }
                var = sq / count;
                rm[ch] = (float) ((1 - momentum) * rm[ch] + momentum * mean);
                rv[ch] = (float) ((1 - momentum) * rv[ch] + momentum * var * count / (count - 1));
            } else {
                mean = rm[ch];
                var = rv[ch];
            }
            float inv = (float) (1.0 / Math.sqrt(var + eps));
            float m = (float) mean;
            invStd[ch] = inv;
            means[ch] = m;
            float gm = gd[ch];
            float bt = bd[ch];
            for (int b = 0; b < bN; b++) {
                int base = (b * c + ch) * hw;
                if (relu) {
                    for (int i = 0; i < hw; i++) {
                        out[base + i] = ReluBits.relu(gm * ((xd[base + i] - m) * inv) + bt);
                    }
                } else {
                    for (int i = 0; i < hw; i++) {
                        out[base + i] = gm * ((xd[base + i] - m) * inv) + bt;
                    }
                }
            }
        });
        return Tensor.fromOp(out, s, gOut -> {
            float[] xg = x.requiresGrad() ? x.gradBuffer() : null;
            float[] gg = gamma.requiresGrad() ? gamma.gradBuffer() : null;
            float[] bg = beta.requiresGrad() ? beta.gradBuffer() : null;
            Compute.parallelFor(c, ch -> {
                float m = means[ch];
                float inv = invStd[ch];
                double sumG = 0;
                double sumGx = 0;
                for (int b = 0; b < bN; b++) {
                    int base = (b * c + ch) * hw;
                    for (int i = 0; i < hw; i++) {
                        float g = relu ? ReluBits.grad(out[base + i], gOut[base + i]) : gOut[base + i];
                        sumG += g;
                        sumGx += (double) g * ((xd[base + i] - m) * inv);
                    }
                }
                if (gg != null) {
                    gg[ch] += (float) sumGx;
                }
                if (bg != null) {
                    bg[ch] += (float) sumG;
                }
                if (xg != null) {
                    float scale = gd[ch] * inv;
                    if (training) {
                        float mg = (float) (sumG / count);
                        float mgx = (float) (sumGx / count);
                        for (int b = 0; b < bN; b++) {
                            int base = (b * c + ch) * hw;
                            for (int i = 0; i < hw; i++) {
                                float g = relu ? ReluBits.grad(out[base + i], gOut[base + i]) : gOut[base + i];
                                xg[base + i] += scale * (g - mg - ((xd[base + i] - m) * inv) * mgx);
                            }
                        }
                    } else {
                        for (int b = 0; b < bN; b++) {
                            int base = (b * c + ch) * hw;
                            for (int i = 0; i < hw; i++) {
                                float g = relu ? ReluBits.grad(out[base + i], gOut[base + i]) : gOut[base + i];
                                xg[base + i] += scale * g;
                            }
                        }
                    }
                }
            });
        }, x, gamma, beta);
    }
}
