package org.imle.train.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.junit.jupiter.api.Test;

/**
 * The fused kernel (the convolutions', and every product's with {@code -Dimle.matmul=fma}), in
 * its Vector API and its scalar form, against a scalar {@link Math#fma} chain in
 * the same order (bit for bit, over tile and panel edges, offsets, accumulation, row ranges and
 * special values), against EJML to float32's rounding bound, and through {@link MatMul} in a JVM
 * that asks for it; a bad property value is refused naming it.
 */
class VectorMatMulFusedTest {

    private static final int[] SIDES = {1, 3, 4, 5, 8, 17, 33, 64, 65};
    private static final int[] DEPTHS = {1, 2, 5, 12, 129, 256, 257, 515};

    @Test
    void equalsTheScalarFmaChainBitForBitOnEveryShape() {
        SplittableRandom rnd = new SplittableRandom(41);
        for (int m : SIDES) {
            for (int k : DEPTHS) {
                for (int n : new int[] {1, 16, 31, 32, 33, 64, 100, 257, 300}) {
                    compare(rnd, m, k, n, rnd.nextBoolean(), rnd.nextInt(3), false);
                }
            }
        }
    }

    @Test
    void equalsTheScalarFmaChainOnSignedZerosInfinitiesAndNans() {
        SplittableRandom rnd = new SplittableRandom(43);
        for (int m : new int[] {1, 4, 5, 9}) {
            for (int k : new int[] {1, 3, 4, 9}) {
                for (int n : new int[] {1, 17, 32, 40}) {
                    compare(rnd, m, k, n, false, 1, true);
                    compare(rnd, m, k, n, true, 0, true);
                }
            }
        }
    }

    @Test
    void rowRangesGiveTheWholeProductsBits() {
        // MatMul splits rows across threads: any split must give the same elements
        SplittableRandom rnd = new SplittableRandom(47);
        int m = 70;
        int k = 300;
        int n = 90;
        float[] a = VectorMatMulTest.random(rnd, m * k);
        float[] b = VectorMatMulTest.random(rnd, k * n);
        float[] whole = new float[m * n];
        VectorMatMul.rows(a, 0, b, 0, whole, 0, 0, m, k, n, false, true);
        float[] split = new float[m * n];
        for (int[] range : new int[][] {{0, 13}, {13, 16}, {16, 52}, {52, 70}}) {
            VectorMatMul.rows(a, 0, b, 0, split, 0, range[0], range[1], k, n, false, true);
        }
        VectorMatMulTest.assertBitsEqual(whole, split, "rows in four ranges");
    }

    @Test
    void differsFromTheDefaultKernelsOnlyByRounding() {
        SplittableRandom rnd = new SplittableRandom(53);
        int size = 257;
        FMatrixRMaj a = new FMatrixRMaj(size, size);
        FMatrixRMaj b = new FMatrixRMaj(size, size);
        System.arraycopy(VectorMatMulTest.random(rnd, size * size), 0, a.data, 0, size * size);
        System.arraycopy(VectorMatMulTest.random(rnd, size * size), 0, b.data, 0, size * size);
        FMatrixRMaj e = new FMatrixRMaj(size, size);
        CommonOps_FDRM.mult(a, b, e);
        float[] fused = new float[size * size];
        VectorMatMul.rows(a.data, 0, b.data, 0, fused, 0, 0, size, size, size, false, true);
        float[] plain = new float[size * size];
        MatMul.rows(a.data, 0, b.data, 0, plain, 0, 0, size, size, size, false);
        double bound = 2 * VectorMatMulTest.gamma(size) * size;
        int differing = 0;
        for (int i = 0; i < fused.length; i++) {
            assertEquals(e.data[i], fused[i], bound, "element " + i + " against EJML");
            if (Float.floatToIntBits(fused[i]) != Float.floatToIntBits(plain[i])) {
                differing++;
            }
        }
        // the point of the kernel's documentation: its numbers are not the default kernels'
        assertTrue(differing > fused.length / 10, differing + " of " + fused.length + " elements differ");
    }

