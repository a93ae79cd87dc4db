package org.imle.train.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.imle.train.tensor.Tensor;
import org.imle.train.testing.GradCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Normalization#batchNorm2d} in training mode against batch norm written one channel at a
 * time (each sum one sequential double chain in (b, i) order), bit for bit: the output, the running
 * statistics and every gradient, for channel counts that fill the kernel's groups of four and that
 * leave one, two or three channels over.
 */
class BatchNormChannelSumsTest {

    private static final double MOMENTUM = 0.1;
    private static final double EPS = 1e-5;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 13})
    void groupedSumsGiveTheBitsOfOneChannelAtATime(int c) {
        SplittableRandom rnd = new SplittableRandom(40 + c);
        int bN = 3;
        int hw = 7 * 5;
        float[] x = GradCheck.uniform(rnd, bN * c * hw, -3, 3);
        float[] gamma = GradCheck.uniform(rnd, c, -1.5, 1.5);
        float[] beta = GradCheck.uniform(rnd, c, -0.5, 0.5);
        float[] rm = GradCheck.uniform(rnd, c, -1, 1);
        float[] rv = GradCheck.uniform(rnd, c, 0.5, 2);
        float[] upstream = GradCheck.uniform(rnd, x.length, -1, 1);

        Tensor xt = Tensor.leaf(x.clone(), bN, c, 7, 5);
        Tensor gt = Tensor.leaf(gamma.clone(), c);
        Tensor bt = Tensor.leaf(beta.clone(), c);
        Tensor rmt = Tensor.of(rm.clone(), c);
        Tensor rvt = Tensor.of(rv.clone(), c);
        Tensor y = Normalization.batchNorm2d(xt, gt, bt, rmt, rvt, true, MOMENTUM, EPS);
        y.mul(Tensor.of(upstream, y.shape())).sum().backward();

        float[] out = new float[x.length];
        float[] xg = new float[x.length];
        float[] gg = new float[c];
        float[] bg = new float[c];
        long count = (long) bN * hw;
        for (int ch = 0; ch < c; ch++) {
            double sum = 0;
            for (int b = 0; b < bN; b++) {
                for (int i = 0; i < hw; i++) {
                    sum += x[(b * c + ch) * hw + i];
                }
            }
            double mean = sum / count;
            double sq = 0;
            for (int b = 0; b < bN; b++) {
                for (int i = 0; i < hw; i++) {
                    double d = x[(b * c + ch) * hw + i] - mean;
                    sq += d * d;
                }
            }
            double var = sq / count;
            rm[ch] = (float) ((1 - MOMENTUM) * rm[ch] + MOMENTUM * mean);
            rv[ch] = (float) ((1 - MOMENTUM) * rv[ch] + MOMENTUM * var * count / (count - 1));
            float inv = (float) (1.0 / Math.sqrt(var + EPS));
            float m = (float) mean;
            double sumG = 0;
            double sumGx = 0;
            for (int b = 0; b < bN; b++) {
                for (int i = 0; i < hw; i++) {
                    int at = (b * c + ch) * hw + i;
                    out[at] = gamma[ch] * ((x[at] - m) * inv) + beta[ch];
                    sumG += upstream[at];
                    sumGx += (double) upstream[at] * ((x[at] - m) * inv);
                }
            }
            gg[ch] = (float) sumGx;
            bg[ch] = (float) sumG;
            float scale = gamma[ch] * inv;
            float mg = (float) (sumG / count);
            float mgx = (float) (sumGx / count);
            for (int b = 0; b < bN; b++) {
                for (int i = 0; i < hw; i++) {
                    int at = (b * c + ch) * hw + i;
                    xg[at] = scale * (upstream[at] - mg - ((x[at] - m) * inv) * mgx);
                }
            }
        }
        String what = c + " channels";
        assertArrayEquals(out, y.data(), what + ": output");
        assertArrayEquals(rm, rmt.data(), what + ": running mean");
        assertArrayEquals(rv, rvt.data(), what + ": running variance");
        assertArrayEquals(gg, gt.grad(), what + ": gamma gradient");
        assertArrayEquals(bg, bt.grad(), what + ": beta gradient");
        assertArrayEquals(xg, xt.grad(), what + ": input gradient");
    }
}
