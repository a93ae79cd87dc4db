package org.imle.train.ops;

import org.imle.train.tensor.Compute;
import org.imle.train.tensor.Shape;
import org.imle.train.tensor.StepBuffers;
import org.imle.train.tensor.Tensor;

/**
 * Max, average and adaptive max pooling over [B, C, H, W] tensors. Each is O(B C OH OW k^2)
 * forward and O(output + input) backward; max pooling routes the gradient to the first maximiser
 * of each window (row-major order), as PyTorch does.
 */
public final class Pooling {

    private Pooling() {
    }

    /** Max pooling with a square window; padded positions never win. */
    public static Tensor maxPool2d(Tensor x, int kernel, int stride, int padding) {
        int[] s = check("maxPool2d", x, kernel, stride, padding);
        int oh = (s[2] + 2 * padding - kernel) / stride + 1;
        int ow = (s[3] + 2 * padding - kernel) / stride + 1;
        int[] y0 = new int[oh];
        int[] y1 = new int[oh];
        int[] x0 = new int[ow];
        int[] x1 = new int[ow];
        for (int i = 0; i < oh; i++) {
            y0[i] = Math.max(0, i * stride - padding);
            y1[i] = Math.min(s[2], i * stride - padding + kernel);
        }
        for (int i = 0; i < ow; i++) {
            x0[i] = Math.max(0, i * stride - padding);
            x1[i] = Math.min(s[3], i * stride - padding + kernel);
        }
        return maxOverWindows(x, s, oh, ow, y0, y1, x0, x1);
    }

    /**
     * Adaptive max pooling to an {@code outH x outW} grid: output cell (i, j) covers rows
     * {@code [floor(i H / outH), ceil((i + 1) H / outH))} and likewise columns, as PyTorch's
     * AdaptiveMaxPool2d.
     */
    public static Tensor adaptiveMaxPool2d(Tensor x, int outH, int outW) {
        int[] s = x.shape();
        Shape.requireRank("adaptiveMaxPool2d", s, 4);
        if (outH < 1 || outW < 1 || outH > s[2] || outW > s[3]) {
            throw new IllegalArgumentException("adaptiveMaxPool2d: output " + outH + "x" + outW
                    + " does not fit input shape " + Shape.str(s));
        }
        int[] y0 = new int[outH];
        int[] y1 = new int[outH];
        int[] x0 = new int[outW];
        int[] x1 = new int[outW];
        for (int i = 0; i < outH; i++) {
            y0[i] = (int) ((long) i * s[2] / outH);
            y1[i] = (int) (((long) (i + 1) * s[2] + outH - 1) / outH);
        }
        for (int i = 0; i < outW; i++) {
            x0[i] = (int) ((long) i * s[3] / outW);
            x1[i] = (int) (((long) (i + 1) * s[3] + outW - 1) / outW);
        }
        return maxOverWindows(x, s, outH, outW, y0, y1, x0, x1);
    }

    /** Planes (image-channel pairs) per parallel task: a 24 x 24 plane is too little work alone. */
    private static final int PLANES_PER_TASK = 16;