    @Test
    void aJvmAskingForFmaRunsItAndABadValueIsRefusedNamingIt() throws Exception {
        List<String> fma = VectorMatMulTest.child(List.of("--add-modules=jdk.incubator.vector", "-Dimle.matmul=fma"),
                FusedChild.class);
        assertEquals("0", fma.get(fma.size() - 1), fma.toString());
        assertTrue(fma.get(0).startsWith("Vector API with fused multiply-add"), fma.toString());
        assertEquals(Integer.toHexString(FusedChild.checksum(true)), fma.get(1), "MatMul.multiply runs the fused kernel");
        assertNotEquals(fma.get(1), Integer.toHexString(FusedChild.checksum(false)));

        List<String> bad = VectorMatMulTest.child(List.of("--add-modules=jdk.incubator.vector", "-Dimle.matmul=fast"),
                FusedChild.class);
        assertNotEquals("0", bad.get(bad.size() - 1), bad.toString());
        assertTrue(String.join("\n", bad).contains("-Dimle.matmul must be 'scalar' or 'fma'"), bad.toString());
        assertTrue(String.join("\n", bad).contains("got 'fast'"), bad.toString());
    }

    /** Prints the kernel MatMul chose and a checksum of a product through MatMul.multiply. */
    static final class FusedChild {
        public static void main(String[] args) {
            System.out.println(MatMul.kernel());
            System.out.println(Integer.toHexString(checksum(null)));
        }

        /** A hash of the bits of a 70 x 300 x 90 product: by MatMul (null), the fused kernel or the scalar. */
        static int checksum(Boolean fused) {
            SplittableRandom rnd = new SplittableRandom(59);
            int m = 70;
            int k = 300;
            int n = 90;
            float[] a = VectorMatMulTest.random(rnd, m * k);
            float[] b = VectorMatMulTest.random(rnd, k * n);
            float[] c = VectorMatMulTest.random(rnd, m * n);
            if (fused == null) {
                MatMul.multiply(a, 0, b, 0, c, 0, m, k, n, true);
            } else if (fused) {
                VectorMatMul.rows(a, 0, b, 0, c, 0, 0, m, k, n, true, true);
            } else {
                MatMul.rows(a, 0, b, 0, c, 0, 0, m, k, n, true);
            }
            int h = 1;
            for (float v : c) {
                h = 31 * h + Float.floatToRawIntBits(v);
            }
            return h;
        }
    }

    /** The kernel against {@code s = fma(a_ip, b_pj, s)} for p ascending from C (or +0), bitwise. */
    private static void compare(SplittableRandom rnd, int m, int k, int n, boolean accumulate, int off, boolean special) {
        float[] a = VectorMatMulTest.random(rnd, off + m * k);
        float[] b = VectorMatMulTest.random(rnd, off + k * n);
        float[] c0 = VectorMatMulTest.random(rnd, off + m * n);
        if (special) {
            float[] values = {0f, -0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN, -1f, 1e-40f};
            for (float[] x : new float[][] {a, b, c0}) {
                for (int i = 0; i < x.length; i++) {
                    if (rnd.nextInt(3) == 0) {
                        x[i] = values[rnd.nextInt(values.length)];
                    }
                }
            }
        }
        float[] expected = c0.clone();
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float s = accumulate ? c0[off + i * n + j] : 0f;
                for (int p = 0; p < k; p++) {
                    s = Math.fma(a[off + i * k + p], b[off + p * n + j], s);
                }
                expected[off + i * n + j] = s;
            }
        }
        float[] fused = c0.clone();
        VectorMatMul.rows(a, off, b, off, fused, off, 0, m, k, n, accumulate, true);
        VectorMatMulTest.assertBitsEqual(expected, fused,
                m + " x " + k + " x " + n + (accumulate ? ", accumulating" : "") + ", offset " + off);
        // the convolutions' kernel in a JVM without the module: the same chain by Math.fma
        float[] scalar = c0.clone();
        MatMul.fusedRows(a, off, b, off, scalar, off, 0, m, k, n, accumulate);
        VectorMatMulTest.assertBitsEqual(expected, scalar,
                "scalar fused " + m + " x " + k + " x " + n + (accumulate ? ", accumulating" : "") + ", offset " + off);
    }
}
