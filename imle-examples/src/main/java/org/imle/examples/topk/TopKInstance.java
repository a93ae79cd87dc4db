package org.imle.examples.topk;

import java.util.SplittableRandom;

/**
 * The instance both top-k programs draw from a seed: {@code theta ~ N(0, 1)^n}, then
 * {@code b ~ |N(0, 1)|^n}, for the loss {@code ||z - b||^2} over the k-subsets of n items, which are
 * enumerated (so n is at most 16).
 *
 * @param theta the scores
 * @param b the target of the squared distance
 */
record TopKInstance(double[] theta, double[] b) {

    /**
     * Checks the sizes, naming the one that is wrong.
     *
     * @throws IllegalArgumentException unless 2 <= n <= 16 and 1 <= k < n
     */
    static void check(int n, int k) {
        if (n < 2 || n > 16) {
            throw new IllegalArgumentException("n must be in 2..16 (C is enumerated), got " + n);
        }
        if (k < 1 || k >= n) {
            throw new IllegalArgumentException("k must be in 1.." + (n - 1) + ", got " + k);
        }
    }

    /** Draws the instance of n items from {@code seed}. */
    static TopKInstance draw(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] theta = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            theta[i] = normal(rng);
        }
        for (int i = 0; i < n; i++) {
            b[i] = Math.abs(normal(rng));
        }
        return new TopKInstance(theta, b);
    }

    /** One standard normal by Box-Muller (one draw of each uniform). */
    private static double normal(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }
}
