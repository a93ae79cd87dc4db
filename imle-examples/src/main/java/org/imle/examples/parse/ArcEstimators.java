package org.imle.examples.parse;

import static org.imle.examples.preset.Knob.LAMBDA;
import static org.imle.examples.preset.Knob.SAMPLES;
import static org.imle.examples.preset.Knob.TEMPERATURE;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imle.api.GradientEstimator;
import org.imle.api.StructuredLoss;
import org.imle.api.TrainingState;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.registry.EstimatorFactory;
import org.imle.examples.preset.Choice;
import org.imle.examples.preset.Knob;
import org.imle.examples.preset.Presets;
import org.imle.train.node.DiscreteNode;

/**
 * The estimators of the parsing example ({@link #PRESETS}), one per sentence length.
 *
 * <p>An oracle, and so an estimator, has a fixed dimension n * n, while sentences vary in length:
 * this class builds the estimator for n nodes the first time a batch of that length comes and
 * keeps it, so a treebank with lengths 5..20 holds 16 of them. Each is seeded with the same seed;
 * the training step keys their random streams, so two batches never share noise. AIMLE's adaptive
 * lambda is therefore tracked per length, which keeps its statistics over arcs of comparable
 * sentences.
 *
 * <p>I-MLE, AIMLE and Fenchel-Young perturb with Gumbel noise at the temperature; blackbox makes one
 * deterministic solve. A structured loss against gold trees (Fenchel-Young) has {@link #isLoss()}
 * true and only {@link #loss} applies.
 */
public final class ArcEstimators implements TrainingState {

    /** The methods of {@code imle parse --estimator}, the default first. */
    public static final Presets PRESETS = Presets.builder()
            .knob(LAMBDA, 10.0).knob(TEMPERATURE, 1.0).knob(SAMPLES, 1)
            .estimator("imle", "noise", "gumbel", "inputTemperature", TEMPERATURE, "targetTemperature", TEMPERATURE,
                    "lambda", LAMBDA, "samples", SAMPLES)
            .estimator("aimle", "noise", "gumbel", "inputTemperature", TEMPERATURE, "targetTemperature", TEMPERATURE,
                    "samples", SAMPLES)
            .estimator("blackbox", "lambda", LAMBDA)
            .estimator("fenchel-young", "noise", "gumbel", "temperature", TEMPERATURE, "samples", SAMPLES)
            .build();

    /** A saved state entry: {@code n<sentence length>.<the estimator's own name>}. */
    private static final Pattern STATE_KEY = Pattern.compile("n([0-9]{1,6})\\.(.+)");

    private final Choice choice;
    private final TreeDecoder decoder;
    private final long seed;
    private final SolveExecutor executor;
    private final boolean loss;
    private final Map<Integer, DiscreteNode> nodes = new HashMap<>();
    private final Map<Integer, StructuredLoss> losses = new HashMap<>();

    /**
     * @param seed the seed of the noise
     * @throws IllegalArgumentException for a loss whose supervision is not a gold tree
     */
    public ArcEstimators(Choice choice, TreeDecoder decoder, long seed, SolveExecutor executor) {
        EstimatorFactory factory = Presets.registry().factory(choice.row().estimator());
        this.loss = factory.kind() == EstimatorFactory.Kind.LOSS;
        if (loss && !"target".equals(factory.supervision())) {
            throw new IllegalArgumentException("estimator '" + choice.name() + "' is supervised by '"
                    + factory.supervision() + "'; parsing supervises with gold trees ('target')");
        }
        this.choice = choice;
        this.decoder = decoder;
        this.seed = seed;
        this.executor = executor;
    }

    /**
     * The named row of {@link #PRESETS} with some knobs given (the others at their defaults).
     *
     * @throws IllegalArgumentException for a name not in the table or a knob out of range
     */
    public ArcEstimators(String name, TreeDecoder decoder, Map<Knob, ?> knobs, long seed, SolveExecutor executor) {
        this(PRESETS.choice(name, knobs), decoder, seed, executor);
    }

    public String name() {
        return choice.name();
    }

    public TreeDecoder decoder() {
        return decoder;
    }

    /** True when the estimator is a structured loss against gold trees (Fenchel-Young). */
    public boolean isLoss() {
        return loss;
    }

    /** The names of the table's sampling estimators, for messages. */
    public static List<String> samplingNames() {
        return PRESETS.names().stream()
                .filter(n -> Presets.registry().factory(PRESETS.row(n).estimator()).kind() == EstimatorFactory.Kind.ESTIMATOR)
                .toList();
    }

    /** The sampling layer for sentences of {@code n} nodes (not for a loss). */
    public DiscreteNode node(int n) {
        if (loss) {
            throw new IllegalStateException(name() + " is a loss, not a sampling layer");
        }
        return nodes.computeIfAbsent(n, k -> new DiscreteNode(
                (GradientEstimator) choice.build(decoder.oracle(k, executor), Map.of(), seed, executor)));
    }

    /** The structured loss against gold trees for sentences of {@code n} nodes. */
    public StructuredLoss loss(int n) {
        if (!loss) {
            throw new IllegalStateException(name() + " is a sampling layer, not a loss");
        }
        return losses.computeIfAbsent(n, k -> (StructuredLoss) choice.build(decoder.oracle(k, executor), Map.of(), seed,
                executor));
    }

    /**
     * The training state of every estimator built so far (AIMLE's adaptive lambda, one per
     * sentence length), under {@code n<length>.<name>}; estimators without state add nothing.
     */
    @Override
    public Map<String, Long> saveState() {
        Map<String, Long> out = new LinkedHashMap<>();
        TreeMap<Integer, Object> built = new TreeMap<>();
        nodes.forEach((n, node) -> built.put(n, node.estimator()));
        built.putAll(losses);
        built.forEach((n, method) -> {
            if (method instanceof TrainingState state) {
                state.saveState().forEach((k, v) -> out.put("n" + n + "." + k, v));
            }
        });
        return out;
    }

    /**
     * Builds the estimators of the saved sentence lengths and puts their state back.
     *
     * @throws IllegalArgumentException naming an entry that names no sentence length, or as the
     *     estimator's own restore
     */
    @Override
    public void restoreState(Map<String, Long> saved) {
        Map<Integer, Map<String, Long>> byLength = new TreeMap<>();
        saved.forEach((key, v) -> {
            Matcher m = STATE_KEY.matcher(key);
            if (!m.matches()) {
                throw new IllegalArgumentException("parser estimator state entry '" + key + "' names no sentence length");
            }
            byLength.computeIfAbsent(Integer.parseInt(m.group(1)), n -> new LinkedHashMap<>())
                    .put(m.group(2), v);
        });
        byLength.forEach((n, entries) -> {
            Object method = loss ? loss(n) : node(n).estimator();
            if (!(method instanceof TrainingState state)) {
                throw new IllegalArgumentException("estimator '" + name() + "' keeps no training state, but the"
                        + " checkpoint has some for sentences of " + n + " nodes");
            }
            state.restoreState(entries);
        });
    }
}
