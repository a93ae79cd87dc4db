package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.imle.data.npy.Npy;
import org.imle.data.npy.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --executor spark} through the command line on an embedded {@code local[2]} master: training
 * commands give the in-process run's metrics, and every way a Spark run can go wrong gives one line
 * with the CLI's exit code and no output file.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class SparkCommandsTest {

    private static final String[] SPARK = {"--executor", "spark", "--spark-master", "local[2]"};

    private static String[] args(String[] base, String... more) {
        return Stream.concat(Stream.of(base), Stream.of(more)).toArray(String[]::new);
    }

    /** Runs the command line, checks exit code 0 and returns the metrics of {@code out}. */
    private static List<String> metrics(Path out, String... args) throws IOException {
        CliRun run = CliRun.run("", args(args, "--out", out.toString()));
        assertEquals(0, run.exitCode(), run.err());
        return ClockFreeMetrics.of(out);
    }

    /** {@link #metrics} of a Spark run, after checking that Spark ran at least one job a training step. */
    private static List<String> sparkMetrics(Path out, int steps, String... args) throws IOException {
        AtomicInteger jobs = new AtomicInteger();
        Thread watcher = SparkJobs.watch(jobs::set);
        try {
            List<String> metrics = metrics(out, args(args, SPARK));
            assertTrue(jobs.get() >= steps, "the solves went to Spark: " + jobs.get() + " jobs for " + steps + " steps");
            return metrics;
        } finally {
            watcher.interrupt();
        }
    }

    /**
     * Runs the command in process and on Spark, checks that they wrote the same metrics (header and
     * {@code rows - 1} rows) and that Spark ran at least {@code steps} jobs; returns the metrics.
     */
    private static List<String> assertSparkGivesTheInProcessMetrics(Path dir, int rows, int steps, String... run)
            throws IOException {
        List<String> inProcess = metrics(dir.resolve("in"), run);
        List<String> spark = sparkMetrics(dir.resolve("spark"), steps, run);
        assertEquals(rows, inProcess.size(), inProcess.toString());
        assertEquals(inProcess, spark);
        return inProcess;
    }

    @Test
    void shortestPathOnTheDefaultGridGivesTheInProcessMetrics(@TempDir Path dir) throws IOException {
        String[] run = {"shortest-path", "--train-size", "20", "--val-size", "4", "--test-size", "4", "--batch", "10",
            "--epochs", "2", "--threads", "2", "--plot-maps", "0"};
        assertSparkGivesTheInProcessMetrics(dir, 3, 4, run);
    }

    @Test
    void explainGivesTheInProcessMetrics(@TempDir Path dir) throws IOException {
        String[] run = {"explain", "--k", "4", "--estimator", "imle", "--train", "60", "--test", "20", "--epochs", "2",
            "--batch", "20", "--threads", "2", "--show", "0"};
        assertSparkGivesTheInProcessMetrics(dir, 3, 6, run);
    }

    @Test
    void ilpWithASolveRatioBelowOneGivesTheInProcessMetricsAndCache(@TempDir Path dir) throws IOException {
        String[] run = {"ilp", "--problem", "knapsack", "--estimator", "imle", "--solve-ratio", "0.5", "--epochs", "2",
            "--train", "32", "--test", "8", "--batch", "8", "--threads", "2"};
        List<String> inProcess = assertSparkGivesTheInProcessMetrics(dir, 3, 8, run);
        // the cache answered some calls and the solver the others: both paths ran, on Spark as here
        List<String> header = List.of(inProcess.get(0).split(","));
        String[] last = inProcess.get(2).split(",");
        double answers = Double.parseDouble(last[header.indexOf("cache_answers")]);
        double calls = Double.parseDouble(last[header.indexOf("solver_calls")]);
        assertTrue(answers > 0 && calls > 0, inProcess.toString());
    }

    @Test
    void theDjlEngineGivesTheInProcessMetrics(@TempDir Path dir) throws IOException {
        String[] run = {"shortest-path", "--engine", "djl", "--grid", "4", "--channels", "4", "--train-size", "20",
            "--val-size", "6", "--test-size", "6", "--batch", "10", "--epochs", "2", "--threads", "2",
            "--plot-maps", "0"};
        assertSparkGivesTheInProcessMetrics(dir, 3, 4, run);
    }

    @Test
    void parseGivesTheInProcessMetrics(@TempDir Path dir) throws IOException {
        String[] run = {"parse", "--sentences", "40", "--test-sentences", "6", "--epochs", "2", "--batch", "4",
            "--show", "0", "--threads", "2"};
        assertSparkGivesTheInProcessMetrics(dir, 4, 20, run); // a header, the untrained parser, two epochs
    }

    @Test
    void dvaeGivesTheInProcessMetrics(@TempDir Path dir) throws IOException {
        String[] run = {"dvae", "--synthetic", "--estimator", "imle", "--train-size", "40", "--test-size", "10",
            "--epochs", "2", "--batch-size", "10", "--threads", "2"};
        assertSparkGivesTheInProcessMetrics(dir, 3, 8, run);
    }

    @Test
    void anUnreachableMasterIsOneLineExitOneAndNoOutput(@TempDir Path dir) throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        String url = "spark://127.0.0.1:" + port;
        Path theta = dir.resolve("theta.npy");
        Npy.write(theta, NpyArray.ofFloat64(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        Path z = dir.resolve("z.npy");
        CliRun run = CliRun.run("", "solve", "--oracle", "top-k", "--params", "{\"n\": 3, \"k\": 1}", "--input",
                theta.toString(), "--output", z.toString(), "--executor", "spark", "--spark-master", url);
        assertEquals(1, run.exitCode(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith("imle solve: failed: SparkSolveException: cannot reach the Spark master " + url
                + ": "), run.err());
        assertFalse(Files.exists(z), "no output file");
    }

    @Test
    void anOracleFailureOnAnExecutorIsTheInProcessLineExitTwoAndNoOutput(@TempDir Path dir) throws IOException {
        Path theta = dir.resolve("theta.npy");
        Npy.write(theta, NpyArray.ofFloat64(new double[] {4, 3, 2, 1, 1, 2, Double.NaN, 4}, 2, 4));
        Path z = dir.resolve("z.npy");
        String[] solve = {"solve", "--oracle", "top-k", "--params", "{\"n\": 4, \"k\": 2}", "--input", theta.toString(),
            "--output", z.toString()};
        CliRun inProcess = CliRun.run("", solve);
        CliRun spark = CliRun.run("", args(solve, SPARK));
        assertEquals(2, spark.exitCode(), spark.err());
        String line = "imle solve: input file '" + theta + "' rows 0..1: theta coordinate 2 is NaN";
        assertEquals(line, inProcess.err().strip());
        assertEquals(List.of(line), spark.errLines(), spark.err());
        assertFalse(Files.exists(z), "no output file");
    }
}
