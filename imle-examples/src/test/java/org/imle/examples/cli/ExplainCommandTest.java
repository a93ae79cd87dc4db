package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.imle.data.reviews.SyntheticReviews;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code imle explain} end to end on tiny configurations, and its bad-option handling. */
class ExplainCommandTest {

    private static final Pattern REVIEW = Pattern.compile("rating (\\d\\.\\d\\d): (.*)");

    @Test
    void trainsPrintsBracketedSelectionsAndWritesTheMetrics(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliRun run = CliRun.run("", "explain", "--k", "4", "--estimator", "softsub", "--train", "80", "--test", "20",
                "--epochs", "2", "--batch", "20", "--threads", "2", "--show", "2", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.outLines();
        assertTrue(lines.get(0).startsWith("learning to explain with k = 4 words, estimator softsub"), run.out());
        assertTrue(lines.contains("epoch  train-mse  test-mse  test-precision"), run.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("test MSE ")), run.out());
        assertFalse(run.out().contains("\u001b["), "no colours when stdout is not a terminal");
        int reviews = 0;
        for (String l : lines) {
            Matcher m = REVIEW.matcher(l);
            if (m.matches()) {
                reviews++;
                long bracketed = Pattern.compile("\\[[^\\[\\] ]+\\]").matcher(m.group(2)).results().count();
                assertEquals(4, bracketed, l);
            }
        }
        assertEquals(2, reviews, run.out());
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(3, csv.size());
        assertTrue(csv.get(0).contains("test_mse") && csv.get(0).contains("test_precision"), csv.get(0));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("softsub", summary.get("estimator").asText());
        assertEquals(4, summary.get("k").asInt());
        assertEquals(80, summary.get("selected_words").asInt());
        double p = summary.get("test_precision").asDouble();
        assertTrue(p >= 0 && p <= 1);
        try (var files = Files.list(out)) {
            assertEquals(3, files.count(), "metrics.csv, metrics.json, summary.json and no temporary file");
        }
    }

    @Test
    void readsBeerAdvocateFilesFromADirectory(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("beer");
        SyntheticReviews.builder().seed(2).build().writeDataset(data, 60, 10, 15);
        CliRun run = CliRun.run("", "explain", "--data", data.toString(), "--aspect", "0", "--k", "3", "--epochs", "1",
                "--batch", "30", "--threads", "1", "--show", "1", "--out", dir.resolve("o").toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("60 training / 15 test reviews"), run.out());
        assertTrue(Files.exists(dir.resolve("o").resolve("summary.json")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--k=0", "--estimator=gumbel", "--threads=0", "--color=sometimes", "--epochs=0",
        "--lr=-1", "--aspect=7", "--show=-1", "--train=0", "--nonsense"})
    void badOptionsExitWithCode2AndOneLine(String option, @TempDir Path dir) {
        String name = option.split("=")[0];
        java.util.List<String> args = new java.util.ArrayList<>(List.of("explain", option, "--out", dir.toString()));
        for (String[] base : new String[][] {{"--epochs", "1"}, {"--train", "10"}, {"--test", "5"}}) {
            if (!base[0].equals(name)) {
                args.add(base[0]);
                args.add(base[1]);
            }
        }
        CliRun run = CliRun.run("", args.toArray(new String[0]));
        assertEquals(2, run.exitCode(), run.out() + run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith("imle explain: "), run.err());
        assertFalse(run.err().contains("specified only once"), run.err());
    }

    @Test
    void aMissingDataDirectoryIsBadInputNamingTheFile(@TempDir Path dir) {
        CliRun run = CliRun.run("", "explain", "--data", dir.resolve("absent").toString(), "--out", dir.toString());
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains("reviews.aspect1.train.txt"), run.err());
    }
}
