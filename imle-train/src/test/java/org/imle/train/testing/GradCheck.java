package org.imle.train.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.imle.train.tensor.GradMode;
import org.imle.train.tensor.Shape;
import org.imle.train.tensor.Tensor;

/**
 * Compares backward against central finite differences. The scalar checked is
 * {@code L = sum(out * R)} with a fixed random R, evaluated in double; the step h = 1e-2 keeps
 * float32 rounding (about 1e-7 relative per value, divided by 2h) well below the tolerance, and the
 * truncation error O(h^2) too, while a wrong rule gives errors of order 1.
 */
public final class GradCheck {

    public static final float STEP = 1e-2f;
    private static final double ATOL = 3e-3;
    private static final double RTOL = 2e-2;
    /** At most this many coordinates per input are perturbed, chosen at random. */
    private static final int MAX_PROBES = 40;

    private GradCheck() {
    }

    /** Random values in [-1, 1] with |x| >= 0.1, away from kinks at 0. */
    public static float[] values(SplittableRandom rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            float m = (float) (0.1 + 0.9 * rnd.nextDouble());
            v[i] = rnd.nextBoolean() ? m : -m;
        }
        return v;
    }

    /** Random values in [lo, hi]. */
    public static float[] uniform(SplittableRandom rnd, int n, double lo, double hi) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (lo + (hi - lo) * rnd.nextDouble());
        }
        return v;
    }

    /** Distinct values spaced 0.05 apart (more than 2h), shuffled: no ties for max operations. */
    public static float[] distinct(SplittableRandom rnd, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (i - n / 2f) * 0.05f;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            float t = v[i];
            v[i] = v[j];
            v[j] = t;
        }
        return v;
    }

    /** Checks every input's gradient; inputs are given as data arrays with their shapes. */
    public static void check(String what, Function<Tensor[], Tensor> f, long seed, float[][] data, int[][] shapes) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Tensor[] leaves = new Tensor[data.length];
        for (int i = 0; i < data.length; i++) {
            leaves[i] = Tensor.leaf(data[i].clone(), shapes[i]);
        }
        Tensor out = f.apply(leaves);
        float[] r = new float[out.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = (float) (rnd.nextDouble() * 2 - 1);
        }
        out.backward(r);
        for (int in = 0; in < data.length; in++) {
            float[] analytic = leaves[in].grad() == null ? new float[data[in].length] : leaves[in].grad();
            int n = data[in].length;
            int probes = Math.min(n, MAX_PROBES);
            for (int p = 0; p < probes; p++) {
                int j = n <= MAX_PROBES ? p : rnd.nextInt(n);
                double plus = evaluate(f, data, shapes, in, j, STEP, r);
                double minus = evaluate(f, data, shapes, in, j, -STEP, r);
                double numeric = (plus - minus) / (2 * STEP);
                double a = analytic[j];
                if (Math.abs(numeric - a) > ATOL + RTOL * Math.max(Math.abs(numeric), Math.abs(a))) {
                    fail(what + ": input " + in + " of shape " + Shape.str(shapes[in]) + " coordinate " + j
                            + ": backward gives " + a + ", finite differences " + numeric);
                }
            }
        }
    }

    private static double evaluate(Function<Tensor[], Tensor> f, float[][] data, int[][] shapes,
            int in, int j, float h, float[] r) {
        Tensor[] ts = new Tensor[data.length];
        for (int i = 0; i < data.length; i++) {
            float[] d = data[i].clone();
            if (i == in) {
                d[j] += h;
            }
            ts[i] = Tensor.of(d, shapes[i]);
        }
        try (GradMode.Scope s = GradMode.off()) {
            float[] o = f.apply(ts).data();
            double sum = 0;
            for (int k = 0; k < o.length; k++) {
                sum += (double) o[k] * r[k];
            }
            return sum;
        }
    }
}
