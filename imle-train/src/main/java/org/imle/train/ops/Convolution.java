package org.imle.train.ops;

import org.imle.train.tensor.Compute;
import org.imle.train.tensor.GradMode;
import org.imle.train.tensor.MatMul;
import org.imle.train.tensor.Shape;
import org.imle.train.tensor.StepBuffers;
import org.imle.train.tensor.Tensor;

/**
 * 2-D convolution (cross-correlation, as in PyTorch) by im2col and the blocked matrix product
 * with fused multiply-adds ({@link MatMul#multiplyFused}: one rounding a step, as oneDNN's
 * convolutions, and about a tenth of a CombResNet step faster than the unfused kernel).
 *
 * <p>Layouts: input [B, C, H, W], weight [O, C, KH, KW], bias [O], output [B, O, OH, OW] with
 * {@code OH = (H + 2 pad - KH) / stride + 1}. For each image, im2col unfolds the input into a
 * [C KH KW, OH OW] matrix and the output is {@code W (O x C KH KW) times it}: O(B O C KH KW OH OW)
 * time, O(C KH KW OH OW) scratch per thread. Images are processed in parallel; the weight gradient
 * is formed per image and summed in image order, so results do not depend on the thread count.
 *
 * <p>Two shapes take shorter paths with the same numbers bit for bit (the same products summed in
 * the same order by the same kernel, only fewer copies):
 * <ul>
 * <li>pointwise (1x1, stride 1, no padding): the image is already its column matrix, so no
 * im2col and no col2im; the input gradient is multiplied straight into a fresh gradient buffer;
 * <li>non-overlapping windows (kernel = stride, no padding, such as 2x2 stride 2): the columns are
 * no larger than the input, so the forward keeps them for the weight gradient instead of
 * unfolding the input a second time in backward.
 * </ul>
 */
public final class Convolution {

    private static final ThreadLocal<float[][]> SCRATCH = ThreadLocal.withInitial(() -> new float[2][0]);

    private Convolution() {
    }

