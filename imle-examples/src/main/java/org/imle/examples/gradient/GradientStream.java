package org.imle.examples.gradient;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * {@code step} (integer, default 0), {@code encoding} ({@code "json"}, the default, or {@code "npy"}
 * for base64 {@code .npy} arrays in the response), {@code id} (any JSON value, echoed first in the
 * response). Each array field is a list of rows or a string holding a base64 {@code .npy} file of
 * shape (rows, ...). Response: {@code {"id": ..., "z": [...], "grad": [...]}} with z in B * S rows
 * and grad in B rows when dLdz was given. Integral values are written without a fraction
 * ({@code 1}, not {@code 1.0}); others in the shortest form that reads back as the same double.
 *
 * <p>The arrays go straight from the token stream into primitive buffers reused from line to line
 * ({@link RowBlock}), and the response is built in a reused byte buffer ({@link ResponseWriter}),
 * so neither reading nor writing a number allocates.
 */
public final class GradientStream {

    /** How many distinct (oracle, parameters) instances stay built between lines. */
    static final int ORACLE_CACHE_CAPACITY = 64;

    private final JsonFactory factory = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();
    private final ObjectMapper mapper = new ObjectMapper(factory);
    private final OracleCache oracles;
    private final EstimatorRegistry estimators;
    private final SolveExecutor executor;
    private final RowBlock theta = new RowBlock("theta");
    private final RowBlock dLdz = new RowBlock("dLdz");
    private final RowBlock target = new RowBlock("target");
    private final RowBlock trueTheta = new RowBlock("trueTheta");
    private final RowBlock[] blocks = {theta, dLdz, target, trueTheta};
    private final ResponseWriter response = new ResponseWriter();
    private final RequestSplitter splitter = new RequestSplitter();
    private boolean split = true;
    private long requests;
    private long errors;

    /** A stream answering with the registry's oracles and methods, solving on {@code executor}. */
    public GradientStream(Oracles registry, EstimatorRegistry estimators, SolveExecutor executor) {
        this.oracles = new OracleCache(registry, ORACLE_CACHE_CAPACITY);
        this.estimators = estimators;
        this.executor = executor;
    }

    /** The requests answered so far (error lines included). */
    public long requests() {
        return requests;
    }

    /** The requests answered with an error line. */
    public long errors() {
        return errors;
    }

    /** Answers every line of {@code in} on {@code out}. */
    public void run(InputStream in, OutputStream out, int maxLineBytes) throws IOException {
        JsonLinesReader reader = new JsonLinesReader(in, maxLineBytes);
        OutputStream buffered = new BufferedOutputStream(out, 1 << 16);
        while (reader.next()) {
            if (reader.error() == null && reader.blank()) {
                continue;
            }
            if (reader.error() != null) {
                requests++;
                error(reader.number(), reader.error());
                writeLine(buffered);
            } else {
                answer(reader.number(), reader.bytes(), reader.start(), reader.end(), buffered);
            }
        }
        buffered.flush();
    }

    /**
     * Answers one request line (UTF-8 bytes {@code from} to {@code to}, without its newline; the
     * caller has checked the encoding) with one response line on {@code out}, flushed.
     */
    public void answer(long number, byte[] line, int from, int to, OutputStream out) throws IOException {
        requests++;
        response.reset();
        try {
            respond(read(line, from, to));
        } catch (JsonProcessingException e) {
            // limits such as the nesting depth are reported without a location
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            error(number, "malformed JSON" + where + ": " + Messages.oneLine(e.getOriginalMessage()));
        } catch (IllegalArgumentException e) {
            error(number, Messages.oneLine(e.getMessage()));
        } catch (RuntimeException e) {
            // a solver's own failure (time-out, infeasible model) is this line's problem only
            error(number, e.getClass().getSimpleName() + ": " + Messages.oneLine(e.getMessage()));
        }
        writeLine(out);
    }

    /** Whether lists of rows go through the {@link RequestSplitter} (true; false for the tests that compare). */
    void splitArrays(boolean on) {
        split = on;
    }

