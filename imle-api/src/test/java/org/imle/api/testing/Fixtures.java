package org.imle.api.testing;

import java.util.SplittableRandom;
import org.imle.api.exact.EnumeratedOracle;
import org.imle.api.exact.StructureSet;

/** Small oracles and random inputs shared by the estimator tests. */
public final class Fixtures {

    private Fixtures() {
    }

    public static EnumeratedOracle topK(int n, int k) {
        return new EnumeratedOracle(StructureSet.kSubsets(n, k));
    }

    public static double[] gaussian(SplittableRandom rng, int length, double scale) {
        double[] x = new double[length];
        for (int i = 0; i < length; i++) {
            // Box-Muller from two uniforms: tests need no noise module
            double u = 1.0 - rng.nextDouble();
            double v = rng.nextDouble();
            x[i] = scale * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
        }
        return x;
    }

    public static double[] solve(EnumeratedOracle oracle, double[] theta) {
        double[] z = new double[theta.length];
        oracle.solve(theta, z);
        return z;
    }

    public static double[] axpy(double a, double[] x, double b, double[] y) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = a * x[i] + b * y[i];
        }
        return out;
    }

    public static double[] row(double[] flat, int row, int n) {
        double[] out = new double[n];
        System.arraycopy(flat, row * n, out, 0, n);
        return out;
    }
}
