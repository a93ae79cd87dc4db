package org.imle.api.testing;

import java.util.SplittableRandom;

/**
 * Seeded random instances for tests: score vectors and batches, optionally with many ties. Every
 * method takes the generator, so that a test names its seed once and stays reproducible.
 */
public final class RandomInstances {

    private RandomInstances() {
    }

    /** n scores uniform in [-scale, scale). */
    public static double[] uniform(SplittableRandom random, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = scale * (2.0 * random.nextDouble() - 1.0);
        }
        return v;
    }

    /** n integer scores in [-range, range]: small ranges make ties frequent. */
    public static double[] integers(SplittableRandom random, int n, int range) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextInt(-range, range + 1);
        }
        return v;
    }

    /** A batch of B rows of n uniform scores, flat row-major. */
    public static double[] batch(SplittableRandom random, int batchSize, int n, double scale) {
        return uniform(random, batchSize * n, scale);
    }

    /** A random 0/1 vector of length n. */
    public static double[] bits(SplittableRandom random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = random.nextBoolean() ? 1.0 : 0.0;
        }
        return v;
    }
}
