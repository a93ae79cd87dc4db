package org.imle.api.estimator;

import org.imle.api.EstimatorPass;
import org.imle.api.MapOracle;
import org.imle.api.check.Checks;
import org.imle.api.registry.Setting;

/**
 * Implicit Maximum Likelihood Estimation (Niepert, Minervini, Franceschi, NeurIPS 2021).
 *
 * <p>Forward, for each row b and sample s: {@code z_bs = MAP(theta_b + T_in * eps_bs)}.
 * Backward, with the same eps: {@code theta'_bs = alpha * theta_b - lambda * dL/dz_bs} and
 * <pre>
 *   dL/dtheta_b = c / S * sum_s [ z_bs - MAP(theta'_bs + T_target * eps_bs) ]
 * </pre>
 * where c = 1 ({@link Scaling#NONE}, the default, as torch-imle) or 1 / lambda
 * ({@link Scaling#DIVIDE_BY_LAMBDA}). With M marginal samples per sample (torch-adaptive-imle's
 * {@code nb_marginal_samples}), each of the two MAP terms is the mean of M solves with M
 * independent draws eps_bsm, the same draws in both terms; the forward output is that mean too.
 *
 * <p>Defaults: alpha = 1, lambda = 10, T_in = T_target = 1, S = M = 1, zero noise, NONE scaling,
 * seed 0, all cores. The sum over s is reduced in a fixed order, so gradients are bit-identical
 * for any executor.
 */
public final class ImleEstimator extends SamplingEstimator {

    private final TargetDistribution target;
    private final double targetTemperature;
    private final Scaling scaling;

    private ImleEstimator(Builder b) {
        super(b.sampler());
        this.target = new TargetDistribution(b.alpha, b.lambda);
        this.targetTemperature = Checks.nonNegative("target temperature", b.targetTemperature);
        this.scaling = b.scaling;
    }

    /** Starts a builder around any oracle. */
    public static Builder builder(MapOracle oracle) {
        return new Builder(oracle);
    }

    @Override
    public String name() {
        return "imle";
    }

    public TargetDistribution target() {
        return target;
    }

    public Scaling scaling() {
        return scaling;
    }

    public double targetTemperature() {
        return targetTemperature;
    }

    @Override
    public EstimatorPass forward(double[] theta, int batchSize, long step) {
        sampler.checkTheta(theta, batchSize);
        int n = dimension();
        int rows = batchSize * samples();
        double[] thetaCopy = theta.clone();
        // The target solve reuses this eps at its own temperature, so draw it whenever either
        // temperature is non-zero (T_in = 0 must not silently turn the target noise off).
        double[] eps = sampler.temperature() == 0.0 && targetTemperature == 0.0 ? null
                : sampler.drawNoiseIgnoringTemperature(batchSize, step);
        double[] z = new double[rows * n];
        sampler.solve(thetaCopy, false, eps, sampler.temperature(), z);
        return new Pass(batchSize, thetaCopy, eps, z);
    }

    private final class Pass extends AbstractPass {
        private final double[] theta;
        private final double[] eps;

        Pass(int batchSize, double[] theta, double[] eps, double[] z) {
            super(batchSize, sampler.samples(), sampler.oracle().dimension(), z);
            this.theta = theta;
            this.eps = eps;
        }

        @Override
        public void backward(double[] dLdz, double[] gradTheta) {
            checkBackward(dLdz, gradTheta);
            int n = dimension;
            int s = samples;
            double c = (scaling == Scaling.DIVIDE_BY_LAMBDA ? 1.0 / target.lambda() : 1.0) / s;
            // The B * S targets are written on demand into the executor's row buffers and solved
            // as one request; then one task per row of theta sums its S differences in sample
            // order, so the result depends on the row only, whatever the executor.
            double[] solved = new double[batchSize * s * n];
            sampler.solve((row, out, off) -> target.apply(theta, (row / s) * n, dLdz, row * n, out, off, n),
                    eps, targetTemperature, solved);
            sampler.executor().run(batchSize, b -> {
                int g = b * n;
                for (int j = 0; j < s; j++) {
                    int row = b * s + j;
                    addSampleDifference(structures, row * n, solved, row * n, gradTheta, g, n, j, s, c);
                }
            });
        }
    }

    /** Builds an {@link ImleEstimator}; arguments are validated at {@link #build()}. */
    public static final class Builder extends TargetBuilder<Builder, ImleEstimator> {

        public static final Setting<Double> LAMBDA = Setting.real("lambda", 10.0,
                "the step towards the target (> 0)");
        public static final Setting<Scaling> SCALING = Setting.choice("scaling", "none", Scaling.NONE, Scaling::parse,
                "none: grad = mean of (z - z'), as torch-imle; divide-by-lambda: divided by lambda, as AIMLE");

        private double lambda = LAMBDA.defaultValue();
        private Scaling scaling = SCALING.defaultValue();

        private Builder(MapOracle oracle) {
            super(oracle);
        }

        /** lambda in theta' = alpha * theta - lambda * dL/dz ({@link #LAMBDA}). */
        public Builder lambda(double lambda) {
            this.lambda = lambda;
            return this;
        }

        /** Whether the gradient is divided by lambda ({@link #SCALING}). */
        public Builder scaling(Scaling scaling) {
            if (scaling == null) {
                throw new IllegalArgumentException("scaling must not be null");
            }
            this.scaling = scaling;
            return this;
        }

        @Override
        protected ImleEstimator make() {
            return new ImleEstimator(this);
        }
    }
}
