package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code imle ilp} end to end on a tiny configuration, and its bad options. */
class IlpCommandTest {

    @Test
    void trainsPrintsEveryEpochAndWritesMetricsAndSummary(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliRun run = CliRun.run("", "ilp", "--problem", "assignment", "--estimator", "imle", "--solve-ratio", "0.5",
                "--epochs", "2", "--train", "12", "--test", "6", "--batch", "4", "--threads", "2", "--seed", "3",
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.outLines();
        assertTrue(lines.get(0).startsWith("assignment-3x8: 12 train / 6 test instances, estimator imle, solve ratio 0.5"),
                lines.get(0));
        assertEquals("epoch  train-loss  test-regret  seconds  solver-calls  cache-answers", lines.get(1));
        assertEquals(6, lines.size(), run.out());
        assertTrue(lines.get(5).startsWith("final test regret "), lines.get(5));
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(3, csv.size());
        assertTrue(csv.get(0).contains("test_regret") && csv.get(0).contains("cache_answers"), csv.get(0));
        String summary = Files.readString(out.resolve("summary.json"));
        assertTrue(summary.contains("\"solve_ratio\" : 0.5") && summary.contains("\"final_test_regret\""), summary);
        assertTrue(Files.readString(out.resolve("metrics.json")).startsWith("["));
        assertTrue(run.errLines().get(run.errLines().size() - 1).matches("imle ilp: done in \\d+\\.\\d s"), run.err());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--estimator|nope|unknown estimator 'nope'",
        "--solve-ratio|0|solve ratio must be in (0, 1]",
        "--solve-ratio|1.5|solve ratio must be in (0, 1]",
        "--problem|tspp|--problem",
        "--epochs|0|epochs",
        "--threads|0|--threads must be in 1..1024",
        "--noise-width|1|noise width must be in [0, 1)",
        "--task-loss|nope|--task-loss",
    })
    void badOptionsExitWithCodeTwoAndOneLine(String option, String value, String message, @TempDir Path dir) {
        Path out = dir.resolve("run");
        CliRun run = CliRun.run("", "ilp", option, value, "--out", out.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith("imle ilp: ") && run.err().contains(message), run.err());
        assertFalse(Files.exists(out));
        assertEquals("", run.out());
    }

    @Test
    void outThatIsAFileIsBadInput(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("taken"), "x");
        CliRun run = CliRun.run("", "ilp", "--out", file.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains("exists and is not a directory"), run.err());
    }
}
