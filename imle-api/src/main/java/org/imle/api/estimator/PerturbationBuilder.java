package org.imle.api.estimator;

import org.imle.api.MapOracle;
import org.imle.api.NoiseDistribution;
import org.imle.api.SolveExecutor;

/**
 * The settings every target-based perturbation estimator (I-MLE, AIMLE) shares: the noise, alpha,
 * the two temperatures, S samples, M marginal samples, the seed and the executor. Setters only
 * record; the estimator validates at {@code build()}.
 *
 * @param <B> the concrete builder, so that chained setters keep its type
 */
public abstract class PerturbationBuilder<B extends PerturbationBuilder<B>> {

    final MapOracle oracle;
    NoiseDistribution noise = NoiseDistribution.none();
    double alpha = 1.0;
    double inputTemperature = 1.0;
    double targetTemperature = 1.0;
    int samples = 1;
    int marginalSamples = 1;
    long seed;
    SolveExecutor executor = SolveExecutor.allCores();

    PerturbationBuilder(MapOracle oracle) {
        if (oracle == null) {
            throw new IllegalArgumentException("oracle must not be null");
        }
        this.oracle = oracle;
    }

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The sampler these settings describe, validating them. */
    PerturbAndMap sampler() {
        return new PerturbAndMap(oracle, noise, inputTemperature, samples, marginalSamples, seed, executor);
    }

    /** The perturbation eps (default: none). */
    public B noise(NoiseDistribution noise) {
        this.noise = noise;
        return self();
    }

    /** alpha in the target {@code theta' = alpha * theta - lambda * dL/dz} (default 1). */
    public B alpha(double alpha) {
        this.alpha = alpha;
        return self();
    }

    /** Both temperatures at once. */
    public B temperature(double t) {
        this.inputTemperature = t;
        this.targetTemperature = t;
        return self();
    }

    /** T_in, the noise scale of the forward solve (default 1). */
    public B inputTemperature(double t) {
        this.inputTemperature = t;
        return self();
    }

    /** T_target, the noise scale of the target solves (default 1). */
    public B targetTemperature(double t) {
        this.targetTemperature = t;
        return self();
    }

    /** S, the samples per row (default 1). */
    public B samples(int s) {
        this.samples = s;
        return self();
    }

    /** M, the solves averaged into each sample (default 1). */
    public B marginalSamples(int m) {
        this.marginalSamples = m;
        return self();
    }

    /** The seed of every random stream (default 0). */
    public B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /** Who runs the solves (default: all cores). */
    public B executor(SolveExecutor executor) {
        this.executor = executor;
        return self();
    }
}
