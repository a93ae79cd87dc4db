package org.imle.examples.dvae;

import org.imle.examples.preset.ExperimentOracles;

import static org.imle.examples.preset.Knob.LAMBDA;
import static org.imle.examples.preset.Knob.TEMPERATURE;

import java.util.Map;
import org.imle.api.GradientEstimator;
import org.imle.api.execution.SolveExecutor;
import org.imle.examples.preset.Choice;
import org.imle.examples.preset.Presets;
import org.imle.solvers.topk.TopKOracle;

/**
 * The ways the discrete VAE gets gradients through its k-subset codes, as a table, with the
 * settings of the reference DVAE experiment (torch-adaptive-imle's {@code dvae} script) where it
 * has them:
 * <ul>
 *   <li>{@code imle}: I-MLE, Sum-of-Gamma noise (k, 10 iterations) at temperature 10 on both
 *       solves, lambda 10, gradient not divided by lambda (the reference's defaults);</li>
 *   <li>{@code aimle}: adaptive I-MLE, symmetric difference, adaptive lambda with the library's
 *       defaults (those of the reference), the same noise and temperature;</li>
 *   <li>{@code straight-through}: plain top-k forward (the reference's STE temperature is 0),
 *       identity backward;</li>
 *   <li>{@code score-function}: exact k-subset samples (the top-k oracle's exact family) and
 *       REINFORCE on the reconstruction loss, moving-average baseline with decay 0.9;</li>
 *   <li>{@code gumbel-softmax}: the relaxed k-subset ({@link GumbelSoftmaxCode}), the experiment's own.</li>
 * </ul>
 * All sample one code per example (S = 1) and solve with {@link TopKOracle} on rows of M units.
 * The Sum-of-Gamma noise is the tabulated sampler: the same law within 2.5e-4 in Kolmogorov
 * distance, and one uniform draw per value.
 */
public final class DvaeEstimators {

    private static final Map<String, Object> SUM_OF_GAMMA = Presets.Builder.map("name", "sum-of-gamma-tabulated",
            "k", Presets.given("k"), "iterations", 10, "temperature", 1.0);

    /** The methods of {@code imle dvae --estimator}, the default first. */
    public static final Presets PRESETS = Presets.builder()
            .knob(LAMBDA, 10.0).knob(TEMPERATURE, 10.0)
            .estimator("imle", "noise", SUM_OF_GAMMA, "inputTemperature", TEMPERATURE, "targetTemperature",
                    TEMPERATURE, "lambda", LAMBDA, "scaling", "none")
            .estimator("aimle", "noise", SUM_OF_GAMMA, "inputTemperature", TEMPERATURE, "targetTemperature",
                    TEMPERATURE, "symmetric", true)
            .estimator("straight-through")
            .estimator("score-function", "baseline", "moving-average", "baselineDecay", 0.9)
            .method("gumbel-softmax", "the relaxed k-subset: Gumbel-softmax with the reference's annealed temperature")
            .build();

    private DvaeEstimators() {
    }

    /**
     * A fresh code sampler for groups of {@code units} units with k chosen. An estimator that takes
     * loss values (the score function) is trained on the reconstruction losses; the others on dL/dz.
     *
     * @param seed keys the noise (training and evaluation)
     */
    public static LatentCode create(Choice choice, int units, int k, long seed, SolveExecutor executor) {
        if (!choice.registered()) {
            return new GumbelSoftmaxCode(units, k, seed);
        }
        GradientEstimator estimator = (GradientEstimator) choice.build(ExperimentOracles.of(executor,
                () -> new TopKOracle(units, k), "top-k", Map.of("n", units, "k", k)), Map.of("k", k), seed, executor);
        return new EstimatorCode(estimator);
    }
}
