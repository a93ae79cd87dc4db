package org.imle.examples.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.imle.api.MapOracle;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.registry.EstimatorRegistry;
import org.imle.api.registry.Oracles;

/**
 * The engine of {@code imle gradient}: reads JSON Lines requests and writes one JSON line per
 * request, in order. A request that cannot be answered (malformed JSON, invalid UTF-8, an unknown
 * oracle, a wrong length, a solver error) gives {@code {"error": "line N: ..."}} on its line and
 * the stream goes on; blank lines are skipped. Each response is flushed as soon as it is written,
 * so another program can talk to this one line by line through a pipe.
 *
 * <p>Request fields: {@code oracle} (required), {@code params} (object, default {}),
 * {@code theta} (B rows of n, required), {@code dLdz} (B * S rows of n, optional),
 * {@code target} and {@code trueTheta} (B rows of n, optional, for supervised estimators),
 * {@code estimator} (object, default {@code {"name": "imle"}}: any method of the
 * {@link EstimatorRegistry} and its parameters, see {@link EstimatorRequests}), {@code seed} (integer, default 0),
 * {@code step} (integer, default 0), {@code id} (any JSON value, echoed first in the response).
 * Response: {@code {"id": ..., "z": [...], "grad": [...]}} with z in B * S rows and grad in B
 * rows when dLdz was given. Integral values are written without a fraction ({@code 1}, not
 * {@code 1.0}); others in Java's shortest round-trip form.
 */
final class GradientStream {

    /** How many distinct (oracle, parameters) instances stay built between lines. */
    static final int ORACLE_CACHE_CAPACITY = 64;

    private final ObjectMapper mapper = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private final OracleCache oracles;
    private final EstimatorRegistry estimators;
    private final SolveExecutor executor;
    private long requests;
    private long errors;

    GradientStream(Oracles registry, EstimatorRegistry estimators, SolveExecutor executor) {
        this.oracles = new OracleCache(registry, ORACLE_CACHE_CAPACITY);
        this.estimators = estimators;
        this.executor = executor;
    }

    /** The requests answered so far (error lines included). */
    long requests() {
        return requests;
    }

    /** The requests answered with an error line. */
    long errors() {
        return errors;
    }

    /** Answers every line of {@code in} on {@code out}. */
    void run(InputStream in, OutputStream out, int maxLineBytes) throws IOException {
        JsonLinesReader reader = new JsonLinesReader(in, maxLineBytes);
        Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        for (JsonLinesReader.Line line = reader.next(); line != null; line = reader.next()) {
            if (line.error() == null && line.text().isBlank()) {
                continue;
            }
            requests++;
            String response = line.error() != null ? error(line.number(), line.error())
                    : answer(line.number(), line.text());
            writer.write(response);
            writer.write('\n');
            writer.flush();
        }
        writer.flush();
    }

    /** The response line (without its newline) for one request line. */
    String answer(long number, String text) {
        try {
            JsonNode node = mapper.readTree(text);
            return respond(node);
        } catch (JsonProcessingException e) {
            // limits such as the nesting depth are reported without a location
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            return error(number, "malformed JSON" + where + ": " + CliErrors.oneLine(e.getOriginalMessage()));
        } catch (IllegalArgumentException e) {
            return error(number, CliErrors.oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            // a solver's own failure (time-out, infeasible model) is this line's problem only
            return error(number, e.getClass().getSimpleName() + ": " + CliErrors.oneLine(e.getMessage()));
        }
    }

    private String respond(JsonNode node) {
        JsonFields request = JsonFields.of(node, "request");
        JsonNode id = request.raw("id");
        String name = request.string("oracle");
        JsonFields params = request.object("params");
        Map<String, Object> parameters = params == null ? Map.of() : params.toMap();
        MapOracle oracle = oracles.get(name, parameters);
        int n = oracle.dimension();
        String why = " (the dimension of oracle '" + name + "')";
        double[] theta = request.rows("theta", n, why);
        int rows = theta.length / n;
        double[] dLdz = request.has("dLdz") ? request.rows("dLdz", n, why) : null;
        double[] target = perRow(request, "target", n, rows, why);
        double[] trueTheta = perRow(request, "trueTheta", n, rows, why);
        long seed = request.longInteger("seed", 0L);
        long step = request.longInteger("step", 0L);
        JsonNode estimator = request.raw("estimator");
        request.rejectUnknown();

        EstimatorRequests.Result result = EstimatorRequests.answer(estimators, estimator, oracle, seed, executor,
                new EstimatorRequests.Batch(theta, rows, n, step, dLdz, target, trueTheta));

        StringBuilder sb = new StringBuilder(32 + 4 * result.z().length);
        sb.append('{');
        if (id != null) {
            sb.append("\"id\":").append(id.toString()).append(',');
        }
        sb.append("\"z\":");
        appendRows(sb, result.z(), n, "z");
        if (result.grad() != null) {
            sb.append(",\"grad\":");
            appendRows(sb, result.grad(), n, "grad");
        }
        if (result.loss() != null) {
            sb.append(",\"loss\":[");
            for (int r = 0; r < result.loss().length; r++) {
                if (r > 0) {
                    sb.append(',');
                }
                appendNumber(sb, result.loss()[r], "loss", r, 0);
            }
            sb.append(']');
        }
        return sb.append('}').toString();
    }

    private static double[] perRow(JsonFields request, String field, int n, int rows, String why) {
        if (!request.has(field)) {
            return null;
        }
        double[] values = request.rows(field, n, why);
        if (values.length / n != rows) {
            throw new IllegalArgumentException("request field '" + field + "' has " + values.length / n
                    + " rows, expected one per row of theta (" + rows + ")");
        }
        return values;
    }

    private String error(long number, String message) {
        errors++;
        String text = "line " + number + ": " + message;
        return "{\"error\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"}";
    }

    private static void appendRows(StringBuilder sb, double[] values, int n, String what) {
        sb.append('[');
        for (int r = 0; r < values.length / n; r++) {
            if (r > 0) {
                sb.append(',');
            }
            sb.append('[');
            for (int i = 0; i < n; i++) {
                if (i > 0) {
                    sb.append(',');
                }
                appendNumber(sb, values[r * n + i], what, r, i);
            }
            sb.append(']');
        }
        sb.append(']');
    }

    /** Integral values without a fraction; -0 as 0; others in shortest round-trip form. */
    static void appendNumber(StringBuilder sb, double v, String what, int row, int i) {
        if (!Double.isFinite(v)) {
            throw new IllegalStateException(what + " row " + row + " coordinate " + i + " is " + v
                    + ", which JSON cannot carry");
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            sb.append((long) v);
        } else {
            sb.append(v);
        }
    }
}
