package org.imle.train.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.imle.train.tensor.Compute;
import org.imle.train.tensor.MatMul;
import org.imle.train.tensor.Shape;
import org.imle.train.tensor.Tensor;
import org.imle.train.testing.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Forward results against direct naive implementations and against EJML. */
class ForwardReferenceTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 64, 129, 300})
    void matrixProductAgreesWithEjml(int size) {
        SplittableRandom rnd = new SplittableRandom(size);
        int m = size;
        int k = size + 3;
        int n = size / 2 + 5;
        FMatrixRMaj a = new FMatrixRMaj(m, k);
        FMatrixRMaj b = new FMatrixRMaj(k, n);
        fill(rnd, a.data);
        fill(rnd, b.data);
        FMatrixRMaj c = new FMatrixRMaj(m, n);
        CommonOps_FDRM.mult(a, b, c);
        float[] ours = new float[m * n];
        MatMul.multiply(a.data, 0, b.data, 0, ours, 0, m, k, n, false);
        for (int i = 0; i < ours.length; i++) {
            assertEquals(c.data[i], ours[i], 1e-4 * Math.sqrt(k), "element " + i);
        }
    }

    @Test
    void matrixProductIsBitIdenticalForAnyThreadCount() {
        SplittableRandom rnd = new SplittableRandom(5);
        int m = 200;
        int k = 333;
        int n = 170;
        float[] a = new float[m * k];
        float[] b = new float[k * n];
        fill(rnd, a);
        fill(rnd, b);
        int before = Compute.threads();
        try {
            Compute.setThreads(1);
            float[] one = new float[m * n];
            MatMul.multiply(a, 0, b, 0, one, 0, m, k, n, false);
            Compute.setThreads(3);
            float[] three = new float[m * n];
            MatMul.multiply(a, 0, b, 0, three, 0, m, k, n, false);
            assertArrayEquals(one, three);
        } finally {
            Compute.setThreads(before);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8})
    void convolutionAgreesWithDirectLoops(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int bN = 1 + rnd.nextInt(3);
        int c = 1 + rnd.nextInt(4);
        int o = 1 + rnd.nextInt(5);
        int k = 1 + rnd.nextInt(4);
        int stride = 1 + rnd.nextInt(3);
        int pad = rnd.nextInt(k);
        int h = k + rnd.nextInt(9);
        int w = k + rnd.nextInt(9);
        float[] x = new float[bN * c * h * w];
        float[] wt = new float[o * c * k * k];
        float[] bias = new float[o];
        fill(rnd, x);
        fill(rnd, wt);
        fill(rnd, bias);
        Tensor y = Convolution.conv2d(Tensor.of(x, bN, c, h, w), Tensor.of(wt, o, c, k, k), Tensor.of(bias, o), stride, pad);
        int oh = (h + 2 * pad - k) / stride + 1;
        int ow = (w + 2 * pad - k) / stride + 1;
        assertArrayEquals(new int[] {bN, o, oh, ow}, y.shape());
        for (int b = 0; b < bN; b++) {
            for (int oc = 0; oc < o; oc++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        double s = bias[oc];
                        for (int ch = 0; ch < c; ch++) {
                            for (int ky = 0; ky < k; ky++) {
                                for (int kx = 0; kx < k; kx++) {
                                    int iy = i * stride - pad + ky;
                                    int ix = j * stride - pad + kx;
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                        s += x[((b * c + ch) * h + iy) * w + ix] * wt[((oc * c + ch) * k + ky) * k + kx];
                                    }
                                }
                            }
                        }
                        assertEquals(s, y.get(b, oc, i, j), 1e-4, "output " + b + "," + oc + "," + i + "," + j);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void poolingAgreesWithDirectLoops(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] s = {1 + rnd.nextInt(2), 1 + rnd.nextInt(3), 3 + rnd.nextInt(10), 3 + rnd.nextInt(10)};
        float[] x = new float[Shape.size(s)];
        fill(rnd, x);
        Tensor t = Tensor.of(x, s);
        int k = 2 + rnd.nextInt(2);
        int stride = 1 + rnd.nextInt(2);
        int pad = rnd.nextInt(k / 2 + 1);
        Tensor max = Pooling.maxPool2d(t, k, stride, pad);
        Tensor avg = Pooling.avgPool2d(t, k, stride, pad);
        int oh = (s[2] + 2 * pad - k) / stride + 1;
        int ow = (s[3] + 2 * pad - k) / stride + 1;
        for (int p = 0; p < s[0] * s[1]; p++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double m = Double.NEGATIVE_INFINITY;
                    double sum = 0;
                    for (int dy = 0; dy < k; dy++) {
                        for (int dx = 0; dx < k; dx++) {
                            int yy = i * stride - pad + dy;
                            int xx = j * stride - pad + dx;
                            if (yy >= 0 && yy < s[2] && xx >= 0 && xx < s[3]) {
                                float v = x[(p * s[2] + yy) * s[3] + xx];
                                m = Math.max(m, v);
                                sum += v;
                            }
                        }
                    }
                    int o = (p * oh + i) * ow + j;
                    assertEquals(m, max.data()[o], 0.0);
                    assertEquals(sum / (k * k), avg.data()[o], 1e-6);
                }
            }
        }
        int outH = 1 + rnd.nextInt(s[2]);
        int outW = 1 + rnd.nextInt(s[3]);
        Tensor ad = Pooling.adaptiveMaxPool2d(t, outH, outW);
        for (int p = 0; p < s[0] * s[1]; p++) {
            for (int i = 0; i < outH; i++) {
                for (int j = 0; j < outW; j++) {
                    double m = Double.NEGATIVE_INFINITY;
                    int y0 = (int) Math.floor((double) i * s[2] / outH);
                    int y1 = (int) Math.ceil((double) (i + 1) * s[2] / outH);
                    int x0 = (int) Math.floor((double) j * s[3] / outW);
                    int x1 = (int) Math.ceil((double) (j + 1) * s[3] / outW);
                    for (int yy = y0; yy < y1; yy++) {
                        for (int xx = x0; xx < x1; xx++) {
                            m = Math.max(m, x[(p * s[2] + yy) * s[3] + xx]);
                        }
                    }
                    assertEquals(m, ad.data()[(p * outH + i) * outW + j], 0.0);
                }
            }
        }
    }

    @Test
    void broadcastingMatchesExplicitIndexing() {
        SplittableRandom rnd = new SplittableRandom(9);
        float[] a = GradCheck.values(rnd, 2 * 3 * 4);
        float[] b = GradCheck.values(rnd, 3);
        Tensor y = Tensor.of(a, 2, 3, 4).mul(Tensor.of(b, 3, 1));
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                for (int l = 0; l < 4; l++) {
                    assertEquals(a[(i * 3 + j) * 4 + l] * b[j], y.get(i, j, l), 0f);
                }
            }
        }
        Tensor s = Tensor.scalar(2f).add(Tensor.of(new float[] {1, 2}, 2));
        assertArrayEquals(new float[] {3, 4}, s.data());
        assertArrayEquals(new int[] {2}, s.shape());
        Tensor outer = Tensor.of(new float[] {1, 2, 3}, 3, 1).mul(Tensor.of(new float[] {10, 20}, 1, 2));
        assertArrayEquals(new float[] {10, 20, 20, 40, 30, 60}, outer.data());
    }

    @Test
    void shapeMismatchesNameBothShapes() {
        Tensor a = Tensor.zeros(2, 3);
        Tensor b = Tensor.zeros(4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> a.add(b));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.matmul(Tensor.zeros(2, 5)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 5]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.reshape(4, 2));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[4, 2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Shaping.concat(0, a, Tensor.zeros(2, 4)));
        assertTrue(e.getMessage().contains("[2, 3]") && e.getMessage().contains("[2, 4]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Convolution.conv2d(Tensor.zeros(1, 3, 5, 5),
                Tensor.zeros(4, 2, 3, 3), null, 1, 0));
        assertTrue(e.getMessage().contains("[1, 3, 5, 5]") && e.getMessage().contains("[4, 2, 3, 3]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> a.indexSelect(0, 2));
        assertTrue(e.getMessage().contains("position 1"), e.getMessage());
    }

    private static void fill(SplittableRandom rnd, float[] v) {
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
    }
}
