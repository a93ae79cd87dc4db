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
        Compute.parallelFor((c + GROUP - 1) / GROUP, grp -> {
            int ch0 = grp * GROUP;
            int chs = Math.min(GROUP, c - ch0);
            double[][] sums = SUMS.get();
            double[] mean = sums[0];
            double[] var = sums[1];
            if (training) {
                channelMeans(xd, c, hw, bN, ch0, chs, mean);
                channelVariances(xd, c, hw, bN, ch0, chs, mean, var);
            }
            for (int k = 0; k < chs; k++) {
                int ch = ch0 + k;
                if (training) {
                    rm[ch] = (float) ((1 - momentum) * rm[ch] + momentum * mean[k]);
                    rv[ch] = (float) ((1 - momentum) * rv[ch] + momentum * var[k] * count / (count - 1));
                } else {
                    mean[k] = rm[ch];
                    var[k] = rv[ch];
                }
                float inv = (float) (1.0 / Math.sqrt(var[k] + eps));
                float m = (float) mean[k];
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
            }
        });
        return Tensor.fromOp(out, s, gOut -> {
            float[] xg = x.requiresGrad() ? x.gradBuffer() : null;
            float[] gg = gamma.requiresGrad() ? gamma.gradBuffer() : null;
            float[] bg = beta.requiresGrad() ? beta.gradBuffer() : null;
            Compute.parallelFor((c + GROUP - 1) / GROUP, grp -> {
                int ch0 = grp * GROUP;
                int chs = Math.min(GROUP, c - ch0);
                double[][] sums = SUMS.get();
                double[] sumsG = sums[2];
                double[] sumsGx = sums[3];
                gradientSums(xd, out, gOut, relu, c, hw, bN, ch0, chs, means, invStd, sumsG, sumsGx);
                for (int k = 0; k < chs; k++) {
                    backwardChannel(ch0 + k, sumsG[k], sumsGx[k], xd, out, gOut, xg, gg, bg, gd, means, invStd,
                            relu, training, c, hw, bN, count);
                }
            });
        }, x, gamma, beta);
    }

    /** One channel's gradients (gamma, beta, input) from its two sums. */
    private static void backwardChannel(int ch, double sumG, double sumGx, float[] xd, float[] out, float[] gOut,
            float[] xg, float[] gg, float[] bg, float[] gd, float[] means, float[] invStd, boolean relu,
            boolean training, int c, int hw, int bN, long count) {
        float m = means[ch];
        float inv = invStd[ch];
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
    }

    /**
     * Channels whose sums run side by side. Each channel's sum is one chain of dependent double
     * adds, in the same order as ever (so the same bits); four independent chains hide each
     * other's add latency, which bounded a lone chain to one value every four cycles.
     */
    private static final int GROUP = 4;

    /** Per-thread results of a group's sums: means, variances, sums of g, sums of g x-hat. */
    private static final ThreadLocal<double[][]> SUMS = ThreadLocal.withInitial(() -> new double[4][GROUP]);

    /** The means of channels ch0 .. ch0 + chs - 1 (chs <= GROUP), each summed in (b, i) order. */
    private static void channelMeans(float[] xd, int c, int hw, int bN, int ch0, int chs, double[] mean) {
        // a missing channel repeats ch0; its sums are dropped
        int d1 = chs > 1 ? hw : 0;
        int d2 = chs > 2 ? 2 * hw : 0;
        int d3 = chs > 3 ? 3 * hw : 0;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int b = 0; b < bN; b++) {
            int base = (b * c + ch0) * hw;
            for (int i = base, e = base + hw; i < e; i++) {
                s0 += xd[i];
                s1 += xd[i + d1];
                s2 += xd[i + d2];
                s3 += xd[i + d3];
            }
        }
        double count = (double) bN * hw;
        mean[0] = s0 / count;
        mean[1] = s1 / count;
        mean[2] = s2 / count;
        mean[3] = s3 / count;
    }

    /** The biased variances about the given means, each summed in (b, i) order. */
    private static void channelVariances(float[] xd, int c, int hw, int bN, int ch0, int chs, double[] mean,
            double[] var) {
        int d1 = chs > 1 ? hw : 0;
        int d2 = chs > 2 ? 2 * hw : 0;
        int d3 = chs > 3 ? 3 * hw : 0;
        double m0 = mean[0];
        double m1 = chs > 1 ? mean[1] : m0;
        double m2 = chs > 2 ? mean[2] : m0;
        double m3 = chs > 3 ? mean[3] : m0;
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        for (int b = 0; b < bN; b++) {
            int base = (b * c + ch0) * hw;
            for (int i = base, e = base + hw; i < e; i++) {
                double x0 = xd[i] - m0;
                double x1 = xd[i + d1] - m1;
                double x2 = xd[i + d2] - m2;
                double x3 = xd[i + d3] - m3;
                s0 += x0 * x0;
                s1 += x1 * x1;
                s2 += x2 * x2;
                s3 += x3 * x3;
            }
        }
        double count = (double) bN * hw;
        var[0] = s0 / count;
        var[1] = s1 / count;
        var[2] = s2 / count;
        var[3] = s3 / count;
    }

    /** The sums of g and of g x-hat of channels ch0 .. ch0 + chs - 1, each in (b, i) order. */
    private static void gradientSums(float[] xd, float[] out, float[] gOut, boolean relu, int c, int hw, int bN,
            int ch0, int chs, float[] means, float[] invStd, double[] sumG, double[] sumGx) {
        int d1 = chs > 1 ? hw : 0;
        int d2 = chs > 2 ? 2 * hw : 0;
        int d3 = chs > 3 ? 3 * hw : 0;
        float m0 = means[ch0];
        float m1 = means[ch0 + (chs > 1 ? 1 : 0)];
        float m2 = means[ch0 + (chs > 2 ? 2 : 0)];
        float m3 = means[ch0 + (chs > 3 ? 3 : 0)];
        float v0 = invStd[ch0];
        float v1 = invStd[ch0 + (chs > 1 ? 1 : 0)];
        float v2 = invStd[ch0 + (chs > 2 ? 2 : 0)];
        float v3 = invStd[ch0 + (chs > 3 ? 3 : 0)];
        double g0 = 0;
        double g1 = 0;
        double g2 = 0;
        double g3 = 0;
        double x0 = 0;
        double x1 = 0;
        double x2 = 0;
        double x3 = 0;
        for (int b = 0; b < bN; b++) {
            int base = (b * c + ch0) * hw;
            for (int i = base, e = base + hw; i < e; i++) {
                float a0 = relu ? ReluBits.grad(out[i], gOut[i]) : gOut[i];
                float a1 = relu ? ReluBits.grad(out[i + d1], gOut[i + d1]) : gOut[i + d1];
                float a2 = relu ? ReluBits.grad(out[i + d2], gOut[i + d2]) : gOut[i + d2];
                float a3 = relu ? ReluBits.grad(out[i + d3], gOut[i + d3]) : gOut[i + d3];
                g0 += a0;
                g1 += a1;
                g2 += a2;
                g3 += a3;
                x0 += (double) a0 * ((xd[i] - m0) * v0);
                x1 += (double) a1 * ((xd[i + d1] - m1) * v1);
                x2 += (double) a2 * ((xd[i + d2] - m2) * v2);
                x3 += (double) a3 * ((xd[i + d3] - m3) * v3);
            }
        }
        sumG[0] = g0;
        sumG[1] = g1;
        sumG[2] = g2;
        sumG[3] = g3;
        sumGx[0] = x0;
        sumGx[1] = x1;
        sumGx[2] = x2;
        sumGx[3] = x3;
    }
}
