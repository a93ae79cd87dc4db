package org.imle.examples.gradient;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.imle.api.EstimatorPass;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.StructuredLoss;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.registry.EstimatorRegistry;

/**
 * The estimator part of an {@code imle gradient} request: its {@code "estimator"} object (a
 * {@code name}, default {@code imle}, and the method's parameters) is built through the
 * {@link EstimatorRegistry}, with the request's seed, and run on the request's {@link Batch}. Any
 * registered method works, the plug-ins' too: an estimator reads {@code dLdz}, a structured loss
 * reads the supervision its {@link StructuredLoss#supervisionName()} names ({@code target} or
 * {@code trueTheta}) and returns its loss. The names, parameters and defaults are the registry's
 * ({@code imle estimators} lists them); a parameter the method does not declare is an error.
 */
final class EstimatorRequests {

    /**
     * The largest B x S x M x n (numbers per array) one request may ask for: about 134 MB per
     * array, which bounds the memory a single line can claim.
     */
    static final long MAX_VALUES_PER_REQUEST = 1L << 24;

    /** The method a request without {@code "estimator"}, or without its {@code name}, gets. */
    static final String DEFAULT = "imle";

    /** What each supervision field of a request holds, for the error when it is missing. */
    private static final Map<String, String> SUPERVISION = Map.of(
            "target", "B rows of n: the gold structure of each row of theta",
            "trueTheta", "B rows of n: the true objective of each row, costs negated");

    private EstimatorRequests() {
    }

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
    record Batch(double[] theta, int rows, int dimension, long step, double[] dLdz, double[] target,
            double[] trueTheta) {

        /** The supervision rows a loss names, or null. */
        double[] supervision(String name) {
            return switch (name) {
                case "target" -> target;
                case "trueTheta" -> trueTheta;
                default -> null;
            };
        }

        /** Refuses a supervision field the method does not read, instead of ignoring it. */
        void rejectSupervisionBut(String method, String read) {
            for (String field : SUPERVISION.keySet().stream().sorted().toList()) {
                if (!field.equals(read) && supervision(field) != null) {
                    throw new IllegalArgumentException("estimator '" + method + "' does not use '" + field + "'");
                }
            }
        }
    }

    /**
     * What a request gets.
     *
     * @param z the sampled structures, B * S rows of n
     * @param grad dL/dtheta, B rows of n, or null when the request gave no dL/dz (nor supervision)
     * @param loss one loss value per row, for structured losses, else null
     */
    record Result(double[] z, double[] grad, double[] loss) {
    }

    /**
     * Builds the method an {@code "estimator"} object asks for ({@code null}: {@value #DEFAULT}) and
     * answers the batch with it.
     *
     * @throws IllegalArgumentException for an unknown name or parameter, a bad value, a missing or
     *     superfluous field; the message starts with {@code estimator 'NAME'} where a method is known
     */
    static Result answer(EstimatorRegistry registry, JsonNode estimator, MapOracle oracle, long seed,
            SolveExecutor executor, Batch batch) {
        JsonFields fields = estimator == null ? JsonFields.empty("estimator") : JsonFields.of(estimator, "estimator");
        String name = fields.string("name", DEFAULT);
        Map<String, Object> parameters = new LinkedHashMap<>();
        // JSON null means absent, as for every other field of a request
        fields.toMap("name").forEach((k, v) -> {
            if (v != null) {
                parameters.put(k, v);
            }
        });
        Object method = registry.builder(name, oracle, parameters).seed(seed).executor(executor).build();
        if (method instanceof StructuredLoss loss) {
            return evaluate(name, loss, batch);
        }
        return run(name, (GradientEstimator) method, marginalSamples(parameters), batch);
    }

    /**
     * M, the solves averaged into each sample, for the size check: the value of a
     * {@code marginalSamples} parameter (I-MLE's and AIMLE's), which the registry has checked.
     */
    private static int marginalSamples(Map<String, Object> parameters) {
        Object m = parameters.get("marginalSamples");
        return m instanceof Number n ? Math.max(1, n.intValue()) : 1;
    }

    private static Result run(String name, GradientEstimator estimator, int solvesPerSample, Batch batch) {
        batch.rejectSupervisionBut(name, null);
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
        return new Result(pass.structures(), grad, null);
    }

    private static Result evaluate(String name, StructuredLoss loss, Batch batch) {
        String field = loss.supervisionName();
        if (!SUPERVISION.containsKey(field)) {
            throw new IllegalArgumentException("estimator '" + name + "' is supervised by '" + field
                    + "', which imle gradient requests do not carry (they have 'target' and 'trueTheta')");
        }
        batch.rejectSupervisionBut(name, field);
        double[] supervision = batch.supervision(field);
        if (supervision == null) {
            throw new IllegalArgumentException("estimator '" + name + "' needs request field '" + field + "' ("
                    + SUPERVISION.get(field) + ")");
        }
        if (batch.dLdz() != null) {
            throw new IllegalArgumentException("estimator '" + name + "' computes its own gradient from '" + field
                    + "'; remove 'dLdz'");
        }
        checkSize(batch.rows(), loss.samples(), 1, batch.dimension());
        double[] grad = new double[batch.rows() * batch.dimension()];
        StructuredLoss.Evaluation ev = loss.evaluate(batch.theta(), supervision, batch.rows(), batch.step(), grad);
        return new Result(ev.structures(), grad, ev.losses());
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
}
