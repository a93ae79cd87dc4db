package org.imle.examples.explain;

import static org.imle.examples.preset.Knob.LAMBDA;
import static org.imle.examples.preset.Knob.SAMPLES;
import static org.imle.examples.preset.Knob.TAU;
import static org.imle.examples.preset.Knob.TEMPERATURE;

import java.util.Map;
import org.imle.examples.preset.Presets;

/**
 * How the explainer's k-subset is made differentiable during training, as a table; at test time
 * every method selects the hard top-k of the explainer's scores.
 * <ul>
 *   <li>{@code imle}: I-MLE (Niepert et al. 2021) over top-k, Sum-of-Gamma perturbations (k, 10
 *       terms) scaled by the temperature inside the noise, lambda, gradient not divided by lambda;</li>
 *   <li>{@code straight-through}: the same perturbed top-k forward, identity backward;</li>
 *   <li>{@code score-function}: REINFORCE with S exact k-subset samples and exact log-partition, on
 *       the per-sample squared errors, with the leave-one-out baseline (S >= 2);</li>
 *   <li>{@code l2x}, {@code softsub}: the experiment's own relaxations, L2X's elementwise max of k
 *       Gumbel-softmax samples and the SoftSub of Xie and Ermon (2019), at temperature tau.</li>
 * </ul>
 */
public final class ExplainEstimators {

    private static final Map<String, Object> SUM_OF_GAMMA = Presets.Builder.map("name", "sum-of-gamma",
            "k", Presets.given("k"), "iterations", 10, "temperature", TEMPERATURE);

    /** The methods of {@code imle explain --estimator}, the default first; the settings of docs/EXPERIMENTS.md. */
    public static final Presets PRESETS = Presets.builder()
            .knob(LAMBDA, 1000.0).knob(TEMPERATURE, 1.0).knob(SAMPLES, 4).knob(TAU, 0.5)
            .estimator("imle", "noise", SUM_OF_GAMMA, "lambda", LAMBDA)
            .estimator("straight-through", "noise", SUM_OF_GAMMA)
            .estimator("score-function", "samples", SAMPLES)
            .method("l2x", "the L2X relaxation: elementwise max of k Gumbel-softmax samples", "tau", TAU)
            .method("softsub", "the SoftSub relaxation of Xie and Ermon (2019)", "tau", TAU)
            .build();

    private ExplainEstimators() {
    }
}
