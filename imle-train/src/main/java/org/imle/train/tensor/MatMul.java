package org.imle.train.tensor;

/**
 * The float32 matrix-product kernel behind every matmul and convolution:
 * {@code C (+)= A * B} for row-major A (m x k), B (k x n), C (m x n) in plain arrays.
 *
 * <p>Two kernels compute it, with the same numbers bit for bit (each element of C is summed in
 * the same order, see {@link VectorMatMul}); which one can run is decided once, at class
 * initialisation, and {@link #kernel()} says which:
 * <ul>
 * <li>the Vector API kernel ({@link VectorMatMul}, a 4 x 2-vector register tile), when the JVM
 * was started with {@code --add-modules jdk.incubator.vector} (the {@code ./imle} launcher, the
 * build's tests and the JMH forks do so);
 * even then a product of fewer than {@value #VECTOR_WORK} multiply-adds runs on the scalar
 * kernel;
 * <li>otherwise the scalar kernel below, which needs no JVM flag. The system property
 * {@code imle.matmul=scalar} selects it even when the module is there.
 * </ul>
 * The fused kernel ({@link #multiplyFused}: {@link VectorMatMul}'s fused tile, or {@link #fusedRows}
 * without the module, the same numbers) rounds once per multiply-add: the convolutions always use
 * it, and {@code -Dimle.matmul=fma} makes {@link #multiply} use it too (other numbers for every
 * other product, still the same for any thread count).
 *
 * <p>The scalar kernel. Blocking: B is copied in panels of {@value #KB} rows by {@value #NB}
 * columns (128 KiB, kept in L2 while every row of A passes over it) into separate row arrays.
 * Register tiling: the innermost loop updates a buffered row segment of C with four panel rows at
 * once, {@code c[j] += a0*b0[j] + a1*b1[j] + a2*b2[j] + a3*b3[j]}, so each element of C is loaded
 * and stored once per four products and the partial sum stays in a vector register; HotSpot's
 * superword pass turns the loop over j into 8-lane AVX2 (or 4-lane SSE/NEON) instructions. Cost
 * O(m k n); per-thread scratch is allocated once, nothing per call.
 *
 * <p>Parallelism: for large products the rows of C are split into blocks of at least {@value #ROW_BLOCK}
 * rows, one task each. The order in which each element's products are summed depends only on k,
 * never on the row split or the kernel, so results are bit-identical for any thread count.
 */
public final class MatMul {

    static final int KB = 128;
    static final int NB = 256;
    static final int ROW_BLOCK = 16;
    /** Below this many multiply-adds a product runs on the calling thread. */
    private static final long PARALLEL_WORK = 1L << 18;
    /**
     * Below this many multiply-adds a product runs on the scalar kernel even when the Vector API
     * kernel could: the same bits, and in a fresh JVM the Vector API runs its Java fallback (boxed
     * vectors, a lambda per lane operation) until C2 has compiled the tile. A 20-epoch run on
     * PyEPO's shortest path (a 5 x 40 linear model: batches of 6,400 multiply-adds, the test set
     * 200,000) spent 0.25 s of its 0.9 s in that fallback; on the scalar kernel its products take
     * under a millisecond in all. Networks whose products are larger (convolutions, wide layers)
     * warm the Vector API kernel up in their first steps and gain from it for the rest.
     */
    static final long VECTOR_WORK = 1L << 20;
    /** The kernel asked for by {@code -Dimle.matmul}: null (the default), scalar or fma. */
    private static final String ASKED = askedKernel();
    /** Whether a Vector API kernel can run; see {@link #kernel()}. */
    private static final boolean VECTOR = !"scalar".equals(ASKED) && vectorKernelUsable();
    /** Whether the fused (fma) Vector API kernel runs: asked for, and the module is there. */
    private static final boolean FUSED = VECTOR && "fma".equals(ASKED);

    private MatMul() {
    }

    /**
     * {@code C = A * B} (or {@code C += A * B} when {@code accumulate}) on sub-arrays starting at
     * the given offsets, running in parallel over rows of C for large sizes.
     */
    public static void multiply(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
            int m, int k, int n, boolean accumulate) {
        product(a, aOff, b, bOff, c, cOff, m, k, n, accumulate, FUSED);
    }

    /**
     * As {@link #multiply}, always with fused multiply-adds: each element of C is the chain
     * {@code s = fma(a_ip, b_pj, s)} for p = 0, 1, ... from C (or +0), rounded once a step. The
     * convolutions use it: it is the faster kernel, and its numbers are the same in every JVM, with
     * or without the Vector API module (the scalar kernel then runs {@link Math#fma} in the same
     * order).
     */
    public static void multiplyFused(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
            int m, int k, int n, boolean accumulate) {
        product(a, aOff, b, bOff, c, cOff, m, k, n, accumulate, true);
    }

