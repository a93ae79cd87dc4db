package org.imle.examples.parse;

import org.imle.train.tensor.Shape;
import org.imle.train.tensor.Tensor;

/**
 * Message passing along the arcs of a (sampled) dependency tree, differentiable in both the tree
 * and the word vectors, so that a loss on the composed representation gives dL/dz to the tree's
 * estimator.
 *
 * <p>{@link #childSum}: for R trees of n nodes, z [R, n, n] with {@code z[r, h, d] = 1} on the arc
 * {@code h -> d} (the oracles' encoding) and x [R, n, D], the output is {@code c[r, h] = sum_d z[r,
 * h, d] x[r, d]}, the sum of each node's dependents' vectors: the batched product z x. Backward:
 * {@code dz[r] = g[r] x[r]^T}, {@code dx[r] = z[r]^T g[r]}. O(R n^2 D) both ways.
 */
public final class TreeComposition {

    private TreeComposition() {
    }

    /** The sum of every node's dependents' vectors; see {@link TreeComposition}. */
    public static Tensor childSum(Tensor z, Tensor x) {
        int[] zs = z.shape();
        int[] xs = x.shape();
        if (zs.length != 3 || xs.length != 3 || zs[0] != xs[0] || zs[1] != zs[2] || zs[2] != xs[1]) {
            throw new IllegalArgumentException("childSum: trees of shape " + Shape.str(zs) + " and vectors of shape "
                    + Shape.str(xs) + " do not fit (need [R, n, n] and [R, n, D])");
        }
        int r = zs[0];
        int n = zs[1];
        int d = xs[2];
        float[] zd = z.data();
        float[] xd = x.data();
        float[] out = new float[r * n * d];
        for (int t = 0; t < r; t++) {
            int zo = t * n * n;
            int xo = t * n * d;
            for (int h = 0; h < n; h++) {
                for (int c = 0; c < n; c++) {
                    float w = zd[zo + h * n + c];
                    if (w != 0f) {
                        for (int k = 0; k < d; k++) {
                            out[xo + h * d + k] += w * xd[xo + c * d + k];
                        }
                    }
                }
            }
        }
        return Tensor.fromOp(out, new int[] {r, n, d}, g -> {
            float[] zg = z.requiresGrad() ? z.gradBuffer() : null;
            float[] xg = x.requiresGrad() ? x.gradBuffer() : null;
            for (int t = 0; t < r; t++) {
                int zo = t * n * n;
                int xo = t * n * d;
                for (int h = 0; h < n; h++) {
                    for (int c = 0; c < n; c++) {
                        if (zg != null) {
                            double s = 0;
                            for (int k = 0; k < d; k++) {
                                s += g[xo + h * d + k] * xd[xo + c * d + k];
                            }
                            zg[zo + h * n + c] += (float) s;
                        }
                        float w = zd[zo + h * n + c];
                        if (xg != null && w != 0f) {
                            for (int k = 0; k < d; k++) {
                                xg[xo + c * d + k] += w * g[xo + h * d + k];
                            }
                        }
                    }
                }
            }
        }, z, x);
    }
}
