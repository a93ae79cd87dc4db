package org.imle.train.ops;

import java.util.Arrays;
import org.imle.train.tensor.StepBuffers;
import org.imle.train.tensor.Tensor;

/**
 * Element-wise operations. Binary ones broadcast as NumPy does (shapes aligned at the right, a
 * dimension of 1 stretches); a shape mismatch names both shapes. The backward of a broadcast input
 * sums the upstream gradient over the stretched dimensions, in double and in a fixed order. Every
 * operation is O(size of the result).
 */
public final class Elementwise {

    private static final int ADD = 0;
    private static final int SUB = 1;
    private static final int MUL = 2;
    private static final int DIV = 3;

    private Elementwise() {
    }

    public static Tensor add(Tensor a, Tensor b) {
        return binary(a, b, ADD);
    }

    public static Tensor sub(Tensor a, Tensor b) {
        return binary(a, b, SUB);
    }

    public static Tensor mul(Tensor a, Tensor b) {
        return binary(a, b, MUL);
    }

    public static Tensor div(Tensor a, Tensor b) {
        return binary(a, b, DIV);
    }

    private static Tensor binary(Tensor a, Tensor b, int op) {
        if (op == ADD && Arrays.equals(a.shape(), b.shape())) {
            return addSameShape(a, b);
        }
        Broadcast p = new Broadcast(a.shape(), b.shape());
        float[] x = a.data();
        float[] y = b.data();
        float[] out = StepBuffers.floats(p.rows * p.cols);
        int cols = p.cols;
        for (int r = 0; r < p.rows; r++) {
            int o = r * cols;
            int ia = p.aRow[r];
            int ib = p.bRow[r];
            int sa = p.aStep;
            int sb = p.bStep;
            switch (op) {
                case ADD -> {
                    for (int j = 0; j < cols; j++) {
                        out[o + j] = x[ia + j * sa] + y[ib + j * sb];
                    }
                }
                case SUB -> {
                    for (int j = 0; j < cols; j++) {
                        out[o + j] = x[ia + j * sa] - y[ib + j * sb];
                    }
                }
                case MUL -> {
                    for (int j = 0; j < cols; j++) {
                        out[o + j] = x[ia + j * sa] * y[ib + j * sb];
                    }
                }
                default -> {
                    for (int j = 0; j < cols; j++) {
                        out[o + j] = x[ia + j * sa] / y[ib + j * sb];
                    }
                }
            }
        }
        return Tensor.fromOp(out, p.outShape, g -> {
            if (a.requiresGrad()) {
                accumulate(a, p, true, g, op, x, y, out);
            }
            if (b.requiresGrad()) {
                accumulate(b, p, false, g, op, x, y, out);
            }
        }, a, b);
    }

    /** The common case of residual connections: no broadcasting, so no index plan. */
    private static Tensor addSameShape(Tensor a, Tensor b) {
        float[] x = a.data();
        float[] y = b.data();
        float[] out = StepBuffers.floats(x.length);
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i] + y[i];
        }
        return Tensor.fromOp(out, a.shape(), g -> {
            if (a.requiresGrad()) {
                addInto(a.gradBuffer(), g);
            }
            if (b.requiresGrad()) {
                addInto(b.gradBuffer(), g);
            }
        }, a, b);
    }

    /** Adds the gradient of one input of a binary op, summing over its broadcast dimensions. */
    private static void accumulate(Tensor t, Broadcast p, boolean first, float[] g, int op,
            float[] x, float[] y, float[] out) {
        float[] tg = t.gradBuffer();
        boolean direct = tg.length == out.length;
        double[] acc = direct ? null : new double[tg.length];
        int cols = p.cols;
        for (int r = 0; r < p.rows; r++) {
            int o = r * cols;
            int base = first ? p.aRow[r] : p.bRow[r];
            int step = first ? p.aStep : p.bStep;
            for (int j = 0; j < cols; j++) {
                float gj = g[o + j];
                float v;
                if (op == ADD) {
                    v = gj;
                } else if (op == SUB) {
                    v = first ? gj : -gj;
                } else if (op == MUL) {
                    v = first ? gj * y[p.bRow[r] + j * p.bStep] : gj * x[p.aRow[r] + j * p.aStep];
                } else {
                    float yb = y[p.bRow[r] + j * p.bStep];
                    v = first ? gj / yb : -gj * out[o + j] / yb;
                }
                if (direct) {
                    tg[base + j * step] += v;
                } else {
                    acc[base + j * step] += v;
                }
            }
        }
        if (!direct) {
            for (int i = 0; i < tg.length; i++) {
                tg[i] += (float) acc[i];
            }
        }
    }

    /** {@code a + c}. */
    public static Tensor addScalar(Tensor a, float c) {
        float[] x = a.data();
        float[] out = StepBuffers.floats(x.length);
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] + c;
        }
        return Tensor.fromOp(out, a.shape(), g -> addInto(a.gradBuffer(), g), a);
    }

    /** {@code a * c}. */
    public static Tensor mulScalar(Tensor a, float c) {
        float[] x = a.data();
        float[] out = StepBuffers.floats(x.length);
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * c;
        }
        return Tensor.fromOp(out, a.shape(), g -> {
            float[] ag = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ag[i] += g[i] * c;
            }
        }, a);
    }

    public static Tensor exp(Tensor a) {
        float[] x = a.data();
        float[] out = StepBuffers.floats(x.length);
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) Math.exp(x[i]);
        }
        return Tensor.fromOp(out, a.shape(), g -> {
            float[] ag = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ag[i] += g[i] * out[i];
            }
        }, a);
    }

    /** Natural logarithm; the input must be positive for a finite result. */
    public static Tensor log(Tensor a) {
        float[] x = a.data();
        float[] out = StepBuffers.floats(x.length);
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) Math.log(x[i]);
        }
        return Tensor.fromOp(out, a.shape(), g -> {
            float[] ag = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ag[i] += g[i] / x[i];
            }
        }, a);
    }

    public static Tensor sqrt(Tensor a) {
        float[] x = a.data();
        float[] out = StepBuffers.floats(x.length);
        for (int i = 0; i < x.length; i++) {
            out[i] = (float) Math.sqrt(x[i]);
        }
        return Tensor.fromOp(out, a.shape(), g -> {
            float[] ag = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ag[i] += 0.5f * g[i] / out[i];
            }
        }, a);
    }

    public static Tensor square(Tensor a) {
        float[] x = a.data();
        float[] out = StepBuffers.floats(x.length);
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * x[i];
        }
        return Tensor.fromOp(out, a.shape(), g -> {
            float[] ag = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ag[i] += 2f * x[i] * g[i];
            }
        }, a);
    }

    /** |a|, with gradient sign(a) (0 at 0). */
    public static Tensor abs(Tensor a) {
        float[] x = a.data();
        float[] out = StepBuffers.floats(x.length);
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.abs(x[i]);
        }
        return Tensor.fromOp(out, a.shape(), g -> {
            float[] ag = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                ag[i] += Math.signum(x[i]) * g[i];
            }
        }, a);
    }

    /** {@code dst += src}, element-wise. */
    static void addInto(float[] dst, float[] src) {
        for (int i = 0; i < src.length; i++) {
            dst[i] += src[i];
        }
    }

    /** A copy of a shape with one dimension replaced. */
    static int[] with(int[] shape, int dim, int value) {
        int[] s = Arrays.copyOf(shape, shape.length);
        s[dim] = value;
        return s;
    }
}
