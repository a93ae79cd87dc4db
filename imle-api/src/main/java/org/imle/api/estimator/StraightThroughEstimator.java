package org.imle.api.estimator;

import org.imle.api.EstimatorPass;
import org.imle.api.MapOracle;

/**
 * The straight-through estimator (Bengio, Leonard, Courville 2013): the forward pass samples
 * {@code z_bs = MAP(theta_b + T * eps_bs)} (plain MAP with the default zero noise) and the backward
 * pass treats the solver as the identity, {@code dL/dtheta_b = (1/S) sum_s dL/dz_bs}. Biased, cheap
 * (no solve in the backward pass) and a common baseline.
 *
 * <p>Defaults: zero noise, T = 1, S = 1, seed 0, all cores. Stateless and thread-safe.
 */
public final class StraightThroughEstimator extends SamplingEstimator {


    private StraightThroughEstimator(Builder b) {
        super(b.sampler(b.temperature, 1));
    }

    /** Starts a builder around any oracle. */
    public static Builder builder(MapOracle oracle) {
        return new Builder(oracle);
    }

    @Override
    public String name() {
        return "straight-through";
    }

    @Override
    public EstimatorPass forward(double[] theta, int batchSize, long step) {
        sampler.checkTheta(theta, batchSize);
        int rows = batchSize * samples();
        int n = dimension();
        double[] eps = sampler.drawNoise(batchSize, step);
        double[] z = new double[rows * n];
        sampler.solve(theta, false, eps, sampler.temperature(), z);
        return new AbstractPass(batchSize, samples(), n, z) {
            @Override
            public void backward(double[] dLdz, double[] gradTheta) {
                checkBackward(dLdz, gradTheta);
                java.util.Arrays.fill(gradTheta, 0.0);
                for (int row = 0; row < batchSize; row++) {
                    for (int s = 0; s < samples; s++) {
                        int off = (row * samples + s) * dimension;
                        for (int i = 0; i < dimension; i++) {
                            gradTheta[row * dimension + i] += dLdz[off + i];
                        }
                    }
                    for (int i = 0; i < dimension; i++) {
                        gradTheta[row * dimension + i] /= samples;
                    }
                }
            }
        };
    }

    /** Builds a {@link StraightThroughEstimator}; arguments are validated at {@link #build()}. */
    public static final class Builder extends SamplingBuilder<Builder, StraightThroughEstimator> {
        private double temperature = TEMPERATURE.defaultValue();

        private Builder(MapOracle oracle) {
            super(oracle);
        }

        /** T, the noise scale ({@link SamplingBuilder#TEMPERATURE}). */
        public Builder temperature(double t) {
            this.temperature = t;
            return this;
        }

        @Override
        protected StraightThroughEstimator make() {
            return new StraightThroughEstimator(this);
        }
    }
}
