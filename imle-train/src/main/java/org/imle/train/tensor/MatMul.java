package org.imle.train.tensor;

/**
 * The float32 matrix-product kernel behind every matmul and convolution:
 * {@code C (+)= A * B} for row-major A (m x k), B (k x n), C (m x n) in plain arrays.
 *
 * <p>Blocking: B is walked in panels of {@value #KB} rows by {@value #NB} columns (128 KiB, kept in
 * L2 while every row of A passes over it). Register tiling: the innermost loop updates one row
 * segment of C with four rows of the panel at once, {@code c[j] += a0*b0[j] + a1*b1[j] +
 * a2*b2[j] + a3*b3[j]}, so each element of C is loaded and stored once per four products and the
 * partial sum stays in a vector register; HotSpot's superword pass turns the loop over j into
 * 8-lane AVX2 (or 4-lane SSE/NEON) instructions. Cost O(m k n); no allocation.
 *
 * <p>Parallelism: for large products the rows of C are split into blocks of {@value #ROW_BLOCK}
 * rows, one task each. The order in which each element's products are summed depends only on k,
 * never on the row split, so results are bit-identical for any thread count.
 */
public final class MatMul {

    static final int KB = 128;
    static final int NB = 256;
    static final int ROW_BLOCK = 16;
    /** Below this many multiply-adds a product runs on the calling thread. */
    private static final long PARALLEL_WORK = 1L << 18;

    private MatMul() {
    }

    /**
     * {@code C = A * B} (or {@code C += A * B} when {@code accumulate}) on sub-arrays starting at
     * the given offsets, running in parallel over rows of C for large sizes.
     */
    public static void multiply(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
            int m, int k, int n, boolean accumulate) {
        if ((long) m * k * n < PARALLEL_WORK || m <= ROW_BLOCK) {
            rows(a, aOff, b, bOff, c, cOff, 0, m, k, n, accumulate);
            return;
        }
        int blocks = (m + ROW_BLOCK - 1) / ROW_BLOCK;
        Compute.parallelFor(blocks, blk -> rows(a, aOff, b, bOff, c, cOff,
                blk * ROW_BLOCK, Math.min(m, (blk + 1) * ROW_BLOCK), k, n, accumulate));
    }

    /** Rows [r0, r1) of C, on the calling thread. */
    static void rows(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
            int r0, int r1, int k, int n, boolean accumulate) {
        if (!accumulate) {
            java.util.Arrays.fill(c, cOff + r0 * n, cOff + r1 * n, 0f);
        }
        for (int j0 = 0; j0 < n; j0 += NB) {
            int j1 = Math.min(n, j0 + NB);
            for (int p0 = 0; p0 < k; p0 += KB) {
                int p1 = Math.min(k, p0 + KB);
                for (int i = r0; i < r1; i++) {
                    panel(a, aOff + i * k, b, bOff, c, cOff + i * n, p0, p1, j0, j1, n);
                }
            }
        }
    }

    /** One row of C over columns [j0, j1), adding the products of A's columns [p0, p1). */
    private static void panel(float[] a, int aRow, float[] b, int bOff, float[] c, int cRow,
            int p0, int p1, int j0, int j1, int n) {
        int p = p0;
        for (; p + 3 < p1; p += 4) {
            float a0 = a[aRow + p];
            float a1 = a[aRow + p + 1];
            float a2 = a[aRow + p + 2];
            float a3 = a[aRow + p + 3];
            int b0 = bOff + p * n;
            int b1 = b0 + n;
            int b2 = b1 + n;
            int b3 = b2 + n;
            for (int j = j0; j < j1; j++) {
                c[cRow + j] += a0 * b[b0 + j] + a1 * b[b1 + j] + a2 * b[b2 + j] + a3 * b[b3 + j];
            }
        }
        for (; p < p1; p++) {
            float a0 = a[aRow + p];
            int b0 = bOff + p * n;
            for (int j = j0; j < j1; j++) {
                c[cRow + j] += a0 * b[b0 + j];
            }
        }
    }

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
