package org.imle.api.loss;

import org.imle.api.DifferentiableNoise;
import org.imle.api.MapOracle;
import org.imle.api.StructuredLoss;
import org.imle.api.check.Checks;
import org.imle.api.estimator.PerturbedEstimator;
import org.imle.api.registry.EstimatorBuilder;

/**
 * The perturbed Fenchel-Young loss (Berthet et al., NeurIPS 2020, Section 4) for learning from gold
 * structures y, with additive perturbation {@code theta + T Z}:
 * <pre>{@code
 *   L(theta; y) = F(theta) - <theta, y>  (+ T Omega(y), a constant in theta, not computed)
 *   F(theta)    = E_Z[ max_{z in C} <z, theta + T Z> ]
 *   grad L      = y(theta) - y,          y(theta) = E_Z[ MAP(theta + T Z) ]
 * }</pre>
 * Both expectations are estimated with the same S samples as the {@link PerturbedEstimator} forward
 * pass, so the gradient is exactly its perturbed mean minus the gold structure. L is convex in theta
 * and its gradient is zero when the perturbed mean matches y. The multiplicative perturbation has no
 * such simple gradient and is not offered here.
 *
 * <p>Defaults as {@link PerturbedEstimator} (standard Gaussian noise, T = 1, S = 10, seed 0, all cores).
 */
public final class FenchelYoungLoss implements StructuredLoss {

    private final PerturbedEstimator perturbed;

    private FenchelYoungLoss(PerturbedEstimator perturbed) {
        this.perturbed = perturbed;
    }

    /** Starts a builder around any oracle. */
    public static Builder builder(MapOracle oracle) {
        return new Builder(oracle);
    }

    @Override
    public int dimension() {
        return perturbed.dimension();
    }

    @Override
    public int samples() {
        return perturbed.samples();
    }

    @Override
    public String name() {
        return "fenchel-young";
    }

    @Override
    public String supervisionName() {
        return "target";
    }

    public PerturbedEstimator perturbed() {
        return perturbed;
    }

    @Override
    public Evaluation evaluate(double[] theta, double[] target, int batchSize, long step, double[] gradTheta) {
        int n = dimension();
        Checks.atLeast("batch size", batchSize, 1);
        Checks.length("target", target, batchSize * n);
        Checks.finiteRows("target", target, n);
        Checks.length("dL/dtheta output", gradTheta, batchSize * n);
        PerturbedEstimator.Pass pass = perturbed.forward(theta, batchSize, step);
        double[] z = pass.structures();
        double[] eps = pass.noise();
        double[] mean = pass.mean();
        int s = perturbed.samples();
        double t = perturbed.temperature();
        double[] values = new double[batchSize];
        for (int row = 0; row < batchSize; row++) {
            double f = 0;
            for (int k = 0; k < s; k++) {
                int off = (row * s + k) * n;
                for (int i = 0; i < n; i++) {
                    f += z[off + i] * (theta[row * n + i] + t * eps[off + i]);
                }
            }
            double linear = 0;
            for (int i = 0; i < n; i++) {
                linear += theta[row * n + i] * target[row * n + i];
                gradTheta[row * n + i] = mean[row * n + i] - target[row * n + i];
            }
            values[row] = f / s - linear;
        }
        return new Evaluation(values, z, s);
    }

    /**
     * Builds a {@link FenchelYoungLoss}; arguments are validated at {@link #build()}. Its settings
     * are those of {@link PerturbedEstimator.Builder} (noise, temperature, samples), declared there.
     */
    public static final class Builder extends EstimatorBuilder<Builder, FenchelYoungLoss> {
        private final PerturbedEstimator.Builder perturbed;

        private Builder(MapOracle oracle) {
            this.perturbed = PerturbedEstimator.builder(oracle);
        }

        /** Z's distribution ({@link PerturbedEstimator.Builder#NOISE}). */
        public Builder noise(DifferentiableNoise noise) {
            perturbed.noise(noise);
            return this;
        }

        /** T > 0 ({@link PerturbedEstimator.Builder#TEMPERATURE}). */
        public Builder temperature(double t) {
            perturbed.temperature(t);
            return this;
        }

        /** S ({@link PerturbedEstimator.Builder#SAMPLES}). */
        public Builder samples(int s) {
            perturbed.samples(s);
            return this;
        }

        @Override
        protected FenchelYoungLoss make() {
            return new FenchelYoungLoss(perturbed.seed(seed()).executor(executor()).build());
        }
    }
}
