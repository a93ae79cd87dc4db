package org.imle.examples.shortestpath;

import java.util.Locale;
import java.util.function.UnaryOperator;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.StructuredLoss;
import org.imle.api.estimator.Estimators;
import org.imle.api.execution.SolveExecutor;
import org.imle.noise.GaussianNoise;
import org.imle.noise.SumOfGammaNoise;
import org.imle.train.loss.Losses;
import org.imle.train.node.DiscreteNode;
import org.imle.train.node.StructuredLossNode;
import org.imle.train.tensor.Tensor;

/**
 * How the cost network is trained: through the shortest-path solver with one of the library's
 * estimators and the Hamming loss against the labelled path (the setting of Vlastelica et al.
 * 2020 and Niepert et al. 2021), with the perturbed Fenchel-Young loss, or without a solver, by
 * regressing the true costs (the {@code mse} baseline, which sees labels the others never see).
 *
 * <p>Every learner receives the positive costs c [B, K*K] the network predicts and works with
 * {@code theta = -c}, the maximisation convention of the oracles.
 */
public enum PathLearner {

    /**
     * I-MLE with Sum-of-Gamma noise of k = the configured k (about 1.3 K, the expected path length
     * in cells) and 10 terms, target {@code theta - lambda dL/dz}, gradient not divided by lambda.
     */
    IMLE("imle"),
    /** Adaptive I-MLE, symmetric difference, Sum-of-Gamma noise as I-MLE, lambda adapted per batch. */
    AIMLE("aimle"),
    /** Blackbox differentiation: no noise, gradient {@code (MAP(theta) - MAP(theta - lambda dL/dz)) / lambda}. */
    BLACKBOX("blackbox"),
    /** The perturbed Fenchel-Young loss with Gaussian noise against the labelled path; no Hamming loss. */
    FENCHEL_YOUNG("fenchel-young"),
    /** Straight-through: the plain shortest path forward, the identity backward. */
    STRAIGHT_THROUGH("straight-through"),
    /** No solver in training: mean squared error to the true costs; Dijkstra only to predict. */
    MSE("mse");

    private final String label;

    PathLearner(String label) {
        this.label = label;
    }

    /** The name on the command line. */
    public String label() {
        return label;
    }

    /** Parses {@link #label()}, ignoring case. */
    public static PathLearner parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        for (PathLearner l : values()) {
            if (l.label.equals(t)) {
                return l;
            }
        }
        StringBuilder known = new StringBuilder();
        for (PathLearner l : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(l.label);
        }
        throw new IllegalArgumentException("unknown estimator '" + text + "'; known: " + known);
    }

    /** The loss of one batch, given the predicted costs; {@code step} keys the noise. */
    @FunctionalInterface
    public interface Head {
        Tensor loss(Tensor costs, WarcraftBatches.Batch batch, long step);
    }

    /**
     * The training loss of this learner.
     *
     * @param oracle the shortest-path oracle (it must clamp negative costs: noise and I-MLE targets
     *     push some costs below zero)
     * @param settings lambda, temperature, samples and noise k
     * @param seed the seed of the estimator's noise
     * @param executor who runs the solves
     */
    public Head head(MapOracle oracle, Settings settings, long seed, SolveExecutor executor) {
        return head(oracle, settings, seed, executor, UnaryOperator.identity());
    }

    /** As {@link #head(MapOracle, Settings, long, SolveExecutor)}, with the estimator wrapped (to time it). */
    Head head(MapOracle oracle, Settings settings, long seed, SolveExecutor executor,
            UnaryOperator<GradientEstimator> wrap) {
        switch (this) {
            case MSE:
                return (costs, batch, step) -> Losses.mse(costs, batch.costs());
            case FENCHEL_YOUNG: {
                StructuredLoss fy = Estimators.fenchelYoung(oracle).noise(GaussianNoise.standard())
                        .temperature(settings.temperature()).samples(settings.samples()).seed(seed)
                        .executor(executor).build();
                return (costs, batch, step) -> new StructuredLossNode(fy).apply(costs.neg(), batch.paths().toDoubles(), step);
            }
            default: {
                DiscreteNode node = new DiscreteNode(wrap.apply(estimator(oracle, settings, seed, executor)));
                return (costs, batch, step) -> Losses.hamming(node.apply(costs.neg(), step), batch.paths());
            }
        }
    }

    /** The estimator of a Hamming-loss learner. */
    GradientEstimator estimator(MapOracle oracle, Settings s, long seed, SolveExecutor executor) {
        switch (this) {
            case IMLE:
                return Estimators.imle(oracle).noise(SumOfGammaNoise.of(s.noiseK(), 10, 1.0))
                        .temperature(s.temperature()).lambda(s.lambda()).samples(s.samples()).seed(seed)
                        .executor(executor).build();
            case AIMLE:
                return Estimators.aimle(oracle).noise(SumOfGammaNoise.of(s.noiseK(), 10, 1.0))
                        .temperature(s.temperature()).symmetric(true).samples(s.samples()).seed(seed)
                        .executor(executor).build();
            case BLACKBOX:
                return Estimators.blackbox(oracle).lambda(s.lambda()).executor(executor).build();
            case STRAIGHT_THROUGH:
                return Estimators.straightThrough(oracle).samples(1).seed(seed).executor(executor).build();
            default:
                throw new IllegalStateException(label + " has no estimator");
        }
    }

    /**
     * The estimators' knobs.
     *
     * @param lambda the I-MLE and blackbox interpolation strength
     * @param temperature the noise scale (I-MLE, AIMLE, Fenchel-Young)
     * @param samples S, samples per map (I-MLE, AIMLE, Fenchel-Young)
     * @param noiseK the k of the Sum-of-Gamma noise; 0 means about 1.3 K for the data's grid
     */
    public record Settings(double lambda, double temperature, int samples, int noiseK) {

        /** Validates; messages name the option. */
        public Settings {
            if (!(lambda > 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("--lambda must be > 0 and finite, got " + lambda);
            }
            if (!(temperature >= 0) || Double.isInfinite(temperature)) {
                throw new IllegalArgumentException("--temperature must be >= 0 and finite, got " + temperature);
            }
            if (samples < 1 || samples > 1000) {
                throw new IllegalArgumentException("--samples must be in 1..1000, got " + samples);
            }
            if (noiseK < 0) {
                throw new IllegalArgumentException("--noise-k must be >= 1 (or 0 for 1.3 K), got " + noiseK);
            }
        }

        /** These settings with noise k resolved for a K x K grid when it is 0. */
        public Settings forGrid(int gridSize) {
            return noiseK > 0 ? this : new Settings(lambda, temperature, samples,
                    ShortestPathConfig.defaultNoiseK(gridSize));
        }
    }
}
