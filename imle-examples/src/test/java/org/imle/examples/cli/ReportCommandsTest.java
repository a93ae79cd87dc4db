package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code imle topk}, {@code imle estimator-diagnostics} and {@code imle explain-report} end to end:
 * results on stdout, progress on stderr, one-line errors with exit code 2.
 */
class ReportCommandsTest {

    @Test
    void topkPrintsEveryEstimatorAndWritesThePlot(@TempDir Path dir) throws Exception {
        Path png = dir.resolve("gap.png");
        CliRun run = CliRun.run("", "topk", "--repetitions", "2", "--steps", "6", "--threads", "2", "--plot",
                png.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.outLines();
        assertEquals("top-5 of 10, 6 steps, 2 repetitions, momentum 0.90, seed 1", lines.get(0));
        assertTrue(lines.get(2).startsWith("estimator") && lines.get(2).contains("final gap"), run.out());
        assertEquals(3 + 6, lines.size(), "header lines and one row per estimator: " + run.out());
        assertTrue(lines.get(3).startsWith("I-MLE (SoG)"), run.out());
        assertEquals(List.of("imle topk: wrote " + png), run.errLines());
        assertTrue(Files.size(png) > 1000);
    }

    @Test
    void topkGivesTheSameNumbersForAnyThreadCount() {
        CliRun one = CliRun.run("", "topk", "--repetitions", "3", "--steps", "5", "--threads", "1", "--no-plot");
        CliRun two = CliRun.run("", "topk", "--repetitions", "3", "--steps", "5", "--threads", "2", "--no-plot");
        assertEquals(0, one.exitCode(), one.err());
        assertEquals(one.out(), two.out());
        assertEquals("", one.err());
    }

    @Test
    void estimatorDiagnosticsPrintsOneRowPerEstimator() {
        CliRun run = CliRun.run("", "estimator-diagnostics", "--items", "6", "--k", "2", "--draws", "50");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("top-2 of 6, 50 draws, seed 1", run.outLines().get(0));
        assertEquals(2 + 8, run.outLines().size(), run.out());
        assertTrue(run.outLines().get(6).startsWith("blackbox"), run.out());
    }

    @Test
    void explainReportTablesTheSummariesOfRealRuns(@TempDir Path dir) throws Exception {
        for (String estimator : List.of("imle", "l2x")) {
            CliRun train = CliRun.run("", "explain", "--estimator", estimator, "--epochs", "1", "--train", "40",
                    "--test", "10", "--threads", "2", "--show", "0", "--out", dir.resolve(estimator).toString());
            assertEquals(0, train.exitCode(), train.err());
        }
        CliRun run = CliRun.run("", "explain-report", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.outLines();
        assertEquals(4, lines.size(), run.out());
        assertTrue(lines.get(0).startsWith("| k | estimator | runs |"), run.out());
        assertTrue(lines.get(2).startsWith("| 5 | imle | 1 | "), run.out());
        assertTrue(lines.get(3).startsWith("| 5 | l2x | 1 | "), run.out());
    }

    @Test
    void badInputOfTheReportCommandsIsOneLineWithExitCodeTwo(@TempDir Path dir) throws Exception {
        Path bad = Files.createDirectories(dir.resolve("run"));
        Files.writeString(bad.resolve("summary.json"), "{\"k\": 5, \"estimator\": \"imle\"}");
        Path malformed = Files.createDirectories(dir.resolve("other/run"));
        Files.writeString(malformed.resolve("summary.json"), "{\"k\": ");
        String[][] cases = {
            {"explain-report", dir.resolve("absent").toString()},
            {"explain-report", Files.createDirectories(dir.resolve("empty")).toString()},
            {"explain-report", bad.toString()},
            {"explain-report", dir.resolve("other").toString()},
            {"explain-report"},
            {"topk", "--k", "10", "--no-plot"},
            {"topk", "--threads", "0"},
            {"estimator-diagnostics", "--items", "40"},
            {"estimator-diagnostics", "--draws", "1"},
        };
        String[] expected = {
            "does not exist",
            "holds no summary.json",
            "field 'test_precision' is missing or not a number",
            "summary.json:1:",
            "missing DIR",
            "k must be in 1..9, got 10",
            "--threads must be in 1..1024, got 0",
            "n must be in 2..16",
            "draws must be >= 2",
        };
        for (int i = 0; i < cases.length; i++) {
            CliRun run = CliRun.run("", cases[i]);
            assertEquals(CliErrors.BAD_INPUT, run.exitCode(), String.join(" ", cases[i]) + ": " + run.err());
            assertEquals(1, run.errLines().size(), run.err());
            assertTrue(run.err().startsWith("imle " + cases[i][0] + ": ") && run.err().contains(expected[i]),
                    run.err());
            assertEquals("", run.out());
        }
    }
}
