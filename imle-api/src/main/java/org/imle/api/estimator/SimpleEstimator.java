package org.imle.api.estimator;

import org.apache.commons.rng.UniformRandomProvider;
import org.imle.api.EstimatorPass;
import org.imle.api.GradientEstimator;
import org.imle.api.check.Checks;
import org.imle.api.exact.EnumeratedFamily;
import org.imle.api.exact.ExactDistribution;
import org.imle.api.exact.KSubsetFamily;
import org.imle.api.exact.StructureSet;
import org.imle.api.exact.TractableFamily;
import org.imle.api.execution.RandomStreams;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.registry.EstimatorBuilder;
import org.imle.api.registry.Setting;

/**
 * SIMPLE (Ahmed, Zeng, Niepert, Van den Broeck, "SIMPLE: a gradient estimator for k-subset
 * sampling", ICLR 2023): exact samples forward, the gradient of the exact marginals backward.
 * <pre>{@code
 *   forward:  z_bs ~ p(z; theta_b) proportional to exp(<theta_b, z>)   (exactly, over the family's set)
 *   backward: dL/dtheta_b = J_mu(theta_b)^T (1/S) sum_s dL/dz_bs,   mu(theta) = E_p[z]
 * }</pre>
 * The Jacobian of the marginals is the covariance of z, {@code J_mu = Cov_p[z]} (the Hessian of
 * log Z), so the backward is {@code Cov v = E[z <z, v>] - mu <mu, v>}, computed exactly: for
 * k-subsets from {@code P(z_i = z_j = 1) = mu_i mu^(-i)_j}, where {@code mu^(-i)} are the marginals
 * of the (k-1)-subsets of the other items, in O(n^2 k^2) per row; for an enumerated set by summing
 * over it. Samples come from {@link RandomStreams#open}(seed, step, b, s).
 *
 * <p>Defaults: S = 1, seed 0, all cores. Stateless and thread-safe.
 */
public final class SimpleEstimator implements GradientEstimator {

    private final TractableFamily family;
    private final int samples;
    private final long seed;
    private final SolveExecutor executor;

    private SimpleEstimator(Builder b) {
        if (!(b.family instanceof KSubsetFamily) && !(b.family instanceof EnumeratedFamily)) {
            throw new IllegalArgumentException("simple needs k-subsets or an enumerated set, not " + b.family);
        }
        this.family = b.family;
        this.samples = Checks.atLeast("samples", b.samples, 1);
        this.seed = b.seed();
        this.executor = b.executor();
    }

    /** Starts a builder around an exact family (top-k's {@link KSubsetFamily} or an {@link EnumeratedFamily}). */
    public static Builder builder(TractableFamily family) {
        return new Builder(family);
    }

    @Override
    public int dimension() {
        return family.dimension();
    }

    @Override
    public int samples() {
        return samples;
    }

    @Override
    public String name() {
        return "simple";
    }

    @Override
    public EstimatorPass forward(double[] theta, int batchSize, long step) {
        int n = dimension();
        Checks.atLeast("batch size", batchSize, 1);
        Checks.length("theta", theta, batchSize * n);
        Checks.finiteRows("theta", theta, n);
        double[] thetaCopy = theta.clone();
        int s = samples;
        double[] z = new double[batchSize * s * n];
        executor.run(batchSize * s, task -> {
            UniformRandomProvider random = RandomStreams.open(seed, step, task / s, task % s);
            family.sample(thetaCopy, (task / s) * n, random, z, task * n);
        });
        return new AbstractPass(batchSize, s, n, z) {
            @Override
            public void backward(double[] dLdz, double[] gradTheta) {
                checkBackward(dLdz, gradTheta);
                executor.run(batchSize, row -> {
                    double[] v = new double[n];
                    for (int k = 0; k < s; k++) {
                        for (int i = 0; i < n; i++) {
                            v[i] += dLdz[(row * s + k) * n + i] / s;
                        }
                    }
                    covarianceTimes(thetaCopy, row * n, v, gradTheta, row * n);
                });
            }
        };
    }

    /** Writes {@code Cov_p(theta)[z] v} into {@code out[outOffset ..]}. */
    void covarianceTimes(double[] theta, int offset, double[] v, double[] out, int outOffset) {
        int n = dimension();
        double[] mu = new double[n];
        family.marginals(theta, offset, mu, 0);
        double muV = 0;
        for (int i = 0; i < n; i++) {
            muV += mu[i] * v[i];
        }
        if (family instanceof KSubsetFamily subsets) {
            int k = subsets.k();
            double[] others = new double[Math.max(n - 1, 1)];
            double[] muOthers = new double[others.length];
            for (int i = 0; i < n; i++) {
                double joint = v[i];
                if (k > 1) {
                    for (int j = 0, c = 0; j < n; j++) {
                        if (j != i) {
                            others[c++] = theta[offset + j];
                        }
                    }
                    KSubsetFamily.of(n - 1, k - 1).marginals(others, 0, muOthers, 0);
                    for (int j = 0, c = 0; j < n; j++) {
                        if (j != i) {
                            joint += v[j] * muOthers[c++];
                        }
                    }
                }
                out[outOffset + i] = mu[i] * (joint - muV);
            }
            return;
        }
        StructureSet set = ((EnumeratedFamily) family).structures();
        double[] row = java.util.Arrays.copyOfRange(theta, offset, offset + n);
        double[] p = new ExactDistribution(set).probabilities(row);
        java.util.Arrays.fill(out, outOffset, outOffset + n, 0.0);
        for (int c = 0; c < set.size(); c++) {
            double[] zc = set.get(c);
            double zv = 0;
            for (int i = 0; i < n; i++) {
                zv += zc[i] * v[i];
            }
            for (int i = 0; i < n; i++) {
                out[outOffset + i] += p[c] * zc[i] * zv;
            }
        }
        for (int i = 0; i < n; i++) {
            out[outOffset + i] -= mu[i] * muV;
        }
    }

    /** Builds a {@link SimpleEstimator}. */
    public static final class Builder extends EstimatorBuilder<Builder, SimpleEstimator> {
        /** S, the exact samples per row. */
        public static final Setting<Integer> SAMPLES = SamplingBuilder.SAMPLES;

        private final TractableFamily family;
        private int samples = SAMPLES.defaultValue();

        private Builder(TractableFamily family) {
            if (family == null) {
                throw new IllegalArgumentException("family must not be null");
            }
            this.family = family;
        }

        /** S ({@link #SAMPLES}). */
        public Builder samples(int samples) {
            this.samples = samples;
            return this;
        }

        @Override
        protected SimpleEstimator make() {
            return new SimpleEstimator(this);
        }
    }
}