    /**
     * Convolves {@code x} with {@code w}, adds {@code bias} (may be null).
     *
     * @throws IllegalArgumentException naming the shapes when channels or ranks do not fit
     */
    public static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int stride, int padding) {
        return conv2d(x, w, bias, stride, padding, true);
    }

    /** As {@link #conv2d(Tensor, Tensor, Tensor, int, int)}; {@code shortcuts} false forces im2col (the tests' reference). */
    static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int stride, int padding, boolean shortcuts) {
        int[] xs = x.shape();
        int[] ws = w.shape();
        if (xs.length != 4 || ws.length != 4 || xs[1] != ws[1]) {
            throw new IllegalArgumentException("conv2d: input shape " + Shape.str(xs) + " and weight shape "
                    + Shape.str(ws) + " do not fit (need [B, C, H, W] and [O, C, KH, KW])");
        }
        if (stride < 1 || padding < 0) {
            throw new IllegalArgumentException("conv2d: stride must be >= 1 and padding >= 0, got "
                    + stride + " and " + padding);
        }
        int bN = xs[0];
        int c = xs[1];
        int h = xs[2];
        int wd = xs[3];
        int o = ws[0];
        int kh = ws[2];
        int kw = ws[3];
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != o)) {
            throw new IllegalArgumentException("conv2d: bias shape " + Shape.str(bias.shape())
                    + " does not fit weight shape " + Shape.str(ws));
        }
        int oh = (h + 2 * padding - kh) / stride + 1;
        int ow = (wd + 2 * padding - kw) / stride + 1;
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException("conv2d: kernel " + kh + "x" + kw + " with padding " + padding
                    + " does not fit input shape " + Shape.str(xs));
        }
        Geometry geo = new Geometry(c, h, wd, kh, kw, stride, padding, oh, ow);
        int kk = c * kh * kw;
        int n = oh * ow;
        float[] xd = x.data();
        float[] wdata = w.data();
        // every image's block is written by its product (accumulate = false), then the bias added
        float[] out = StepBuffers.overwritten(bN * o * n);
        boolean pointwise = shortcuts && geo.pointwise();
        // kept only when a backward will read them
        float[] kept = shortcuts && !pointwise && geo.disjointWindows() && GradMode.enabled() && w.requiresGrad()
                ? StepBuffers.overwritten(bN * kk * n) : null; // im2col writes every column, zeros outside
        Compute.parallelFor(bN, b -> {
            if (pointwise) {
                MatMul.multiplyFused(wdata, 0, xd, b * c * h * wd, out, b * o * n, o, kk, n, false);
            } else if (kept != null) {
                im2col(xd, b * c * h * wd, geo, kept, b * kk * n);
                MatMul.multiplyFused(wdata, 0, kept, b * kk * n, out, b * o * n, o, kk, n, false);
            } else {
                float[] cols = scratch(0, kk * n);
                im2col(xd, b * c * h * wd, geo, cols, 0);
                MatMul.multiplyFused(wdata, 0, cols, 0, out, b * o * n, o, kk, n, false);
            }
            if (bias != null) {
                float[] bd = bias.data();
                for (int oc = 0; oc < o; oc++) {
                    int base = (b * o + oc) * n;
                    float v = bd[oc];
                    for (int i = 0; i < n; i++) {
                        out[base + i] += v;
                    }
                }
            }
        });
        Tensor[] inputs = bias == null ? new Tensor[] {x, w} : new Tensor[] {x, w, bias};
        boolean transposedWeightGradient = shortcuts && MatMul.tiledWork(kk, n, o) <= MatMul.tiledWork(o, n, kk);
        return Tensor.fromOp(out, new int[] {bN, o, oh, ow},
                g -> backward(x, w, bias, g, geo, bN, o, pointwise, kept, transposedWeightGradient), inputs);
    }

    /**
     * With {@code transposedWeightGradient} each image's weight gradient is formed as its
     * transpose, {@code cols (C KH KW x N) times g^T (N x O)}, instead of {@code g times cols^T}:
     * the same products summed in the same order (a float product does not depend on the order of
     * its factors), so the same bits, but the matrix transposed is the image's O x N gradient, not
     * its C KH KW x N columns (for a 3x3 convolution from 64 channels, a ninth of the copying),
     * and the kernel's edge tiles pad O rather than C KH KW.
     */
    private static void backward(Tensor x, Tensor w, Tensor bias, float[] g, Geometry geo, int bN, int o,
            boolean pointwise, float[] kept, boolean transposedWeightGradient) {
        int c = geo.c;
        int kk = c * geo.kh * geo.kw;
        int n = geo.oh * geo.ow;
        int imageSize = c * geo.h * geo.w;
        float[] xd = x.data();
        if (bias != null && bias.requiresGrad()) {
            float[] bg = bias.gradBuffer();
            for (int oc = 0; oc < o; oc++) {
                double s = 0;
                for (int b = 0; b < bN; b++) {
                    int base = (b * o + oc) * n;
                    for (int i = 0; i < n; i++) {
                        s += g[base + i];
                    }
                }
                bg[oc] += (float) s;
            }
        }
        boolean needW = w.requiresGrad();
        boolean needX = x.requiresGrad();
        float[] perImage = needW ? StepBuffers.overwritten(bN * o * kk) : null; // each image's block is written whole
        float[] wt = null;
        if (needX) {
            wt = StepBuffers.overwritten(kk * o);
            MatMul.transpose(w.data(), 0, o, kk, wt, 0);
        }
        // a fresh buffer holds +0 everywhere, and a product accumulated onto +0 has the bits of the
        // same product formed from +0 and then added to +0, so the pointwise path may skip dcols
        boolean freshXg = needX && x.grad() == null;
        float[] xg = needX ? x.gradBuffer() : null;
        float[] wtf = wt;
        Compute.parallelFor(bN, b -> {
            if (needW) {
                float[] cols;
                int colsAt;
                if (pointwise) {
                    cols = xd;
                    colsAt = b * imageSize;
                } else if (kept != null) {
                    cols = kept;
                    colsAt = b * kk * n;
                } else {
                    // unfolding row by row (and, below, transposing in cache-sized tiles) beats
                    // gathering the transposed layout directly (strided reads), by about 2x on the stem
                    cols = scratch(1, kk * n);
                    colsAt = 0;
                    im2col(xd, b * imageSize, geo, cols, 0);
                }
                if (transposedWeightGradient) {
                    float[] gT = scratch(0, n * o);
                    MatMul.transpose(g, b * o * n, o, n, gT, 0);
                    MatMul.multiplyFused(cols, colsAt, gT, 0, perImage, b * o * kk, kk, n, o, false);
                } else {
                    float[] colsT = scratch(0, n * kk);
                    MatMul.transpose(cols, colsAt, kk, n, colsT, 0);
                    MatMul.multiplyFused(g, b * o * n, colsT, 0, perImage, b * o * kk, o, n, kk, false);
                }
            }
            if (needX) {
                if (pointwise && freshXg) {
                    MatMul.multiplyFused(wtf, 0, g, b * o * n, xg, b * imageSize, kk, o, n, true);
                } else {
                    float[] dcols = scratch(1, kk * n);
                    MatMul.multiplyFused(wtf, 0, g, b * o * n, dcols, 0, kk, o, n, false);
                    col2im(dcols, geo, xg, b * imageSize);
                }
            }
        });
        if (needW) {
            float[] wg = w.gradBuffer();
            int len = o * kk;
            if (transposedWeightGradient) {
                // the images' blocks are [kk][o]: the same sums in image order, read across
                for (int b = 0; b < bN; b++) {
                    int base = b * len;
                    for (int q = 0; q < kk; q++) {
                        int at = base + q * o;
                        for (int oc = 0; oc < o; oc++) {
                            wg[oc * kk + q] += perImage[at + oc];
                        }
                    }
                }
            } else {
                for (int b = 0; b < bN; b++) {
                    int base = b * len;
                    for (int i = 0; i < len; i++) {
                        wg[i] += perImage[base + i];
                    }
                }
            }
        }
    }

    /** Sizes of one convolution. */
    static final class Geometry {
        final int c;
        final int h;
        final int w;
        final int kh;
        final int kw;
        final int stride;
        final int pad;
        final int oh;
        final int ow;

        Geometry(int c, int h, int w, int kh, int kw, int stride, int pad, int oh, int ow) {
            this.c = c;
            this.h = h;
            this.w = w;
            this.kh = kh;
            this.kw = kw;
            this.stride = stride;
            this.pad = pad;
            this.oh = oh;
            this.ow = ow;
        }

        /** A 1x1 kernel at stride 1 without padding: the image is its own column matrix. */
        boolean pointwise() {
            return kh == 1 && kw == 1 && stride == 1 && pad == 0;
        }

        /** Windows that neither overlap nor pad: the columns hold each input value at most once. */
        boolean disjointWindows() {
            return kh == stride && kw == stride && pad == 0;
        }
    }

    /** cols[(ch*KH + ky)*KW + kx][oy*OW + ox] = x[ch][oy*s - p + ky][ox*s - p + kx] (0 outside). */
    static void im2col(float[] x, int xOff, Geometry g, float[] cols, int colsOff) {
        int n = g.oh * g.ow;
        int row = 0;
        for (int ch = 0; ch < g.c; ch++) {
            int plane = xOff + ch * g.h * g.w;
            for (int ky = 0; ky < g.kh; ky++) {
                for (int kx = 0; kx < g.kw; kx++, row++) {
                    int dst = colsOff + row * n;
                    int lo = firstInside(kx, g);
                    int hi = endInside(kx, g);
                    for (int oy = 0; oy < g.oh; oy++) {
                        int iy = oy * g.stride - g.pad + ky;
                        int d = dst + oy * g.ow;
                        if (iy < 0 || iy >= g.h || lo >= hi) {
                            java.util.Arrays.fill(cols, d, d + g.ow, 0f);
                            continue;
                        }
                        // the padded margins are a column or two: a loop, not a call to Arrays.fill
                        for (int q = d; q < d + lo; q++) {
                            cols[q] = 0f;
                        }
                        for (int q = d + hi; q < d + g.ow; q++) {
                            cols[q] = 0f;
                        }
                        int src = plane + iy * g.w - g.pad + kx;
                        if (g.stride == 1) {
                            System.arraycopy(x, src + lo, cols, d + lo, hi - lo);
                        } else {
                            for (int ox = lo; ox < hi; ox++) {
                                cols[d + ox] = x[src + ox * g.stride];
                            }
                        }
                    }
                }
            }
        }
    }

    /** The first output column whose input column ox*s - p + kx is inside the image. */
    private static int firstInside(int kx, Geometry g) {
        int need = g.pad - kx;
        return need <= 0 ? 0 : Math.min(g.ow, (need + g.stride - 1) / g.stride);
    }

    /** One past the last output column whose input column is inside the image. */
    private static int endInside(int kx, Geometry g) {
        int last = g.w - 1 + g.pad - kx;
        return last < 0 ? 0 : Math.min(g.ow, last / g.stride + 1);
    }

    /** Adds the columns back onto the image they were unfolded from (adjoint of im2col). */
    static void col2im(float[] cols, Geometry g, float[] x, int xOff) {
        int n = g.oh * g.ow;
        int row = 0;
        for (int ch = 0; ch < g.c; ch++) {
            int plane = xOff + ch * g.h * g.w;
            for (int ky = 0; ky < g.kh; ky++) {
                for (int kx = 0; kx < g.kw; kx++, row++) {
                    int src = row * n;
                    int lo = firstInside(kx, g);
                    int hi = endInside(kx, g);
                    for (int oy = 0; oy < g.oh; oy++) {
                        int iy = oy * g.stride - g.pad + ky;
                        if (iy < 0 || iy >= g.h) {
                            continue;
                        }
                        int dst = plane + iy * g.w - g.pad + kx;
                        int s = src + oy * g.ow;
                        for (int ox = lo; ox < hi; ox++) {
                            x[dst + ox * g.stride] += cols[s + ox];
                        }
                    }
                }
            }
        }
    }

    /** A per-thread scratch array of at least {@code size} floats (contents undefined). */
    private static float[] scratch(int slot, int size) {
        float[][] s = SCRATCH.get();
        if (s[slot].length < size) {
            s[slot] = new float[size];
        }
        return s[slot];
    }
}
