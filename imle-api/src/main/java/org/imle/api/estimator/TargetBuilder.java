package org.imle.api.estimator;

import java.util.List;
import org.imle.api.MapOracle;
import org.imle.api.registry.Setting;

/**
 * The settings of the estimators that solve a target {@code theta' = alpha * theta - lambda * dL/dz}
 * with the forward pass's noise (I-MLE, AIMLE), added to {@link SamplingBuilder}'s: alpha, the two
 * temperatures and M marginal samples. Setters only record; the estimator validates at {@code build()}.
 *
 * @param <B> the concrete builder, so that chained setters keep its type
 * @param <T> the estimator it builds
 */
public abstract class TargetBuilder<B extends TargetBuilder<B, T>, T> extends SamplingBuilder<B, T> {

    public static final Setting<Double> ALPHA = Setting.real("alpha", 1.0,
            "target theta' = alpha * theta - lambda * dLdz");
    public static final Setting<Double> INPUT_TEMPERATURE = Setting.real("inputTemperature", 1.0,
            "T_in, the noise scale of the forward solve");
    public static final Setting<Double> TARGET_TEMPERATURE = Setting.real("targetTemperature", 1.0,
            "T_target, the noise scale of the target solve (same noise draw)");
    public static final Setting<Integer> MARGINAL_SAMPLES = Setting.integer("marginalSamples", 1,
            "M, solves averaged into each sample (torch-adaptive-imle's nb_marginal_samples)");

    /**
     * The settings I-MLE and AIMLE share, in the order a registry lists and applies them: noise,
     * samples, M, alpha, the two temperatures.
     */
    public static final List<Setting.Bound<TargetBuilder<?, ?>>> SETTINGS = List.of(
            SamplingBuilder.NOISE.on(TargetBuilder::noise),
            SamplingBuilder.SAMPLES.on(TargetBuilder::samples),
            MARGINAL_SAMPLES.on(TargetBuilder::marginalSamples),
            ALPHA.on(TargetBuilder::alpha),
            INPUT_TEMPERATURE.on(TargetBuilder::inputTemperature),
            TARGET_TEMPERATURE.on(TargetBuilder::targetTemperature));

    double alpha = ALPHA.defaultValue();
    double inputTemperature = INPUT_TEMPERATURE.defaultValue();
    double targetTemperature = TARGET_TEMPERATURE.defaultValue();
    int marginalSamples = MARGINAL_SAMPLES.defaultValue();

    TargetBuilder(MapOracle oracle) {
        super(oracle);
    }

    /** The sampler of the forward solves these settings describe. */
    PerturbAndMap sampler() {
        return sampler(inputTemperature, marginalSamples);
    }

    /** alpha in the target {@code theta' = alpha * theta - lambda * dL/dz} ({@link #ALPHA}). */
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

    /** T_in, the noise scale of the forward solve ({@link #INPUT_TEMPERATURE}). */
    public B inputTemperature(double t) {
        this.inputTemperature = t;
        return self();
    }

    /** T_target, the noise scale of the target solves ({@link #TARGET_TEMPERATURE}). */
    public B targetTemperature(double t) {
        this.targetTemperature = t;
        return self();
    }

    /** M, the solves averaged into each sample ({@link #MARGINAL_SAMPLES}). */
    public B marginalSamples(int m) {
        this.marginalSamples = m;
        return self();
    }
}
