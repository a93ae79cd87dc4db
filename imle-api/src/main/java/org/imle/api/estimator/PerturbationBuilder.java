package org.imle.api.estimator;

import org.imle.api.MapOracle;

/**
 * The settings the target-based perturbation estimators (I-MLE, AIMLE) add to
 * {@link SamplingBuilder}: alpha, the two temperatures and M marginal samples. Setters only record;
 * the estimator validates at {@code build()}.
 *
 * @param <B> the concrete builder, so that chained setters keep its type
 */
public abstract class PerturbationBuilder<B extends PerturbationBuilder<B>> extends SamplingBuilder<B> {

    double alpha = 1.0;
    double inputTemperature = 1.0;
    double targetTemperature = 1.0;
    int marginalSamples = 1;

    PerturbationBuilder(MapOracle oracle) {
        super(oracle);
    }

    /** The sampler of the forward solves these settings describe. */
    PerturbAndMap sampler() {
        return sampler(inputTemperature, marginalSamples);
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

    /** M, the solves averaged into each sample (default 1). */
    public B marginalSamples(int m) {
        this.marginalSamples = m;
        return self();
    }

}
