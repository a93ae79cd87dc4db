package org.imle.train.ops;

import org.imle.train.tensor.MatMul;
import org.imle.train.tensor.Shape;
import org.imle.train.tensor.StepBuffers;
import org.imle.train.tensor.Tensor;

/**
 * Matrix products on {@link MatMul}'s blocked kernel. O(m k n) forward and twice that backward
 * (dA = dC B^T, dB = A^T dC, with the transposes materialised in O(mk + kn)).
 */
public final class LinearAlgebra {

    private LinearAlgebra() {
    }

    /**
     * {@code a @ b} for a of shape [..., m, k] (leading dimensions are folded into m) and b of
     * shape [k, n]; the result has shape [..., m, n].
     *
     * @throws IllegalArgumentException naming both shapes when k differs
     */
    public static Tensor matmul(Tensor a, Tensor b) {
        int[] as = a.shape();
        int[] bs = b.shape();
        if (as.length < 1 || bs.length != 2 || as[as.length - 1] != bs[0]) {
            throw new IllegalArgumentException("matmul: shapes " + Shape.str(as) + " and " + Shape.str(bs)
                    + " do not multiply (need [..., m, k] and [k, n])");
        }
        int k = bs[0];
        int n = bs[1];
        int m = 1;
        for (int i = 0; i < as.length - 1; i++) {
            m *= as[i];
        }
        float[] out = StepBuffers.floats(m * n);
        MatMul.multiply(a.data(), 0, b.data(), 0, out, 0, m, k, n, false);
        int[] outShape = as.clone();
        outShape[as.length - 1] = n;
        final int fm = m;
        return Tensor.fromOp(out, outShape, g -> backward(a, b, g, fm, k, n), a, b);
    }

    /**
     * {@code x @ w + bias} for x [..., in], w [in, out], bias [out] (or null): the Linear layer in
     * one operation.
     */
    public static Tensor linear(Tensor x, Tensor w, Tensor bias) {
        Tensor y = matmul(x, w);
        return bias == null ? y : Elementwise.add(y, bias);
    }

    private static void backward(Tensor a, Tensor b, float[] g, int m, int k, int n) {
        if (a.requiresGrad()) {
            float[] bt = StepBuffers.floats(k * n);
            MatMul.transpose(b.data(), 0, k, n, bt, 0);
            MatMul.multiply(g, 0, bt, 0, a.gradBuffer(), 0, m, n, k, true);
        }
        if (b.requiresGrad()) {
            float[] at = StepBuffers.floats(m * k);
            MatMul.transpose(a.data(), 0, m, k, at, 0);
            MatMul.multiply(at, 0, g, 0, b.gradBuffer(), 0, k, m, n, true);
        }
    }
}
