package org.imle.api.estimator;

import org.apache.commons.rng.UniformRandomProvider;
import org.imle.api.DifferentiableNoise;
import org.imle.api.execution.RandomStreams;

/**
 * Standard logistic noise by inversion, {@code eps = log(u / (1 - u))}, with
 * {@code nu'(eps) = tanh(eps / 2)}: a deterministic function of the random stream that lets the
 * estimator tests recompute every draw by hand.
 */
public final class LogisticTestNoise implements DifferentiableNoise {

    public static final LogisticTestNoise INSTANCE = new LogisticTestNoise();

    @Override
    public void sample(UniformRandomProvider random, double[] out, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
            double u = random.nextDouble();
            while (u == 0.0) {
                u = random.nextDouble();
            }
            out[i] = Math.log(u / (1 - u));
        }
    }

    @Override
    public double negLogDensityDerivative(double eps) {
        return Math.tanh(eps / 2);
    }

    @Override
    public String name() {
        return "logistic-test";
    }

    /** The n draws of key (seed, step, row, sample), recomputed independently of the estimators. */
    static double[] draws(long seed, long step, long row, long sample, int n) {
        double[] eps = new double[n];
        INSTANCE.sample(RandomStreams.open(seed, step, row, sample), eps, 0, n);
        return eps;
    }
}
