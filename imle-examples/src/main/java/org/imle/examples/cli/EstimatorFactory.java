package org.imle.examples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imle.api.EstimatorPass;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.NoiseDistribution;
import org.imle.api.estimator.ImleEstimator;
import org.imle.api.estimator.Scaling;
import org.imle.api.execution.SolveExecutor;
import org.imle.noise.NoiseDistributions;

/**
 * Makes the estimator an {@code imle gradient} request names: its {@code "estimator"} object (name
 * plus fields), the oracle and the seed give a {@link Handler} that turns a {@link Batch} (theta,
 * optional dL/dz, optional supervision) into the sampled structures and the gradient.
 *
 * <p><b>Adding an estimator</b> is adding one entry to {@link #makers()}: a name and a
 * {@link Maker} that reads its fields with defaults from a {@link JsonFields} and builds a
 * {@link Handler}, usually with {@link #fromEstimator} around a {@link GradientEstimator}. Fields
 * nobody reads are rejected after the maker ran, so a misspelt field is an error.
 *
 * <p>Names now: {@code imle} (the default) with the defaults of {@link ImleEstimator}:
 * alpha 1, lambda 10, scaling {@code none}, samples 1, marginalSamples 1, inputTemperature 1,
 * targetTemperature 1, noise {@code none}. A noise is {@code {"name": ..., params}} (or just its
 * name as a string) as {@link NoiseDistributions#create} takes it. The relatives of I-MLE
 * ({@code aimle}, {@code blackbox}, {@code perturbed}, {@code fenchel-young},
 * {@code straight-through}, {@code score-function}, {@code spo+}) and their fields and defaults are
 * listed in {@link RelativeEstimators}.
 */
public final class EstimatorFactory {

    /**
     * The largest B x S x M x n (numbers per array) one request may ask for: about 134 MB per
     * array, which bounds the memory a single line can claim.
     */
    public static final long MAX_VALUES_PER_REQUEST = 1L << 24;

    /**
     * The inputs of one request, as flat row-major arrays.
     *
     * @param theta B rows of n
     * @param rows B
     * @param dimension n
     * @param step the training step that keys the random streams with the seed
     * @param dLdz B * S rows of n, or null when no gradient is asked for
     * @param target B rows of n, the true structures (for supervised estimators), or null
     * @param trueTheta B rows of n, the true scores (for supervised estimators), or null
     */
    public record Batch(double[] theta, int rows, int dimension, long step, double[] dLdz,
            double[] target, double[] trueTheta) {

        /** Refuses the supervised fields an estimator does not read, instead of ignoring them. */
        public void rejectSupervision(String estimator, boolean readsTarget, boolean readsTrueTheta) {
            if (target != null && !readsTarget) {
                throw new IllegalArgumentException("estimator '" + estimator + "' does not use 'target'");
            }
            if (trueTheta != null && !readsTrueTheta) {
                throw new IllegalArgumentException("estimator '" + estimator + "' does not use 'trueTheta'");
            }
        }
    }

    /**
     * What a handler returns.
     *
     * @param z the sampled structures, B * S rows of n
     * @param grad dL/dtheta, B rows of n, or null when the request gave no dL/dz (nor supervision)
     * @param loss one loss value per row, for estimators that are losses of the supervision
     *     (Fenchel-Young, SPO+), else null; written as {@code "loss": [...]} when present
     */
    public record Result(double[] z, double[] grad, double[] loss) {

        /** A result without a loss. */
        public Result(double[] z, double[] grad) {
            this(z, grad, null);
        }
    }

    /** Answers one request; made per request, used once. */
    @FunctionalInterface
    public interface Handler {
        Result run(Batch batch);
    }

    /** Builds a handler from an estimator's fields; see {@link EstimatorFactory}. */
    @FunctionalInterface
    interface Maker {
        Handler make(JsonFields fields, MapOracle oracle, long seed, SolveExecutor executor);
    }

    private final Map<String, Maker> makers = makers();

    /** The estimators by name. Add new ones here. */
    private static Map<String, Maker> makers() {
        Map<String, Maker> m = new LinkedHashMap<>();
        m.put("imle", EstimatorFactory::imle);
        m.put("aimle", RelativeEstimators::aimle);
        m.put("blackbox", RelativeEstimators::blackbox);
        m.put("perturbed", RelativeEstimators::perturbed);
        m.put("fenchel-young", RelativeEstimators::fenchelYoung);
        m.put("straight-through", RelativeEstimators::straightThrough);
        m.put("score-function", RelativeEstimators::scoreFunction);
        m.put("spo+", RelativeEstimators::spoPlus);
        return m;
    }

