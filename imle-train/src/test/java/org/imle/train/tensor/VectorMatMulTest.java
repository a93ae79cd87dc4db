package org.imle.train.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernel against the scalar kernel it replaces (bit for bit: same summation order),
 * against a float64 product (to float32's rounding bound) and against EJML, over shapes at and
 * around the register tile (4 x {@link VectorMatMul#NR}) and the panel ({@link VectorMatMul#KB} x
 * {@link VectorMatMul#NB}), with offsets, accumulation and row ranges; and the fallback without
 * the module.
 */
class VectorMatMulTest {

    private static final int[] SIDES = {1, 2, 3, 4, 5, 7, 8, 15, 16, 17, 31, 32, 33, 48, 63, 64, 65};
    /** k around the groups of four and the panel height. */
    private static final int[] DEPTHS = {1, 2, 3, 4, 5, 7, 12, 64, 129, 255, 256, 257, 515};

    @Test
    void theBuildRunsTheVectorKernel() {
        // surefire's argLine adds the module (imle.jvm.args): the tests exercise the kernel users get
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent(), "module in the test JVM");
        assertTrue(MatMul.kernel().startsWith("Vector API"), MatMul.kernel());
    }

    @Test
    void productsBelowTheThresholdRunOnTheScalarKernel() {
        assertFalse(MatMul.onVectorKernel(MatMul.VECTOR_WORK - 1));
        assertTrue(MatMul.onVectorKernel(MatMul.VECTOR_WORK));
        // tiledWork counts the padding of the kernel that runs: none for the scalar kernel's rows,
        // whole 4 x NR tiles for the Vector API's
        assertEquals(5L * 3 * 7, MatMul.tiledWork(5, 3, 7));
        int m = 5;
        int k = (int) MatMul.VECTOR_WORK;
        int n = 7;
        long padded = 8L * k * ((n + VectorMatMul.NR - 1) / VectorMatMul.NR * VectorMatMul.NR);
        assertEquals(padded, MatMul.tiledWork(m, k, n));
        assertTrue(MatMul.kernel().contains("products under " + MatMul.VECTOR_WORK), MatMul.kernel());
    }

    @Test
    void equalsTheScalarKernelBitForBitOnEveryShape() {
        SplittableRandom rnd = new SplittableRandom(19);
        int cases = 0;
        for (int m : SIDES) {
            for (int k : DEPTHS) {
                for (int n : new int[] {1, 3, 16, 31, 32, 33, 47, 64, 100, 255, 256, 257, 300}) {
                    boolean accumulate = rnd.nextBoolean();
                    compare(rnd, m, k, n, accumulate, rnd.nextInt(3), false);
                    cases++;
                }
            }
        }
        assertEquals(SIDES.length * DEPTHS.length * 13, cases);
    }

    @Test
    void equalsTheScalarKernelOnSignedZerosInfinitiesAndNans() {
        SplittableRandom rnd = new SplittableRandom(23);
        for (int m : new int[] {1, 4, 5, 9}) {
            for (int k : new int[] {1, 3, 4, 8, 9}) {
                for (int n : new int[] {1, 17, 32, 40}) {
                    compare(rnd, m, k, n, false, 1, true);
                    compare(rnd, m, k, n, true, 0, true);
                }
            }
        }
    }

    @Test
    void writesOnlyTheRequestedRowsOfC() {
        SplittableRandom rnd = new SplittableRandom(29);
        int m = 23;
        int k = 37;
        int n = 45;
        float[] a = random(rnd, m * k);
        float[] b = random(rnd, k * n);
        float[] scalar = random(rnd, m * n + 7);
        float[] vector = scalar.clone();
        MatMul.rows(a, 0, b, 0, scalar, 5, 6, 17, k, n, false);
        VectorMatMul.rows(a, 0, b, 0, vector, 5, 6, 17, k, n, false);
        assertBitsEqual(scalar, vector, "rows 6..17 of C at offset 5");
        float[] untouched = scalar.clone();
        VectorMatMul.rows(a, 0, b, 0, untouched, 5, 6, 17, k, n, true);
        for (int i = 0; i < untouched.length; i++) {
            if (i < 5 + 6 * n || i >= 5 + 17 * n) {
                assertEquals(Float.floatToRawIntBits(scalar[i]), Float.floatToRawIntBits(untouched[i]), "element " + i);
            }
        }
    }

    @Test
    void agreesWithEjmlOnSquareProducts() {
        SplittableRandom rnd = new SplittableRandom(31);
        for (int size : new int[] {1, 7, 33, 128, 257}) {
            FMatrixRMaj a = new FMatrixRMaj(size, size);
            FMatrixRMaj b = new FMatrixRMaj(size, size);
            System.arraycopy(random(rnd, size * size), 0, a.data, 0, size * size);
            System.arraycopy(random(rnd, size * size), 0, b.data, 0, size * size);
            FMatrixRMaj e = new FMatrixRMaj(size, size);
            CommonOps_FDRM.mult(a, b, e);
            float[] ours = new float[size * size];
            VectorMatMul.rows(a.data, 0, b.data, 0, ours, 0, 0, size, size, size, false);
            // both are float32 sums of the same products in different orders: each within
            // gamma_k * sum |a| |b| of the exact value (entries in [-1, 1], so sum |a||b| <= k)
            double bound = 2 * gamma(size) * size;
            for (int i = 0; i < ours.length; i++) {
                assertEquals(e.data[i], ours[i], bound, "size " + size + ", element " + i);
            }
        }
    }

    @Test
    void withoutTheModuleTheScalarKernelRunsAndGivesTheSameBits() throws Exception {
        // a JVM without --add-modules jdk.incubator.vector: the engine must load nothing of the
        // Vector API (a NoClassDefFoundError would end the child) and say it runs the scalar kernel
        List<String> lines = child(List.of(), ScalarKernelChild.class);
        assertEquals("0", lines.get(lines.size() - 1), lines.toString());
        assertEquals(3, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("scalar"), lines.get(0));
        assertEquals(Integer.toHexString(ScalarKernelChild.checksum()), lines.get(1), "same bits as this JVM's kernel");
    }

    /**
     * Runs {@code main} in a child JVM with this test's class path and the given options: its
     * output lines (without the incubator module's warning), then its exit value.
     */
    static List<String> child(List<String> options, Class<?> main) throws Exception {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        command.addAll(options);
        command.addAll(List.of("-cp", classpath, main.getName()));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (!line.startsWith("WARNING: Using incubator modules")) {
                    lines.add(line);
                }
            }
        } finally {
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM ended");
        }
        lines.add(Integer.toString(p.exitValue()));
        return lines;
    }

    /** Runs MatMul in a JVM without the module: prints the kernel and a checksum of a product. */
    static final class ScalarKernelChild {
        public static void main(String[] args) {
            System.out.println(MatMul.kernel());
            System.out.println(Integer.toHexString(checksum()));
        }

        /** A hash of the bits of a 70 x 300 x 90 product with accumulation, by MatMul.multiply. */
        static int checksum() {
            SplittableRandom rnd = new SplittableRandom(37);
            int m = 70;
            int k = 300;
            int n = 90;
            float[] a = random(rnd, m * k);
            float[] b = random(rnd, k * n);
            float[] c = random(rnd, m * n);
            MatMul.multiply(a, 0, b, 0, c, 0, m, k, n, true);
            int h = 1;
            for (float v : c) {
                h = 31 * h + Float.floatToRawIntBits(v);
            }
            return h;
        }
    }

    /**
     * Both kernels on the same operands (at offsets), bitwise; and the vector kernel against the
     * float64 product to the rounding bound {@code gamma_(k+1) (|c0| + sum |a| |b|)}.
     */
    private static void compare(SplittableRandom rnd, int m, int k, int n, boolean accumulate, int off, boolean special) {
        float[] a = random(rnd, off + m * k);
        float[] b = random(rnd, off + k * n);
        float[] c0 = random(rnd, off + m * n);
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
        float[] scalar = c0.clone();
        float[] vector = c0.clone();
        MatMul.rows(a, off, b, off, scalar, off, 0, m, k, n, accumulate);
        VectorMatMul.rows(a, off, b, off, vector, off, 0, m, k, n, accumulate);
        String shape = m + " x " + k + " x " + n + (accumulate ? ", accumulating" : "") + ", offset " + off;
        assertBitsEqual(scalar, vector, shape);
        if (special) {
            return;
        }
        double g = gamma(k + 1);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double exact = accumulate ? c0[off + i * n + j] : 0;
                double size = Math.abs(exact);
                for (int p = 0; p < k; p++) {
                    double t = (double) a[off + i * k + p] * b[off + p * n + j];
                    exact += t;
                    size += Math.abs(t);
                }
                assertEquals(exact, vector[off + i * n + j], g * size, shape + ", element (" + i + ", " + j + ")");
            }
        }
    }

    /** Higham's gamma_k = k u / (1 - k u) for float32's unit roundoff u = 2^-24. */
    static double gamma(int k) {
        double u = Math.scalb(1.0, -24);
        return k * u / (1 - k * u);
    }

    static void assertBitsEqual(float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            // floatToIntBits: the sign of zeros counts, a NaN's payload does not (Java leaves it open)
            if (Float.floatToIntBits(expected[i]) != Float.floatToIntBits(actual[i])) {
                throw new AssertionError(what + ": element " + i + " is " + actual[i] + ", expected " + expected[i]);
            }
        }
    }

    static float[] random(SplittableRandom rnd, int length) {
        float[] x = new float[length];
        for (int i = 0; i < length; i++) {
            x[i] = (float) rnd.nextDouble(-1, 1);
        }
        return x;
    }
}
