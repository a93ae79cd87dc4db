package org.imle.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.imle.api.MapOracle;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.registry.Oracles;
import org.imle.data.DataFormatException;
import org.imle.data.npy.Npy;
import org.imle.data.npy.NpyArray;
import org.imle.data.npy.NpyDtype;
import org.imle.examples.gradient.OracleCache;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code imle solve}: MAP(theta) for every row of a {@code .npy} of thetas, through any oracle of the
 * registry, on the in-process executor or on Spark; the structures go to a {@code .npy} of the same
 * shape (float64), written atomically only once every row is solved. For labelling a generated data
 * set or filling a solution pool. Rows go to the executor in requests of {@code --rows-per-request};
 * a line on stderr reports each quarter of the rows.
 */
@Command(name = "solve", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Solves every row of a .npy of thetas (shape (N, ...), the trailing dimensions flattening to the "
                    + "oracle's dimension) and writes the structures as a .npy of the same shape, atomically.",
            "The oracle is any name of imle oracles with its parameters as a JSON object, as in imle gradient."
        })
final class SolveCommand extends Subcommand {

    @Option(names = "--oracle", required = true, paramLabel = "NAME", description = "The oracle's registry name.")
    private String oracle;

    @Option(names = "--params", paramLabel = "JSON",
            description = "The oracle's parameters as a JSON object (default: ${DEFAULT-VALUE}).")
    private String params = "{}";

    @Option(names = "--input", required = true, paramLabel = "FILE", description = "The .npy of theta rows.")
    private Path input;

    @Option(names = "--output", required = true, paramLabel = "FILE",
            description = "The .npy of structures to write (replaced atomically).")
    private Path output;

    @Option(names = "--rows-per-request", paramLabel = "R",
            description = "Rows handed to the executor at once (default: ${DEFAULT-VALUE}).")
    private int rowsPerRequest = 4096;

    @Mixin
    private ThreadsOption threads;

    @Mixin
    private ExecutorOptions executor;

    @Override
    protected void run() throws Exception {
        int threadCount = threads.threads();
        if (rowsPerRequest < 1) {
            throw badOption("--rows-per-request must be >= 1, got " + rowsPerRequest);
        }
        if (Files.isDirectory(output)) {
            throw new BadInputException("output file '" + output + "' is a directory");
        }
        Path parent = output.toAbsolutePath().getParent();
        if (parent != null && !Files.isDirectory(parent)) {
            throw new BadInputException("output file '" + output + "': directory '" + parent + "' does not exist");
        }
        MapOracle map = new OracleCache(Oracles.discover(), 1).get(oracle, parameters());
        int n = map.dimension();
        NpyArray theta = read();
        int rows = rows(theta, n);
        double[] z = new double[rows * n];
        long start = System.nanoTime();
        try (ExecutorOptions.Handle solves = executor.open(threadCount, "solve")) {
            solveAll(solves.executor(), map, theta, rows, n, z, start);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Npy.write(output, NpyArray.ofFloat64(z, theta.shape()));
        out().printf(Locale.ROOT, "solved %d rows of %s (dimension %d) in %.2f s, %.1f rows/s; wrote %s%n", rows,
                oracle, n, seconds, rows / Math.max(seconds, 1e-9), output);
    }

    private Map<String, Object> parameters() {
        try {
            Object value = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .readValue(params, Object.class);
            if (!(value instanceof Map<?, ?> m)) {
                throw new BadInputException("--params must be a JSON object, got " + params);
            }
            Map<String, Object> out = new LinkedHashMap<>();
            m.forEach((k, v) -> out.put((String) k, v));
            return out;
        } catch (JsonProcessingException e) {
            throw new BadInputException("--params is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private NpyArray read() throws IOException {
        if (Files.isDirectory(input)) {
            throw new BadInputException("input file '" + input + "' is a directory");
        }
        try {
            return Npy.read(input);
        } catch (NoSuchFileException e) {
            throw new BadInputException("input file '" + input + "' does not exist", e);
        } catch (DataFormatException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    /** The number of rows, checking that the trailing dimensions flatten to the oracle's. */
    private int rows(NpyArray theta, int n) {
        int[] shape = theta.shape();
        if (theta.dtype() == NpyDtype.BOOL) {
            throw new BadInputException("input file '" + input + "' holds booleans; thetas are numbers");
        }
        long trailing = 1;
        for (int i = 1; i < shape.length; i++) {
            trailing *= shape[i];
        }
        if (shape.length < 2 || trailing != n) {
            throw new BadInputException("input file '" + input + "' has shape " + Arrays.toString(shape)
                    + "; expected (rows, ...) with the trailing dimensions flattening to " + n
                    + ", the dimension of oracle '" + oracle + "'");
        }
        return shape[0];
    }

    private void solveAll(SolveExecutor solves, MapOracle map, NpyArray theta, int rows, int n, double[] z,
            long start) {
        PrintStream err = new PrintStream(streams().err(), true, StandardCharsets.UTF_8);
        double[] answers = new double[Math.min(rows, rowsPerRequest) * n];
        int reported = 0;
        for (int first = 0; first < rows; first += rowsPerRequest) {
            int count = Math.min(rowsPerRequest, rows - first);
            int base = first;
            try {
                solves.solve(map, count, (r, target, offset) -> {
                    int at = (base + r) * n;
                    for (int i = 0; i < n; i++) {
                        target[offset + i] = theta.getDouble(at + i);
                    }
                }, answers);
            } catch (IllegalArgumentException e) {
                throw new BadInputException("input file '" + input + "' rows " + first + ".." + (first + count - 1)
                        + ": " + e.getMessage(), e);
            }
            System.arraycopy(answers, 0, z, first * n, count * n);
            int done = first + count;
            int quarter = (int) (4L * done / rows);
            if (quarter > reported) {
                reported = quarter;
                double seconds = (System.nanoTime() - start) / 1e9;
                err.printf(Locale.ROOT, "solve: %d/%d rows, %.1f rows/s%n", done, rows, done / Math.max(seconds, 1e-9));
            }
        }
    }
}
