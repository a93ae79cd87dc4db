package org.imle.train.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The opt-in fused kernel of {@link MatMul} ({@code -Dimle.matmul=fma}): {@code C (+)= A * B} with
 * the register tile and packing of {@link VectorMatMul}, but each step a lane-wise fused
 * multiply-add, {@code s = fma(a_ip, b_pj, s)} for p = 0, 1, ... in order, starting from C (or +0).
 *
 * <p><b>Other numbers than the default kernels.</b> An fma rounds once where the default kernels
 * round the product and the sum apart, so every trained number moves in its last bits and then
 * along the run; the numbers of docs/EXPERIMENTS.md and the fingerprint tests are the default
 * kernels'. Each element is still formed by one fixed chain of operations, so the results do not
 * depend on the thread count or the blocking, and equal a scalar {@link Math#fma} loop bit for
 * bit. Chosen for speed: the second rounding costs about a quarter of the default kernel's time
 * (docs/BENCHMARKS.md, section 6).
 */
final class FusedVectorMatMul {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Rows of the register tile. */
    static final int MR = 4;
    /** Columns of the register tile: two vectors. */
    static final int NR = 2 * L;
    /** Rows of a packed panel of B. */
    static final int KB = 256;
    /** Columns of a packed panel of B, a multiple of {@link #NR}. */
    static final int NB = Math.max(NR, 256 / NR * NR);

    private FusedVectorMatMul() {
    }

    /** A description of the kernel for {@code imle bench} and the logs. */
    static String describe() {
        return "Vector API with fused multiply-add (jdk.incubator.vector, -Dimle.matmul=fma), " + S.vectorBitSize() + "-bit FloatVector, "
                + MR + " x " + NR + " register tile";
    }

    /** Rows [r0, r1) of C, on the calling thread. */
    static void rows(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
            int r0, int r1, int k, int n, boolean accumulate) {
        if (k == 0) {
            if (!accumulate) {
                java.util.Arrays.fill(c, cOff + r0 * n, cOff + r1 * n, 0f);
            }
            return;
        }
        Scratch s = SCRATCH.get();
        float[] pb = s.packed;
        float[] tile = s.tile;
        for (int j0 = 0; j0 < n; j0 += NB) {
            int w = Math.min(NB, n - j0);
            int strips = (w + NR - 1) / NR;
            for (int p0 = 0; p0 < k; p0 += KB) {
                int kb = Math.min(KB, k - p0);
                pack(b, bOff + p0 * n + j0, n, kb, w, pb);
                boolean fresh = p0 == 0 && !accumulate;
                for (int st = 0; st < strips; st++) {
                    int jAt = j0 + st * NR;
                    int cols = Math.min(NR, n - jAt);
                    int pbAt = st * kb * NR;
                    for (int i = r0; i < r1; i += MR) {
                        int rowsHere = Math.min(MR, r1 - i);
                        int aAt = aOff + i * k + p0;
                        int cAt = cOff + i * n + jAt;
                        if (rowsHere == MR && cols == NR) {
                            tile(a, aAt, aAt + k, aAt + 2 * k, aAt + 3 * k, pb, pbAt, kb,
                                    c, cAt, cAt + n, cAt + 2 * n, cAt + 3 * n, fresh);
                        } else {
                            edge(a, aAt, k, rowsHere, pb, pbAt, kb, c, cAt, n, cols, tile, fresh);
                        }
                    }
                }
            }
        }
    }

    /** Copies rows [0, kb) by columns [0, w) of B (from bAt, row stride n) into strips of NR. */
    private static void pack(float[] b, int bAt, int n, int kb, int w, float[] pb) {
        for (int st = 0, j = 0; j < w; st++, j += NR) {
            int cols = Math.min(NR, w - j);
            int at = st * kb * NR;
            for (int p = 0; p < kb; p++, at += NR) {
                System.arraycopy(b, bAt + p * n + j, pb, at, cols);
                if (cols < NR) {
                    java.util.Arrays.fill(pb, at + cols, at + NR, 0f);
                }
            }
        }
    }

    /**
     * A tile with fewer than MR rows or NR columns: computed on a zero-padded copy of its part of
     * C (missing rows repeat the first row of A; their results are dropped).
     */
    private static void edge(float[] a, int aAt, int k, int rows, float[] pb, int pbAt, int kb,
            float[] c, int cAt, int n, int cols, float[] tile, boolean fresh) {
        if (!fresh) {
            java.util.Arrays.fill(tile, 0f);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(c, cAt + r * n, tile, r * NR, cols);
            }
        }
        int a1 = rows > 1 ? aAt + k : aAt;
        int a2 = rows > 2 ? aAt + 2 * k : aAt;
        int a3 = rows > 3 ? aAt + 3 * k : aAt;
        tile(a, aAt, a1, a2, a3, pb, pbAt, kb, tile, 0, NR, 2 * NR, 3 * NR, fresh);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(tile, r * NR, c, cAt + r * n, cols);
        }
    }

    /**
     * The register tile: rows of C at c0..c3 (NR floats each) {@code (+)= sum_p a[ar + p] *
     * strip[p]} for p < kb, rows of A at a0..a3, the packed strip at pbAt (NR floats a row).
     */
    private static void tile(float[] a, int a0, int a1, int a2, int a3, float[] pb, int pbAt, int kb,
            float[] c, int c0, int c1, int c2, int c3, boolean fresh) {
        FloatVector s00;
        FloatVector s01;
        FloatVector s10;
        FloatVector s11;
        FloatVector s20;
        FloatVector s21;
        FloatVector s30;
        FloatVector s31;
        if (fresh) {
            // +0, as a zeroed row of C: fma(a, b, +0) of a -0 product is +0
            s00 = FloatVector.zero(S);
            s01 = s00;
            s10 = s00;
            s11 = s00;
            s20 = s00;
            s21 = s00;
            s30 = s00;
            s31 = s00;
        } else {
            s00 = FloatVector.fromArray(S, c, c0);
            s01 = FloatVector.fromArray(S, c, c0 + L);
            s10 = FloatVector.fromArray(S, c, c1);
            s11 = FloatVector.fromArray(S, c, c1 + L);
            s20 = FloatVector.fromArray(S, c, c2);
            s21 = FloatVector.fromArray(S, c, c2 + L);
            s30 = FloatVector.fromArray(S, c, c3);
            s31 = FloatVector.fromArray(S, c, c3 + L);
        }
        int at = pbAt;
        for (int p = 0; p < kb; p++, at += NR) {
            FloatVector b0 = FloatVector.fromArray(S, pb, at);
            FloatVector b1 = FloatVector.fromArray(S, pb, at + L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            s00 = b0.fma(x, s00);
            s01 = b1.fma(x, s01);
            x = FloatVector.broadcast(S, a[a1 + p]);
            s10 = b0.fma(x, s10);
            s11 = b1.fma(x, s11);
            x = FloatVector.broadcast(S, a[a2 + p]);
            s20 = b0.fma(x, s20);
            s21 = b1.fma(x, s21);
            x = FloatVector.broadcast(S, a[a3 + p]);
            s30 = b0.fma(x, s30);
            s31 = b1.fma(x, s31);
        }
        s00.intoArray(c, c0);
        s01.intoArray(c, c0 + L);
        s10.intoArray(c, c1);
        s11.intoArray(c, c1 + L);
        s20.intoArray(c, c2);
        s21.intoArray(c, c2 + L);
        s30.intoArray(c, c3);
        s31.intoArray(c, c3 + L);
    }

    /** Per-thread packed panel of B and one edge tile of C. */
    private static final class Scratch {
        final float[] packed = new float[KB * NB];
        final float[] tile = new float[MR * NR];
    }

    private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);
}
