package org.imle.train.tensor;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API kernel of {@link MatMul}: {@code C (+)= A * B} with a register tile of
 * {@value #MR} rows of C by two {@code FloatVector}s of the preferred species (4 x 32 floats with
 * AVX-512, 4 x 16 with AVX2) held in registers over a whole block of k.
 *
 * <p><b>The same numbers as the scalar kernel, bit for bit.</b> Each element of C is formed in the
 * scalar kernel's order: starting from C (or +0), it adds, for every group of four consecutive p
 * from p = 0, the rounded {@code ((a0 b0 + a1 b1) + a2 b2) + a3 b3}, then the remaining products one
 * by one; every step is an IEEE float32 multiply or add, and a lane-wise multiply or add rounds as
 * the scalar one does. No fused multiply-add is used: an fma rounds once where the scalar kernel
 * rounds twice, which would change every trained number (and make them depend on whether this
 * module is present). The blocking (panels of B, tiles of C) therefore changes nothing but speed.
 *
 * <p>Blocking: B is packed per panel of {@value #KB} rows by {@link #NB} columns into strips of
 * {@link #NR} columns, each strip's rows contiguous (one strip, {@value #KB} x {@link #NR} floats,
 * stays in L1 while every row group of A passes over it); tiles at the right and bottom edges go
 * through a zero-padded scratch tile. Per-thread scratch is allocated once, nothing per call.
 *
 * <p>The fused variant ({@code fused = true}: {@link MatMul#multiplyFused}, which the convolutions
 * use, and every product with {@code -Dimle.matmul=fma}) runs the same blocking with
 * {@link #fusedTile}: each step a lane-wise fused multiply-add, {@code s = fma(a_ip, b_pj, s)} for
 * p = 0, 1, ... in order from C (or +0). It rounds once per step where the default rounds twice,
 * so its numbers are not the default kernel's; each element is still one fixed chain of
 * operations, so they do not depend on the thread count or the blocking, and equal a scalar
 * {@link Math#fma} loop bit for bit.
 *
 * <p>Loaded only when the {@code jdk.incubator.vector} module is in the boot layer (see
 * {@link MatMul#kernel()}); nothing else of the engine refers to the Vector API.
 */
final class VectorMatMul {

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

    private VectorMatMul() {
    }

    /** A description of the kernel for {@code imle bench} and the logs. */
    static String describe() {
        return "Vector API (jdk.incubator.vector), " + S.vectorBitSize() + "-bit FloatVector, "
                + MR + " x " + NR + " register tile";
    }

    /** A description of the fused variant. */
    static String describeFused() {
        return "Vector API with fused multiply-add (jdk.incubator.vector, -Dimle.matmul=fma), " + S.vectorBitSize()
                + "-bit FloatVector, " + MR + " x " + NR + " register tile";
    }

    /** Rows [r0, r1) of C, on the calling thread, by the default (unfused) kernel. */
    static void rows(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
            int r0, int r1, int k, int n, boolean accumulate) {
        rows(a, aOff, b, bOff, c, cOff, r0, r1, k, n, accumulate, false);
    }

    /** Rows [r0, r1) of C, on the calling thread; {@code fused} runs the fma tile. */
    static void rows(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
            int r0, int r1, int k, int n, boolean accumulate, boolean fused) {
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
                                    c, cAt, cAt + n, cAt + 2 * n, cAt + 3 * n, fresh, fused);
                        } else {
                            edge(a, aAt, k, rowsHere, pb, pbAt, kb, c, cAt, n, cols, tile, fresh, fused);
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
            float[] c, int cAt, int n, int cols, float[] tile, boolean fresh, boolean fused) {
        if (!fresh) {
            java.util.Arrays.fill(tile, 0f);
            for (int r = 0; r < rows; r++) {
                System.arraycopy(c, cAt + r * n, tile, r * NR, cols);
            }
        }
        int a1 = rows > 1 ? aAt + k : aAt;
        int a2 = rows > 2 ? aAt + 2 * k : aAt;
        int a3 = rows > 3 ? aAt + 3 * k : aAt;
        tile(a, aAt, a1, a2, a3, pb, pbAt, kb, tile, 0, NR, 2 * NR, 3 * NR, fresh, fused);
        for (int r = 0; r < rows; r++) {
            System.arraycopy(tile, r * NR, c, cAt + r * n, cols);
        }
    }

    /**
     * The register tile: rows of C at c0..c3 (NR floats each) {@code (+)= sum_p a[ar + p] *
     * strip[p]} for p < kb, rows of A at a0..a3, the packed strip at pbAt (NR floats a row).
     */
    private static void tile(float[] a, int a0, int a1, int a2, int a3, float[] pb, int pbAt, int kb,
            float[] c, int c0, int c1, int c2, int c3, boolean fresh, boolean fused) {
        if (fused) {
            fusedTile(a, a0, a1, a2, a3, pb, pbAt, kb, c, c0, c1, c2, c3, fresh);
            return;
        }
        FloatVector s00;
        FloatVector s01;
        FloatVector s10;
        FloatVector s11;
        FloatVector s20;
        FloatVector s21;
        FloatVector s30;
        FloatVector s31;
        if (fresh) {
            // +0, as the scalar kernel's zeroed row: 0 + (-0) is +0
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
        int p = 0;
        int at = pbAt;
        for (; p + 3 < kb; p += 4, at += 4 * NR) {
            FloatVector b00 = FloatVector.fromArray(S, pb, at);
            FloatVector b01 = FloatVector.fromArray(S, pb, at + L);
            FloatVector b10 = FloatVector.fromArray(S, pb, at + NR);
            FloatVector b11 = FloatVector.fromArray(S, pb, at + NR + L);
            FloatVector b20 = FloatVector.fromArray(S, pb, at + 2 * NR);
            FloatVector b21 = FloatVector.fromArray(S, pb, at + 2 * NR + L);
            FloatVector b30 = FloatVector.fromArray(S, pb, at + 3 * NR);
            FloatVector b31 = FloatVector.fromArray(S, pb, at + 3 * NR + L);
            float x0 = a[a0 + p];
            float x1 = a[a0 + p + 1];
            float x2 = a[a0 + p + 2];
            float x3 = a[a0 + p + 3];
            s00 = s00.add(b00.mul(x0).add(b10.mul(x1)).add(b20.mul(x2)).add(b30.mul(x3)));
            s01 = s01.add(b01.mul(x0).add(b11.mul(x1)).add(b21.mul(x2)).add(b31.mul(x3)));
            x0 = a[a1 + p];
            x1 = a[a1 + p + 1];
            x2 = a[a1 + p + 2];
            x3 = a[a1 + p + 3];
            s10 = s10.add(b00.mul(x0).add(b10.mul(x1)).add(b20.mul(x2)).add(b30.mul(x3)));
            s11 = s11.add(b01.mul(x0).add(b11.mul(x1)).add(b21.mul(x2)).add(b31.mul(x3)));
            x0 = a[a2 + p];
            x1 = a[a2 + p + 1];
            x2 = a[a2 + p + 2];
            x3 = a[a2 + p + 3];
            s20 = s20.add(b00.mul(x0).add(b10.mul(x1)).add(b20.mul(x2)).add(b30.mul(x3)));
            s21 = s21.add(b01.mul(x0).add(b11.mul(x1)).add(b21.mul(x2)).add(b31.mul(x3)));
            x0 = a[a3 + p];
            x1 = a[a3 + p + 1];
            x2 = a[a3 + p + 2];
            x3 = a[a3 + p + 3];
            s30 = s30.add(b00.mul(x0).add(b10.mul(x1)).add(b20.mul(x2)).add(b30.mul(x3)));
            s31 = s31.add(b01.mul(x0).add(b11.mul(x1)).add(b21.mul(x2)).add(b31.mul(x3)));
        }
        for (; p < kb; p++, at += NR) {
            FloatVector b00 = FloatVector.fromArray(S, pb, at);
            FloatVector b01 = FloatVector.fromArray(S, pb, at + L);
            float x0 = a[a0 + p];
            s00 = s00.add(b00.mul(x0));
            s01 = s01.add(b01.mul(x0));
            x0 = a[a1 + p];
            s10 = s10.add(b00.mul(x0));
            s11 = s11.add(b01.mul(x0));
            x0 = a[a2 + p];
            s20 = s20.add(b00.mul(x0));
            s21 = s21.add(b01.mul(x0));
            x0 = a[a3 + p];
            s30 = s30.add(b00.mul(x0));
            s31 = s31.add(b01.mul(x0));
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

    /**
     * The fused register tile: rows of C at c0..c3 (NR floats each) {@code (+)= sum_p a[ar + p] *
     * strip[p]} for p < kb, rows of A at a0..a3, the packed strip at pbAt (NR floats a row).
     */
    private static void fusedTile(float[] a, int a0, int a1, int a2, int a3, float[] pb, int pbAt, int kb,
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