    /**
     * Planes are independent (each window and each gradient it routes stays in its plane), so they
     * run in parallel with the numbers of one thread; within a plane the gradient is added in
     * output order, as before.
     */
    private static Tensor maxOverWindows(Tensor x, int[] s, int oh, int ow,
            int[] y0, int[] y1, int[] x0, int[] x1) {
        int planes = s[0] * s[1];
        int h = s[2];
        int w = s[3];
        float[] xd = x.data();
        float[] out = StepBuffers.overwritten(planes * oh * ow); // every window writes its cell
        int[] arg = StepBuffers.ints(out.length); // likewise
        int tasks = (planes + PLANES_PER_TASK - 1) / PLANES_PER_TASK;
        Compute.parallelFor(tasks, t -> {
            for (int p = t * PLANES_PER_TASK, pEnd = Math.min(planes, p + PLANES_PER_TASK); p < pEnd; p++) {
                int plane = p * h * w;
                int o = p * oh * ow;
                for (int i = 0; i < oh; i++) {
                    int r0 = plane + y0[i] * w;
                    int r1 = plane + y1[i] * w;
                    for (int j = 0; j < ow; j++, o++) {
                        // the first maximiser in row-major order wins, and a NaN first stays
                        int best = r0 + x0[j];
                        float bv = xd[best];
                        for (int row = r0; row < r1; row += w) {
                            for (int idx = row + x0[j], e = row + x1[j]; idx < e; idx++) {
                                if (xd[idx] > bv) {
                                    best = idx;
                                    bv = xd[idx];
                                }
                            }
                        }
                        out[o] = bv;
                        arg[o] = best;
                    }
                }
            }
        });
        int perPlane = oh * ow;
        return Tensor.fromOp(out, new int[] {s[0], s[1], oh, ow}, g -> {
            float[] xg = x.gradBuffer();
            Compute.parallelFor(tasks, t -> {
                int from = t * PLANES_PER_TASK * perPlane;
                int to = Math.min(planes, (t + 1) * PLANES_PER_TASK) * perPlane;
                for (int o = from; o < to; o++) {
                    xg[arg[o]] += g[o];
                }
            });
        }, x);
    }

    /**
     * Average pooling with a square window; padded positions count as zeros in the average
     * (PyTorch's default {@code count_include_pad = true}).
     */
    public static Tensor avgPool2d(Tensor x, int kernel, int stride, int padding) {
        int[] s = check("avgPool2d", x, kernel, stride, padding);
        int planes = s[0] * s[1];
        int h = s[2];
        int w = s[3];
        int oh = (h + 2 * padding - kernel) / stride + 1;
        int ow = (w + 2 * padding - kernel) / stride + 1;
        float inv = 1f / (kernel * kernel);
        float[] xd = x.data();
        float[] out = StepBuffers.floats(planes * oh * ow);
        for (int p = 0; p < planes; p++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double sum = 0;
                    for (int yy = Math.max(0, i * stride - padding); yy < Math.min(h, i * stride - padding + kernel); yy++) {
                        for (int xx = Math.max(0, j * stride - padding); xx < Math.min(w, j * stride - padding + kernel); xx++) {
                            sum += xd[p * h * w + yy * w + xx];
                        }
                    }
                    out[(p * oh + i) * ow + j] = (float) (sum * inv);
                }
            }
        }
        return Tensor.fromOp(out, new int[] {s[0], s[1], oh, ow}, g -> {
            float[] xg = x.gradBuffer();
            for (int p = 0; p < planes; p++) {
                for (int i = 0; i < oh; i++) {
                    for (int j = 0; j < ow; j++) {
                        float v = g[(p * oh + i) * ow + j] * inv;
                        for (int yy = Math.max(0, i * stride - padding); yy < Math.min(h, i * stride - padding + kernel); yy++) {
                            for (int xx = Math.max(0, j * stride - padding); xx < Math.min(w, j * stride - padding + kernel); xx++) {
                                xg[p * h * w + yy * w + xx] += v;
                            }
                        }
                    }
                }
            }
        }, x);
    }

    private static int[] check(String op, Tensor x, int kernel, int stride, int padding) {
        int[] s = x.shape();
        Shape.requireRank(op, s, 4);
        if (kernel < 1 || stride < 1 || padding < 0 || 2 * padding > kernel) {
            throw new IllegalArgumentException(op + ": need kernel >= 1, stride >= 1 and 0 <= padding <= kernel / 2, got "
                    + kernel + ", " + stride + ", " + padding);
        }
        if (s[2] + 2 * padding < kernel || s[3] + 2 * padding < kernel) {
            throw new IllegalArgumentException(op + ": kernel " + kernel + " does not fit input shape " + Shape.str(s));
        }
        return s;
    }
}