    /** The response line (without its newline) for one request line, for tests. */
    String answer(long number, String text) throws IOException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        answer(number, bytes, 0, bytes.length, out);
        String line = out.toString(java.nio.charset.StandardCharsets.UTF_8);
        return line.substring(0, line.length() - 1);
    }

    private void writeLine(OutputStream out) throws IOException {
        response.ascii('\n');
        response.writeTo(out);
        out.flush();
    }

    /**
     * Parses the whole line: the array fields into their blocks, every other field into a small
     * tree. Only malformed JSON throws here; what the content means is checked by {@link #respond}.
     * Lists of rows of numbers are read first by the {@link RequestSplitter}, and Jackson parses the
     * rest; when Jackson refuses that rest, the line is parsed again as a whole, so that the error,
     * and its column, is the one of the line as sent.
     */
    private ObjectNode read(byte[] line, int from, int to) throws IOException {
        for (RowBlock block : blocks) {
            block.clear();
        }
        int length = split ? splitter.split(line, from, to, blocks, executor) : -1;
        if (length >= 0) {
            try {
                return parse(splitter.copy(), 0, length, true);
            } catch (IOException | IllegalArgumentException e) {
                for (RowBlock block : blocks) {
                    block.clear();
                }
            }
        }
        return parse(line, from, to, false);
    }

    /** Parses {@code line[from, to)}; with {@code split}, a block read by the splitter holds a placeholder. */
    private ObjectNode parse(byte[] line, int from, int to, boolean split) throws IOException {
        try (JsonParser p = factory.createParser(line, from, to - from)) {
            JsonToken t = p.nextToken();
            if (t != JsonToken.START_OBJECT) {
                JsonNode node = t == null ? null : mapper.readTree(p);
                end(p);
                throw new IllegalArgumentException("request must be a JSON object, got " + JsonFields.describe(node));
            }
            ObjectNode rest = mapper.createObjectNode();
            for (t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String name = p.currentName();
                p.nextToken();
                RowBlock block = block(name);
                if (block != null && split && block.readFast()) {
                    p.skipChildren();
                } else if (block != null) {
                    block.read(p, mapper);
                } else {
                    JsonNode value = mapper.readTree(p);
                    rest.set(name, value == null ? NullNode.getInstance() : value);
                }
            }
            end(p);
            return rest;
        }
    }

    private static void end(JsonParser p) throws IOException {
        JsonToken trailing = p.nextToken();
        if (trailing != null) {
            throw new JsonParseException(p, "Trailing token (" + trailing + ") after the request");
        }
    }

    private RowBlock block(String name) {
        for (RowBlock block : blocks) {
            if (block.name().equals(name)) {
                return block;
            }
        }
        return null;
    }

    private void respond(ObjectNode node) {
        JsonFields request = JsonFields.of(node, "request");
        JsonNode id = request.raw("id");
        String name = request.string("oracle");
        JsonFields params = request.object("params");
        Map<String, Object> parameters = params == null ? Map.of() : params.toMap();
        MapOracle oracle = oracles.get(name, parameters);
        int n = oracle.dimension();
        String why = " (the dimension of oracle '" + name + "')";
        request.known(theta.name());
        double[] thetaRows = theta.rows(n, why);
        int rows = thetaRows.length / n;
        request.known(dLdz.name());
        double[] dLdzRows = dLdz.present() ? dLdz.rows(n, why) : null;
        double[] targetRows = perRow(target, n, rows, why, request);
        double[] trueThetaRows = perRow(trueTheta, n, rows, why, request);
        long seed = request.longInteger("seed", 0L);
        long step = request.longInteger("step", 0L);
        String encoding = request.string("encoding", "json");
        if (!encoding.equals("json") && !encoding.equals("npy")) {
            throw new IllegalArgumentException("request field 'encoding' must be \"json\" or \"npy\", got \""
                    + encoding + "\"");
        }
        JsonNode estimator = request.raw("estimator");
        request.rejectUnknown();

        EstimatorRequests.Result result = EstimatorRequests.answer(estimators, estimator, oracle, seed, executor,
                new EstimatorRequests.Batch(thetaRows, rows, n, step, dLdzRows, targetRows, trueThetaRows));

        boolean npy = encoding.equals("npy");
        response.ascii('{');
        if (id != null) {
            response.raw("\"id\":").raw(id.toString()).ascii(',');
        }
        response.raw("\"z\":");
        array(result.z(), n, "z", npy);
        if (result.grad() != null) {
            response.raw(",\"grad\":");
            array(result.grad(), n, "grad", npy);
        }
        if (result.loss() != null) {
            response.raw(",\"loss\":");
            if (npy) {
                response.npy(result.loss(), "loss", result.loss().length);
            } else {
                response.list(result.loss(), "loss");
            }
        }
        response.ascii('}');
        response.finish(executor);
    }

    private void array(double[] values, int n, String what, boolean npy) {
        if (npy) {
            response.npy(values, what, values.length / n, n);
        } else {
            response.rows(values, n, what);
        }
    }

    private static double[] perRow(RowBlock block, int n, int rows, String why, JsonFields request) {
        request.known(block.name());
        if (!block.present()) {
            return null;
        }
        double[] values = block.rows(n, why);
        if (values.length / n != rows) {
            throw new IllegalArgumentException("request field '" + block.name() + "' has " + values.length / n
                    + " rows, expected one per row of theta (" + rows + ")");
        }
        return values;
    }

    private void error(long number, String message) {
        errors++;
        response.reset();
        String text = "line " + number + ": " + message;
        response.raw("{\"error\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + "\"}");
    }
}
