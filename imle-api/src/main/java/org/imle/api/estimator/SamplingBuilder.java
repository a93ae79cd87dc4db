package org.imle.api.estimator;

import org.imle.api.MapOracle;
import org.imle.api.NoiseDistribution;
import org.imle.api.execution.SolveExecutor;

/**
 * The settings every perturb-and-MAP estimator shares: the oracle, the noise, S samples per row,
 * the seed of the random streams and the executor of the solves. Setters only record; the
 * estimator validates at {@code build()}.
 *
 * @param <B> the concrete builder, so that chained setters keep its type
 */
public abstract class SamplingBuilder<B extends SamplingBuilder<B>> {

    final MapOracle oracle;
    NoiseDistribution noise = NoiseDistribution.none();
    int samples = 1;
    long seed;
    SolveExecutor executor = SolveExecutor.allCores();

    SamplingBuilder(MapOracle oracle) {
        if (oracle == null) {
            throw new IllegalArgumentException("oracle must not be null");
        }
        this.oracle = oracle;
    }

    @SuppressWarnings("unchecked")
    final B self() {
        return (B) this;
    }

    /** The sampler of the forward solves at temperature t with M marginal samples. */
    PerturbAndMap sampler(double temperature, int marginalSamples) {
        return new PerturbAndMap(oracle, noise, temperature, samples, marginalSamples, seed, executor);
    }

    /** The perturbation eps of the forward solves (default: none, plain MAP). */
    public B noise(NoiseDistribution noise) {
        this.noise = noise;
        return self();
    }

    /** S, the samples per row (default 1). */
    public B samples(int s) {
        this.samples = s;
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
