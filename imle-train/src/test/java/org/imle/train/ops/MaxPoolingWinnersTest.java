package org.imle.train.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.imle.train.tensor.Compute;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Max pooling on many planes (so several parallel tasks) with ties, signed zeros and NaNs: the
 * output and the routed gradient equal a direct loop that keeps the first maximiser in row-major
 * order (a NaN that opens a window stays, later ones never win), for one thread and for three.
 */
class MaxPoolingWinnersTest {

    @ParameterizedTest
    @CsvSource({"3, 2, 1, 1", "3, 2, 1, 3", "2, 2, 0, 3", "3, 1, 1, 2"})
    void firstMaximiserWinsOnAnyThreadCount(int kernel, int stride, int pad, int threads) {
        SplittableRandom rnd = new SplittableRandom(17L * kernel + stride + 5L * threads);
        int b = 3;
        int c = 11;
        int h = 9;
        int w = 10;
        float[] x = new float[b * c * h * w];
        float[] levels = {-1f, -0f, 0f, 0.5f, 0.5f, 2f, Float.NaN};
        for (int i = 0; i < x.length; i++) {
            x[i] = levels[rnd.nextInt(levels.length)];
        }
        int oh = (h + 2 * pad - kernel) / stride + 1;
        int ow = (w + 2 * pad - kernel) / stride + 1;
        float[] g = new float[b * c * oh * ow];
        for (int i = 0; i < g.length; i++) {
            g[i] = (float) rnd.nextDouble(-1, 1);
        }
        float[] expectedOut = new float[g.length];
        float[] expectedGrad = new float[x.length];
        for (int p = 0; p < b * c; p++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    int best = -1;
                    for (int dy = 0; dy < kernel; dy++) {
                        for (int dx = 0; dx < kernel; dx++) {
                            int yy = i * stride - pad + dy;
                            int xx = j * stride - pad + dx;
                            if (yy < 0 || yy >= h || xx < 0 || xx >= w) {
                                continue;
                            }
                            int idx = (p * h + yy) * w + xx;
                            if (best < 0 || x[idx] > x[best]) {
                                best = idx;
                            }
                        }
                    }
                    int o = (p * oh + i) * ow + j;
                    expectedOut[o] = x[best];
                    expectedGrad[best] += g[o];
                }
            }
        }
        int before = Compute.threads();
        try {
            Compute.setThreads(threads);
            Tensor in = Tensor.leaf(x.clone(), b, c, h, w);
            Tensor y = Pooling.maxPool2d(in, kernel, stride, pad);
            y.mul(Tensor.of(g, y.shape())).sum().backward();
            String what = kernel + "x" + kernel + " stride " + stride + " pad " + pad + ", " + threads + " threads";
            assertArrayEquals(expectedOut, y.data(), what + ": output");
            assertArrayEquals(expectedGrad, in.grad(), what + ": gradient");
        } finally {
            Compute.setThreads(before);
        }
    }
}
