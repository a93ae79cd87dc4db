package org.imle.examples.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

class TreeCompositionTest {

    @Test
    void sumsTheVectorsOfEveryNodesDependents() {
        // ROOT -> 1 -> 2 over 3 nodes: the root gets x_1, word 1 gets x_2, word 2 nothing
        float[] z = {0, 1, 0, 0, 0, 1, 0, 0, 0};
        float[] x = {1, 2, 10, 20, 100, 200};
        Tensor c = TreeComposition.childSum(Tensor.of(z, 1, 3, 3), Tensor.of(x, 1, 3, 2));
        assertEquals(java.util.List.of(10f, 20f, 100f, 200f, 0f, 0f), asList(c.data()));
    }

    private static java.util.List<Float> asList(float[] a) {
        java.util.List<Float> out = new java.util.ArrayList<>();
        for (float f : a) {
            out.add(f);
        }
        return out;
    }

    /** The op is bilinear, so central differences are exact up to rounding. */
    @RepeatedTest(20)
    void gradientsMatchFiniteDifferences(org.junit.jupiter.api.RepetitionInfo info) {
        SplittableRandom rng = new SplittableRandom(info.getCurrentRepetition());
        int r = 1 + rng.nextInt(3);
        int n = 2 + rng.nextInt(4);
        int d = 1 + rng.nextInt(4);
        float[] z = random(rng, r * n * n);
        float[] x = random(rng, r * n * d);
        float[] w = random(rng, r * n * d);
        Tensor zt = Tensor.leaf(z.clone(), r, n, n);
        Tensor xt = Tensor.leaf(x.clone(), r, n, d);
        TreeComposition.childSum(zt, xt).mul(Tensor.of(w, r, n, d)).sum().backward();
        float[] zg = zt.grad();
        float[] xg = xt.grad();
        for (int i = 0; i < z.length; i++) {
            assertEquals(numeric(z, x, w, r, n, d, i, true), zg[i], 1e-3, "dz " + i);
        }
        for (int i = 0; i < x.length; i++) {
            assertEquals(numeric(z, x, w, r, n, d, i, false), xg[i], 1e-3, "dx " + i);
        }
    }

    private static double numeric(float[] z, float[] x, float[] w, int r, int n, int d, int i, boolean inZ) {
        float[] target = inZ ? z : x;
        float keep = target[i];
        float h = 0.25f;
        target[i] = keep + h;
        double plus = objective(z, x, w, r, n, d);
        target[i] = keep - h;
        double minus = objective(z, x, w, r, n, d);
        target[i] = keep;
        return (plus - minus) / (2 * h);
    }

    /** sum over r, h, k of w[r,h,k] * sum_c z[r,h,c] x[r,c,k], in double. */
    private static double objective(float[] z, float[] x, float[] w, int r, int n, int d) {
        double s = 0;
        for (int t = 0; t < r; t++) {
            for (int h = 0; h < n; h++) {
                for (int c = 0; c < n; c++) {
                    for (int k = 0; k < d; k++) {
                        s += (double) w[(t * n + h) * d + k] * z[(t * n + h) * n + c] * x[(t * n + c) * d + k];
                    }
                }
            }
        }
        return s;
    }

    private static float[] random(SplittableRandom rng, int size) {
        float[] a = new float[size];
        for (int i = 0; i < size; i++) {
            a[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return a;
    }

    @Test
    void refusesShapesThatDoNotFit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TreeComposition.childSum(Tensor.zeros(1, 3, 3), Tensor.zeros(1, 4, 2)));
        assertEquals("childSum: trees of shape [1, 3, 3] and vectors of shape [1, 4, 2] do not fit "
                + "(need [R, n, n] and [R, n, D])", e.getMessage());
    }
}