    /**
     * Registers one more estimator on this factory only (tests and embedding programs; the
     * command line's estimators are those of {@link #makers()}).
     *
     * @throws IllegalArgumentException when the name is taken
     */
    void register(String name, Maker maker) {
        if (makers.putIfAbsent(name, maker) != null) {
            throw new IllegalArgumentException("estimator '" + name + "' is already registered");
        }
    }

    /** The names {@link #create} accepts. */
    public List<String> names() {
        return List.copyOf(makers.keySet());
    }

    /**
     * Makes the handler an {@code "estimator"} object asks for ({@code null}: the default
     * {@code imle}).
     *
     * @throws IllegalArgumentException for an unknown name, an unknown field or a bad value; the
     *     message starts with {@code estimator 'NAME'}
     */
    public Handler create(JsonNode estimator, MapOracle oracle, long seed, SolveExecutor executor) {
        JsonFields fields = estimator == null ? JsonFields.empty("estimator")
                : JsonFields.of(estimator, "estimator");
        String name = fields.string("name", "imle");
        Maker maker = makers.get(name);
        if (maker == null) {
            throw new IllegalArgumentException("unknown estimator '" + name + "'; known: "
                    + String.join(", ", makers.keySet()));
        }
        JsonFields named = fields.renamed("estimator '" + name + "'");
        Handler handler;
        try {
            handler = maker.make(named, oracle, seed, executor);
        } catch (IllegalArgumentException e) {
            String msg = e.getMessage();
            throw msg != null && msg.startsWith("estimator") ? e
                    : new IllegalArgumentException("estimator '" + name + "': " + msg, e);
        }
        named.rejectUnknown();
        return handler;
    }

    /**
     * A handler around any {@link GradientEstimator} that reads dL/dz only: forward, then backward
     * when dL/dz is given. Checks that the request stays within {@link #MAX_VALUES_PER_REQUEST}.
     *
     * @param solvesPerSample M, the solves averaged into each sample (1 for most estimators)
     */
    static Handler fromEstimator(GradientEstimator estimator, int solvesPerSample) {
        return batch -> {
            batch.rejectSupervision(estimator.name(), false, false);
            int s = estimator.samples();
            int n = batch.dimension();
            checkSize(batch.rows(), s, solvesPerSample, n);
            EstimatorPass pass = estimator.forward(batch.theta(), batch.rows(), batch.step());
            double[] grad = null;
            if (batch.dLdz() != null) {
                int rows = batch.dLdz().length / n;
                if (rows != batch.rows() * s) {
                    throw new IllegalArgumentException("dLdz has " + rows + " rows, expected B x S = "
                            + batch.rows() + " x " + s + " = " + batch.rows() * s);
                }
                grad = pass.backward(batch.dLdz());
            }
            return new Result(pass.structures(), grad);
        };
    }

    /** Refuses a request whose arrays would hold more than {@link #MAX_VALUES_PER_REQUEST} numbers. */
    static void checkSize(int rows, int samples, int solvesPerSample, int n) {
        long values = (long) rows * samples * solvesPerSample * n;
        if (values > MAX_VALUES_PER_REQUEST) {
            throw new IllegalArgumentException("request needs B x S x M x n = " + rows + " x " + samples
                    + " x " + solvesPerSample + " x " + n + " = " + values + " numbers per array, more than "
                    + "the limit of " + MAX_VALUES_PER_REQUEST + "; split it into several lines");
        }
    }

    /** I-MLE (Niepert et al. 2021) with {@link ImleEstimator}'s defaults. */
    private static Handler imle(JsonFields f, MapOracle oracle, long seed, SolveExecutor executor) {
        int marginal = f.integer("marginalSamples", 1);
        ImleEstimator estimator = ImleEstimator.builder(oracle)
                .alpha(f.number("alpha", 1.0))
                .lambda(f.number("lambda", 10.0))
                .scaling(Scaling.parse(f.string("scaling", "none")))
                .samples(f.integer("samples", 1))
                .marginalSamples(marginal)
                .inputTemperature(f.number("inputTemperature", 1.0))
                .targetTemperature(f.number("targetTemperature", 1.0))
                .noise(noise(f))
                .seed(seed)
                .executor(executor)
                .build();
        return fromEstimator(estimator, marginal);
    }

    /**
     * The {@code noise} field: absent means none; a string is a name without parameters; an
     * object is {@code {"name": ..., parameters}}.
     */
    static NoiseDistribution noise(JsonFields f) {
        JsonNode v = f.raw("noise");
        if (v == null) {
            return NoiseDistribution.none();
        }
        if (v.isTextual()) {
            return NoiseDistributions.create(v.textValue(), Map.of());
        }
        JsonFields noise = f.object("noise");
        // NoiseDistributions refuses parameters the named noise does not take
        return NoiseDistributions.create(noise.string("name"), noise.toMap("name"));
    }
}
