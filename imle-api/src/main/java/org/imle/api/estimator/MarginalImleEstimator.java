package org.imle.api.estimator;

import org.imle.api.EstimatorPass;
import org.imle.api.MapOracle;
import org.imle.api.check.Checks;
import org.imle.api.exact.MarginalOracle;

/**
 * The mu-mu variant of I-MLE (Niepert et al. 2021, Section 4): where the marginals of
 * {@code p(z; theta)} are tractable, both sides of the I-MLE difference are exact expectations
 * instead of perturb-and-MAP samples:
 * <pre>
 *   theta'_bs = alpha theta_b - lambda dL/dz_bs,
 *   dL/dtheta_b = c/S sum_s [ mu(theta_b) - mu(theta'_bs) ]
 * </pre>
 * with c = 1 ({@link Scaling#NONE}) or 1/lambda ({@link Scaling#DIVIDE_BY_LAMBDA}). The backward pass
 * has no sampling noise at all; the forward pass still samples with perturb-and-MAP through the
 * oracle (zero noise by default, i.e. MAP). Marginal oracles: {@link org.imle.api.exact.KSubsetFamily}
 * (dynamic programming), {@link org.imle.api.exact.SpanningTreeMarginals} (matrix-tree theorem),
 * {@link org.imle.api.exact.EnumeratedFamily} (any small C).
 *
 * <p>Defaults as {@link ImleEstimator}: alpha = 1, lambda = 10, NONE scaling, T = 1, S = 1, zero
 * noise, seed 0, all cores. Stateless and thread-safe.
 */
public final class MarginalImleEstimator extends SamplingEstimator {

    private final MarginalOracle marginals;
    private final TargetDistribution target;
    private final Scaling scaling;

    private MarginalImleEstimator(Builder b) {
        super(b.sampler(b.temperature, 1));
        if (b.marginals == null) {
            throw new IllegalArgumentException("marginal oracle must not be null");
        }
        if (b.marginals.dimension() != b.oracle.dimension()) {
            throw new IllegalArgumentException("marginal oracle has dimension " + b.marginals.dimension()
                    + " but the MAP oracle has dimension " + b.oracle.dimension());
        }
        this.marginals = b.marginals;
        this.target = new TargetDistribution(b.alpha, b.lambda);
        if (b.scaling == null) {
            throw new IllegalArgumentException("scaling must not be null");
        }
        this.scaling = b.scaling;
    }

    /** Starts a builder around an oracle (for the forward samples) and a marginal oracle. */
    public static Builder builder(MapOracle oracle, MarginalOracle marginals) {
        return new Builder(oracle, marginals);
    }

    @Override
    public int dimension() {
        return marginals.dimension();
    }

    @Override
    public String name() {
        return "imle-marginals";
    }

    public TargetDistribution target() {
        return target;
    }

    @Override
    public EstimatorPass forward(double[] theta, int batchSize, long step) {
        sampler.checkTheta(theta, batchSize);
        int n = dimension();
        int rows = batchSize * samples();
        double[] thetaCopy = theta.clone();
        double[] eps = sampler.drawNoise(batchSize, step);
        double[] z = new double[rows * n];
        sampler.solve(thetaCopy, false, eps, sampler.temperature(), z);
        return new AbstractPass(batchSize, samples(), n, z) {
            @Override
            public void backward(double[] dLdz, double[] gradTheta) {
                checkBackward(dLdz, gradTheta);
                int s = samples;
                double[] targets = new double[dLdz.length];
                for (int row = 0; row < batchSize * s; row++) {
                    target.apply(thetaCopy, (row / s) * n, dLdz, row * n, targets, row * n, n);
                }
                double[] muTheta = new double[batchSize * n];
                double[] muTarget = new double[dLdz.length];
                sampler.executor().run(batchSize + batchSize * s, task -> {
                    if (task < batchSize) {
                        marginals.marginals(thetaCopy, task * n, muTheta, task * n);
                    } else {
                        int r = task - batchSize;
                        marginals.marginals(targets, r * n, muTarget, r * n);
                    }
                });
                double c = (scaling == Scaling.DIVIDE_BY_LAMBDA ? 1.0 / target.lambda() : 1.0) / s;
                java.util.Arrays.fill(gradTheta, 0.0);
                for (int row = 0; row < batchSize; row++) {
                    for (int k = 0; k < s; k++) {
                        for (int i = 0; i < n; i++) {
                            gradTheta[row * n + i] += muTheta[row * n + i] - muTarget[(row * s + k) * n + i];
                        }
                    }
                    for (int i = 0; i < n; i++) {
                        gradTheta[row * n + i] *= c;
                    }
                }
            }
        };
    }

    /**
     * Builds a {@link MarginalImleEstimator}; arguments are validated at {@link #build()}. Its
     * settings are declared where they mean the same: {@link SamplingBuilder#TEMPERATURE},
     * {@link TargetBuilder#ALPHA}, {@link ImleEstimator.Builder#LAMBDA} and
     * {@link ImleEstimator.Builder#SCALING}.
     */
    public static final class Builder extends SamplingBuilder<Builder, MarginalImleEstimator> {
        private final MarginalOracle marginals;
        private double temperature = TEMPERATURE.defaultValue();
        private double alpha = TargetBuilder.ALPHA.defaultValue();
        private double lambda = ImleEstimator.Builder.LAMBDA.defaultValue();
        private Scaling scaling = ImleEstimator.Builder.SCALING.defaultValue();

        private Builder(MapOracle oracle, MarginalOracle marginals) {
            super(oracle);
            this.marginals = marginals;
        }

        /** T of the forward samples. */
        public Builder temperature(double t) {
            this.temperature = t;
            return this;
        }

        /** alpha of the target. */
        public Builder alpha(double alpha) {
            this.alpha = alpha;
            return this;
        }

        /** lambda > 0 of the target. */
        public Builder lambda(double lambda) {
            this.lambda = lambda;
            return this;
        }

        /** Whether to divide by lambda. */
        public Builder scaling(Scaling scaling) {
            this.scaling = scaling;
            return this;
        }

        @Override
        protected MarginalImleEstimator make() {
            return new MarginalImleEstimator(this);
        }
    }
}
