package org.imle.examples.parse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.estimator.Estimators;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.loss.FenchelYoungLoss;
import org.imle.noise.GumbelNoise;
import org.imle.train.node.DiscreteNode;

/**
 * The estimators of the parsing example, one per sentence length.
 *
 * <p>An oracle, and so an estimator, has a fixed dimension n * n, while sentences vary in length:
 * this class builds the estimator for n nodes the first time a batch of that length comes and
 * keeps it, so a treebank with lengths 5..20 holds 16 of them. Each is seeded with the same seed;
 * the training step keys their random streams, so two batches never share noise. AIMLE's adaptive
 * lambda is therefore tracked per length, which keeps its statistics over arcs of comparable
 * sentences.
 *
 * <p><b>Names.</b> {@code imle}: I-MLE (Niepert et al. 2021), Gumbel noise at temperature T,
 * lambda, no scaling. {@code aimle}: adaptive I-MLE (Minervini et al. 2023) with its defaults and
 * Gumbel noise at T. {@code blackbox}: blackbox differentiation (Vlastelica et al. 2020) with
 * lambda, no noise. {@code fenchel-young}: the perturbed Fenchel-Young loss (Berthet et al. 2020),
 * Gumbel noise at T; it needs gold trees, so {@link #isLoss()} is true and only
 * {@link #fenchelYoung} applies. All but blackbox (one deterministic solve) draw S samples
 * ({@code samples}).
 */
public final class ArcEstimators {

    /** The names {@link #ArcEstimators} accepts, the default first. */
    public static final List<String> NAMES = List.of("imle", "aimle", "blackbox", "fenchel-young");

    /**
     * The tunable numbers shared by the estimators.
     *
     * @param lambda I-MLE's and blackbox's interpolation strength (> 0)
     * @param temperature the Gumbel noise scale T (> 0)
     * @param samples S >= 1
     * @param seed the seed of the noise
     */
    public record Options(double lambda, double temperature, int samples, long seed) {
        public Options {
            if (!(lambda > 0) || Double.isInfinite(lambda)) {
                throw new IllegalArgumentException("lambda must be > 0 and finite, got " + lambda);
            }
            if (!(temperature > 0) || Double.isInfinite(temperature)) {
                throw new IllegalArgumentException("temperature must be > 0 and finite, got " + temperature);
            }
            if (samples < 1 || samples > 1000) {
                throw new IllegalArgumentException("samples must be in 1..1000, got " + samples);
            }
        }
    }

    private final String name;
    private final TreeDecoder decoder;
    private final Options options;
    private final SolveExecutor executor;
    private final Map<Integer, DiscreteNode> nodes = new HashMap<>();
    private final Map<Integer, FenchelYoungLoss> losses = new HashMap<>();

    /**
     * @throws IllegalArgumentException for a name not in {@link #NAMES}
     */
    public ArcEstimators(String name, TreeDecoder decoder, Options options, SolveExecutor executor) {
        if (!NAMES.contains(name)) {
            throw new IllegalArgumentException("unknown estimator '" + name + "'; known: " + String.join(", ", NAMES));
        }
        this.name = name;
        this.decoder = decoder;
        this.options = options;
        this.executor = executor;
    }

    public String name() {
        return name;
    }

    public TreeDecoder decoder() {
        return decoder;
    }

    /** True when the estimator is a structured loss against gold trees (Fenchel-Young). */
    public boolean isLoss() {
        return name.equals("fenchel-young");
    }

    /** The sampling layer for sentences of {@code n} nodes (not for Fenchel-Young). */
    public DiscreteNode node(int n) {
        if (isLoss()) {
            throw new IllegalStateException("fenchel-young is a loss, not a sampling layer");
        }
        return nodes.computeIfAbsent(n, k -> new DiscreteNode(estimator(decoder.oracle(k))));
    }

    /** The Fenchel-Young loss for sentences of {@code n} nodes. */
    public FenchelYoungLoss fenchelYoung(int n) {
        if (!isLoss()) {
            throw new IllegalStateException(name + " is a sampling layer, not a loss");
        }
        return losses.computeIfAbsent(n, k -> Estimators.fenchelYoung(decoder.oracle(k))
                .noise(GumbelNoise.standard()).temperature(options.temperature()).samples(options.samples())
                .seed(options.seed()).executor(executor).build());
    }

    private GradientEstimator estimator(MapOracle oracle) {
        return switch (name) {
            case "imle" -> Estimators.imle(oracle).noise(GumbelNoise.standard())
                    .temperature(options.temperature()).lambda(options.lambda()).samples(options.samples())
                    .seed(options.seed()).executor(executor).build();
            case "aimle" -> Estimators.aimle(oracle).noise(GumbelNoise.standard())
                    .temperature(options.temperature()).samples(options.samples())
                    .seed(options.seed()).executor(executor).build();
            case "blackbox" -> Estimators.blackbox(oracle).lambda(options.lambda()).executor(executor).build();
            default -> throw new IllegalStateException("no sampling layer for " + name);
        };
    }
}
