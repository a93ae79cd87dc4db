package org.imle.api.estimator;

import org.imle.api.MapOracle;
import org.imle.api.NoiseDistribution;
import org.imle.api.registry.EstimatorBuilder;
import org.imle.api.registry.Setting;

/**
 * The settings every perturb-and-MAP estimator of this package shares: the oracle, the noise and
 * S samples per row (with the seed and the executor of {@link EstimatorBuilder}). Setters only
 * record; the estimator validates at {@code build()}.
 *
 * @param <B> the concrete builder, so that chained setters keep its type
 * @param <T> the estimator it builds
 */
public abstract class SamplingBuilder<B extends SamplingBuilder<B, T>, T> extends EstimatorBuilder<B, T> {

    /** The perturbation eps of the forward solves; default none, which makes them plain MAP. */
    public static final Setting<NoiseDistribution> NOISE = Setting.noise("noise", "none", NoiseDistribution.class,
            "the perturbation eps: a noise name or {\"name\": ..., parameters} (imle estimators lists them)");
    /** S, the structures sampled per row. */
    public static final Setting<Integer> SAMPLES = Setting.integer("samples", 1, "S, structures sampled per row");
    /**
     * T, the scale of the noise in the forward solves, for the estimators with one temperature
     * (straight-through, mu-mu I-MLE); I-MLE and AIMLE have two ({@link TargetBuilder}).
     */
    public static final Setting<Double> TEMPERATURE = Setting.real("temperature", 1.0,
            "T, the noise scale of the forward solves");

    final MapOracle oracle;
    NoiseDistribution noise = NOISE.defaultValue();
    int samples = SAMPLES.defaultValue();

    SamplingBuilder(MapOracle oracle) {
        if (oracle == null) {
            throw new IllegalArgumentException("oracle must not be null");
        }
        this.oracle = oracle;
    }

    /** The sampler of the forward solves at temperature t with M marginal samples. */
    PerturbAndMap sampler(double temperature, int marginalSamples) {
        return new PerturbAndMap(oracle, noise, temperature, samples, marginalSamples, seed(), executor());
    }

    /** The perturbation eps of the forward solves ({@link #NOISE}). */
    public B noise(NoiseDistribution noise) {
        this.noise = noise;
        return self();
    }

    /** S, the samples per row ({@link #SAMPLES}). */
    public B samples(int s) {
        this.samples = s;
        return self();
    }
}
