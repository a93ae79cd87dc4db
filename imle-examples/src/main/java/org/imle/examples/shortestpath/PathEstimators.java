package org.imle.examples.shortestpath;

import static org.imle.examples.preset.Knob.LAMBDA;
import static org.imle.examples.preset.Knob.NOISE_K;
import static org.imle.examples.preset.Knob.SAMPLES;
import static org.imle.examples.preset.Knob.TEMPERATURE;

import java.util.Map;
import java.util.function.UnaryOperator;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.StructuredLoss;
import org.imle.api.execution.SolveExecutor;
import org.imle.examples.preset.Choice;
import org.imle.examples.preset.Presets;
import org.imle.train.loss.Losses;
import org.imle.train.node.DiscreteNode;
import org.imle.train.node.StructuredLossNode;
import org.imle.train.tensor.Tensor;

/**
 * How the cost network is trained, as a table: through the shortest-path solver with one of the
 * registry's estimators and the Hamming loss against the labelled path (the setting of Vlastelica
 * et al. 2020 and Niepert et al. 2021), with a structured loss (Fenchel-Young against the labelled
 * path), or without a solver, by regressing the true costs (the {@code mse} baseline, which sees
 * labels the others never see). I-MLE and AIMLE perturb with Sum-of-Gamma noise of k about 1.3 K
 * (the expected path length in cells) and 10 terms; AIMLE uses the symmetric difference.
 *
 * <p>Every method receives the positive costs c [B, K*K] the network predicts and works with
 * {@code theta = -c}, the maximisation convention of the oracles.
 */
public final class PathEstimators {

    private static final Map<String, Object> SUM_OF_GAMMA = Presets.Builder.map("name", "sum-of-gamma",
            "k", NOISE_K, "iterations", 10, "temperature", 1.0);

    /** The methods of {@code imle shortest-path --estimator}, the default first. */
    public static final Presets PRESETS = Presets.builder()
            .knob(LAMBDA, 20.0).knob(TEMPERATURE, 1.0).knob(SAMPLES, 1).knob(NOISE_K, 0, "about 1.3 x the grid")
            .estimator("imle", "noise", SUM_OF_GAMMA, "inputTemperature", TEMPERATURE, "targetTemperature",
                    TEMPERATURE, "lambda", LAMBDA, "samples", SAMPLES)
            .estimator("aimle", "noise", SUM_OF_GAMMA, "inputTemperature", TEMPERATURE, "targetTemperature",
                    TEMPERATURE, "symmetric", true, "samples", SAMPLES)
            .estimator("blackbox", "lambda", LAMBDA)
            .estimator("fenchel-young", "noise", "gaussian", "temperature", TEMPERATURE, "samples", SAMPLES)
            .estimator("straight-through")
            .method("mse", "no solver in training: mean squared error to the true costs; Dijkstra only to predict")
            .build();

    private PathEstimators() {
    }

    /** The loss of one batch, given the predicted costs; {@code step} keys the noise. */
    @FunctionalInterface
    public interface Head {
        Tensor loss(Tensor costs, WarcraftBatches.Batch batch, long step);

        /** The registered estimator or loss behind this head (its state goes into checkpoints), or null. */
        default Object method() {
            return null;
        }
    }

    /** A head that names the method it trains with. */
    private record MethodHead(Object method, Head head) implements Head {
        @Override
        public Tensor loss(Tensor costs, WarcraftBatches.Batch batch, long step) {
            return head.loss(costs, batch, step);
        }
    }

    /** The choice with the noise k resolved for a K x K grid when it is 0: about 1.3 K. */
    public static Choice forGrid(Choice choice, int gridSize) {
        return ((Integer) choice.knob(NOISE_K)) > 0 ? choice
                : choice.with(NOISE_K, ShortestPathConfig.defaultNoiseK(gridSize));
    }

    /**
     * The training loss of a choice.
     *
     * @param oracle the shortest-path oracle (it must clamp negative costs: noise and I-MLE targets
     *     push some costs below zero)
     * @param seed the seed of the estimator's noise
     * @param executor who runs the solves
     */
    public static Head head(Choice choice, MapOracle oracle, long seed, SolveExecutor executor) {
        return head(choice, oracle, seed, executor, UnaryOperator.identity());
    }

    /** As {@link #head(Choice, MapOracle, long, SolveExecutor)}, with the estimator wrapped (to time it). */
    static Head head(Choice choice, MapOracle oracle, long seed, SolveExecutor executor,
            UnaryOperator<GradientEstimator> wrap) {
        if (!choice.registered()) {
            return (costs, batch, step) -> Losses.mse(costs, batch.costs());
        }
        Object method = choice.build(oracle, Map.of(), seed, executor);
        if (method instanceof StructuredLoss loss) {
            // the supervision a loss names: the labelled path, or the true objective theta* = -c
            boolean paths = switch (loss.supervisionName()) {
                case "target" -> true;
                case "trueTheta" -> false;
                default -> throw new IllegalArgumentException("estimator '" + choice.name() + "' is supervised by '"
                        + loss.supervisionName() + "'; shortest paths have 'target' (paths) and 'trueTheta' (-costs)");
            };
            return new MethodHead(loss, (costs, batch, step) -> new StructuredLossNode(loss).apply(costs.neg(),
                    paths ? batch.paths().toDoubles() : batch.costs().neg().toDoubles(), step));
        }
        DiscreteNode node = new DiscreteNode(wrap.apply((GradientEstimator) method));
        return new MethodHead(method, (costs, batch, step) -> Losses.hamming(node.apply(costs.neg(), step),
                batch.paths()));
    }
}
