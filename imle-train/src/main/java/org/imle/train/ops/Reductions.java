package org.imle.train.ops;

import org.imle.train.tensor.Shape;
import org.imle.train.tensor.StepBuffers;
import org.imle.train.tensor.Tensor;

/**
 * Sums, means and maxima, over everything or over one dimension. Sums accumulate in double, in
 * index order, so they are exact to float precision and reproducible. O(size).
 */
public final class Reductions {

    private Reductions() {
    }

    /** The sum of all elements, as a scalar. */
    public static Tensor sum(Tensor a) {
        return total(a, 1.0);
    }

    /** The mean of all elements, as a scalar. */
    public static Tensor mean(Tensor a) {
        if (a.size() == 0) {
            throw new IllegalArgumentException("mean of an empty tensor of shape " + Shape.str(a.shape()));
        }
        return total(a, 1.0 / a.size());
    }

    private static Tensor total(Tensor a, double scale) {
        float[] x = a.data();
        double s = 0;
        for (float v : x) {
            s += v;
        }
        float f = (float) scale;
        return Tensor.fromOp(new float[] {(float) (s * scale)}, new int[0], g -> {
            float[] ag = a.gradBuffer();
            float v = g[0] * f;
            for (int i = 0; i < ag.length; i++) {
                ag[i] += v;
            }
        }, a);
    }

    public static Tensor sum(Tensor a, int dim, boolean keepDim) {
        return along(a, dim, keepDim, false);
    }

    public static Tensor mean(Tensor a, int dim, boolean keepDim) {
        return along(a, dim, keepDim, true);
    }

    private static Tensor along(Tensor a, int dim, boolean keepDim, boolean mean) {
        int[] shape = a.shape();
        int d = Shape.dim(dim, shape.length, shape);
        int n = shape[d];
        int outer = 1;
        for (int i = 0; i < d; i++) {
            outer *= shape[i];
        }
        int inner = 1;
        for (int i = d + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        float[] x = a.data();
        float[] out = StepBuffers.floats(outer * inner);
        double scale = mean ? 1.0 / n : 1.0;
        double[] acc = new double[inner];
        for (int o = 0; o < outer; o++) {
            java.util.Arrays.fill(acc, 0.0);
            for (int k = 0; k < n; k++) {
                int base = (o * n + k) * inner;
                for (int i = 0; i < inner; i++) {
                    acc[i] += x[base + i];
                }
            }
            for (int i = 0; i < inner; i++) {
                out[o * inner + i] = (float) (acc[i] * scale);
            }
        }
        final int fo = outer;
        final int fi = inner;
        float f = (float) scale;
        return Tensor.fromOp(out, reducedShape(shape, d, keepDim), g -> {
            float[] ag = a.gradBuffer();
            for (int o = 0; o < fo; o++) {
                for (int k = 0; k < n; k++) {
                    int base = (o * n + k) * fi;
                    for (int i = 0; i < fi; i++) {
                        ag[base + i] += g[o * fi + i] * f;
                    }
                }
            }
        }, a);
    }

    /** The maximum along a dimension; the gradient goes to the first maximiser. */
    public static Tensor max(Tensor a, int dim, boolean keepDim) {
        int[] shape = a.shape();
        int d = Shape.dim(dim, shape.length, shape);
        int n = shape[d];
        if (n == 0) {
            throw new IllegalArgumentException("max over empty dimension " + dim + " of shape " + Shape.str(shape));
        }
        int outer = 1;
        for (int i = 0; i < d; i++) {
            outer *= shape[i];
        }
        int inner = 1;
        for (int i = d + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        float[] x = a.data();
        float[] out = StepBuffers.floats(outer * inner);
        int[] arg = new int[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int best = o * n * inner + i;
                for (int k = 1; k < n; k++) {
                    int idx = (o * n + k) * inner + i;
                    if (x[idx] > x[best]) {
                        best = idx;
                    }
                }
                out[o * inner + i] = x[best];
                arg[o * inner + i] = best;
            }
        }
        return Tensor.fromOp(out, reducedShape(shape, d, keepDim), g -> {
            float[] ag = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ag[arg[i]] += g[i];
            }
        }, a);
    }

    private static int[] reducedShape(int[] shape, int d, boolean keepDim) {
        if (keepDim) {
            return Elementwise.with(shape, d, 1);
        }
        int[] s = new int[shape.length - 1];
        for (int i = 0, j = 0; i < shape.length; i++) {
            if (i != d) {
                s[j++] = shape[i];
            }
        }
        return s;
    }
}