    private static void product(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
            int m, int k, int n, boolean accumulate, boolean fused) {
        // each task packs the panels of B again, so rows are split only when the tasks run side by side
        long work = (long) m * k * n;
        boolean vector = onVectorKernel(work);
        if (work < PARALLEL_WORK || m <= ROW_BLOCK || !Compute.wouldSplit()) {
            kernelRows(a, aOff, b, bOff, c, cOff, 0, m, k, n, accumulate, fused, vector);
            return;
        }
        // Chunk size only affects speed: each element's sum is formed the same way in any chunk.
        int chunk = Math.max(ROW_BLOCK, (m + 4 * Compute.threads() - 1) / (4 * Compute.threads()));
        chunk = (chunk + 3) / 4 * 4; // whole register tiles
        int rowsPerTask = chunk;
        int blocks = (m + chunk - 1) / chunk;
        Compute.parallelFor(blocks, blk -> kernelRows(a, aOff, b, bOff, c, cOff,
                blk * rowsPerTask, Math.min(m, (blk + 1) * rowsPerTask), k, n, accumulate, fused, vector));
    }

    /**
     * The multiply-adds the kernel performs for an m x k by k x n product, counting the zeros that
     * pad its edge tiles (the Vector API kernel works in tiles of 4 rows by two vectors): for
     * choosing between forming A B and forming its transpose B^T A^T, which give the same numbers.
     */
    public static long tiledWork(int m, int k, int n) {
        boolean vector = onVectorKernel((long) m * k * n);
        int mr = vector ? VectorMatMul.MR : 1;
        int nr = vector ? VectorMatMul.NR : 1;
        return (long) ((m + mr - 1) / mr * mr) * k * ((n + nr - 1) / nr * nr);
    }

    /**
     * Which kernel computes products in this JVM, for {@code imle bench} and run logs: the Vector
     * API kernel or the scalar one (and why).
     */
    public static String kernel() {
        if (FUSED) {
            return VectorMatMul.describeFused() + "; convolutions the same; products under " + VECTOR_WORK
                    + " multiply-adds the scalar fused kernel";
        }
        String conv = "; convolutions " + (VECTOR ? "its fused variant" : "the scalar kernel with Math.fma");
        if (VECTOR) {
            return VectorMatMul.describe() + conv + "; products under " + VECTOR_WORK
                    + " multiply-adds the scalar kernel";
        }
        if ("scalar".equals(ASKED)) {
            return "scalar (superword loops; -Dimle.matmul=scalar)" + conv;
        }
        String fma = "fma".equals(ASKED) ? " (-Dimle.matmul=fma needs it too)" : "";
        return "scalar (superword loops; start the JVM with --add-modules jdk.incubator.vector for the Vector API kernel"
                + fma + ")" + conv;
    }

    /**
     * {@code -Dimle.matmul}: unset for the default kernel (Vector API when the module is there),
     * {@code scalar}, or {@code fma} for the fused kernel, which gives other numbers.
     *
     * @throws IllegalArgumentException naming the property and its value when it is neither
     */
    private static String askedKernel() {
        String asked = System.getProperty("imle.matmul");
        if (asked == null || asked.isEmpty()) {
            return null;
        }
        if (!asked.equals("scalar") && !asked.equals("fma")) {
            throw new IllegalArgumentException("-Dimle.matmul must be 'scalar' or 'fma' (or unset for the default"
                    + " kernel), got '" + asked + "'");
        }
        return asked;
    }

    /** Whether a product of {@code work} multiply-adds runs on the Vector API kernel in this JVM. */
    static boolean onVectorKernel(long work) {
        return VECTOR && work >= VECTOR_WORK;
    }

    /**
     * True when the Vector API kernels can run: the module is in the boot layer and their classes
     * link. Nothing of the Vector API is loaded otherwise.
     */
    private static boolean vectorKernelUsable() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return false;
        }
        try {
            VectorMatMul.describe();
            return true;
        } catch (LinkageError | RuntimeException e) {
            return false;
        }
    }

    private static void kernelRows(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
            int r0, int r1, int k, int n, boolean accumulate, boolean fused, boolean vector) {
        if (vector) {
            VectorMatMul.rows(a, aOff, b, bOff, c, cOff, r0, r1, k, n, accumulate, fused);
        } else if (fused) {
            fusedRows(a, aOff, b, bOff, c, cOff, r0, r1, k, n, accumulate);
        } else {
            rows(a, aOff, b, bOff, c, cOff, r0, r1, k, n, accumulate);
        }
    }

    /**
     * Rows [r0, r1) of C by the scalar fused kernel, on the calling thread: the same blocking as
     * {@link #rows}, one {@link Math#fma} a step in p order, so the bits of the Vector API's fused tile.
     */
    static void fusedRows(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
            int r0, int r1, int k, int n, boolean accumulate) {
        rows(a, aOff, b, bOff, c, cOff, r0, r1, k, n, accumulate, true);
    }

    /** Rows [r0, r1) of C by the scalar kernel, on the calling thread. */
    static void rows(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
            int r0, int r1, int k, int n, boolean accumulate) {
        rows(a, aOff, b, bOff, c, cOff, r0, r1, k, n, accumulate, false);
    }

    private static void rows(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
            int r0, int r1, int k, int n, boolean accumulate, boolean fused) {
        Scratch s = SCRATCH.get();
        float[][] panel = s.panel;
        float[] row = s.row;
        if (k == 0 && !accumulate) {
            java.util.Arrays.fill(c, cOff + r0 * n, cOff + r1 * n, 0f);
            return;
        }
        for (int j0 = 0; j0 < n; j0 += NB) {
            int w = Math.min(NB, n - j0);
            for (int p0 = 0; p0 < k; p0 += KB) {
                int kb = Math.min(KB, k - p0);
                for (int p = 0; p < kb; p++) {
                    System.arraycopy(b, bOff + (p0 + p) * n + j0, panel[p], 0, w);
                }
                boolean fresh = p0 == 0 && !accumulate;
                for (int i = r0; i < r1; i++) {
                    int cAt = cOff + i * n + j0;
                    if (fresh) {
                        java.util.Arrays.fill(row, 0, w, 0f);
                    } else {
                        System.arraycopy(c, cAt, row, 0, w);
                    }
                    if (fused) {
                        fusedKernel(a, aOff + i * k + p0, panel, kb, row, w);
                    } else {
                        kernel(a, aOff + i * k + p0, panel, kb, row, w);
                    }
                    System.arraycopy(row, 0, c, cAt, w);
                }
            }
        }
    }

    /**
     * {@code row[j] = fma(a[aAt + p], panel[p][j], row[j])} for p = 0 .. kb - 1 in order, j < w;
     * four panel rows a pass, nested in p order, so that each row element is loaded and stored
     * once per four steps (the same operations as one row a pass, 1.6-2 times faster here).
     */
    private static void fusedKernel(float[] a, int aAt, float[][] panel, int kb, float[] row, int w) {
        int p = 0;
        for (; p + 3 < kb; p += 4) {
            float a0 = a[aAt + p];
            float a1 = a[aAt + p + 1];
            float a2 = a[aAt + p + 2];
            float a3 = a[aAt + p + 3];
            float[] b0 = panel[p];
            float[] b1 = panel[p + 1];
            float[] b2 = panel[p + 2];
            float[] b3 = panel[p + 3];
            for (int j = 0; j < w; j++) {
                row[j] = Math.fma(a3, b3[j], Math.fma(a2, b2[j], Math.fma(a1, b1[j], Math.fma(a0, b0[j], row[j]))));
            }
        }
        for (; p < kb; p++) {
            float ap = a[aAt + p];
            float[] bp = panel[p];
            for (int j = 0; j < w; j++) {
                row[j] = Math.fma(ap, bp[j], row[j]);
            }
        }
    }

    /**
     * {@code row[j] += sum_p a[aAt + p] * panel[p][j]} for p < kb, j < w, four panel rows at a
     * time. Every array is indexed by j alone: that is what lets HotSpot's superword pass prove
     * the loads and the store independent and vectorise the loop (with offsets into one shared
     * array it cannot rule out aliasing and stays scalar, about six times slower).
     */
    private static void kernel(float[] a, int aAt, float[][] panel, int kb, float[] row, int w) {
        int p = 0;
        for (; p + 3 < kb; p += 4) {
            float a0 = a[aAt + p];
            float a1 = a[aAt + p + 1];
            float a2 = a[aAt + p + 2];
            float a3 = a[aAt + p + 3];
            float[] b0 = panel[p];
            float[] b1 = panel[p + 1];
            float[] b2 = panel[p + 2];
            float[] b3 = panel[p + 3];
            for (int j = 0; j < w; j++) {
                row[j] += a0 * b0[j] + a1 * b1[j] + a2 * b2[j] + a3 * b3[j];
            }
        }
        for (; p < kb; p++) {
            float a0 = a[aAt + p];
            float[] b0 = panel[p];
            for (int j = 0; j < w; j++) {
                row[j] += a0 * b0[j];
            }
        }
    }

    /** Per-thread packed panel of B and one row buffer of C. */
    private static final class Scratch {
        final float[][] panel = new float[KB][NB];
        final float[] row = new float[NB];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

    /** Writes the transpose of the r x c matrix {@code src} (from offset) into {@code dst}. */
    public static void transpose(float[] src, int srcOff, int r, int c, float[] dst, int dstOff) {
        final int t = 32;
        for (int i0 = 0; i0 < r; i0 += t) {
            int i1 = Math.min(r, i0 + t);
            for (int j0 = 0; j0 < c; j0 += t) {
                int j1 = Math.min(c, j0 + t);
                for (int i = i0; i < i1; i++) {
                    for (int j = j0; j < j1; j++) {
                        dst[dstOff + j * r + i] = src[srcOff + i * c + j];
                    }
                }
            }
        }
    }
}
