package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.imle.examples.ilp.DecisionFocusedTraining;
import org.imle.examples.preset.Choice;
import org.imle.examples.preset.Knob;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code imle ilp --noise-sampler}: the Sum-of-Gamma rows (PyEPO's I-MLE and AIMLE) draw their
 * noise from the tabulated law by default, and exactly with {@code exact}; the choice reaches
 * the noise's parameters, changes the numbers, keeps them independent of the thread count, is
 * written to the summary and gives the report a row of its own.
 */
class IlpNoiseSamplerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode train(Path out, String estimator, String sampler, int threads) throws IOException {
        CliRun run = CliRun.run("", "ilp", "--problem", "shortest-path", "--grid", "3", "--estimator", estimator,
                "--task-loss", "hamming", "--noise-sampler", sampler, "--epochs", "3", "--train", "48", "--test", "24",
                "--threads", Integer.toString(threads), "--seed", "5", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        return JSON.readTree(out.resolve("summary.json").toFile());
    }

    @Test
    void thePresetPutsTheSamplerIntoTheNoiseParameters() {
        for (String sampler : List.of(Knob.EXACT, Knob.TABULATED)) {
            for (String row : List.of("imle-pyepo", "aimle-pyepo")) {
                Choice choice = DecisionFocusedTraining.PRESETS.choice(row, Map.of(Knob.NOISE_SAMPLER, sampler));
                Map<?, ?> noise = (Map<?, ?>) choice.parameters(Map.of()).get("noise");
                assertEquals("sum-of-gamma", noise.get("name"), row);
                assertEquals(sampler.equals(Knob.TABULATED), noise.get("tabulated"), row + " " + sampler);
                assertEquals(sampler, choice.values().get("noise-sampler"), row);
            }
        }
        assertEquals(Knob.TABULATED, DecisionFocusedTraining.PRESETS.defaultValue(Knob.NOISE_SAMPLER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"imle-pyepo", "aimle-pyepo"})
    void tabulatedDrawsTrainWithOtherNumbersWhateverTheThreadCount(String estimator, @TempDir Path dir)
            throws IOException {
        JsonNode exact = train(dir.resolve("exact"), estimator, "exact", 2);
        JsonNode tabulated = train(dir.resolve("tabulated"), estimator, "tabulated", 2);
        JsonNode oneThread = train(dir.resolve("tabulated-1"), estimator, "tabulated", 1);
        assertEquals("exact", exact.get("noise_sampler").asText());
        assertEquals("tabulated", tabulated.get("noise_sampler").asText());
        double initial = tabulated.get("initial_test_regret").asDouble();
        double last = tabulated.get("final_test_regret").asDouble();
        assertEquals(exact.get("initial_test_regret").asDouble(), initial, "same data and initial weights");
        assertTrue(last < initial, estimator + ": " + initial + " -> " + last);
        assertNotEquals(exact.get("final_test_regret").asDouble(), last, "the tabulated law draws other numbers");
        assertEquals(last, oneThread.get("final_test_regret").asDouble(), "1 thread against 2");
    }

    @Test
    void withoutTheOptionTheDrawsAreTabulated(@TempDir Path dir) throws IOException {
        JsonNode tabulated = train(dir.resolve("tabulated"), "aimle-pyepo", "tabulated", 1);
        CliRun run = CliRun.run("", "ilp", "--problem", "shortest-path", "--grid", "3", "--estimator", "aimle-pyepo",
                "--task-loss", "hamming", "--epochs", "3", "--train", "48", "--test", "24", "--threads", "1",
                "--seed", "5", "--out", dir.resolve("default").toString());
        assertEquals(0, run.exitCode(), run.err());
        JsonNode byDefault = JSON.readTree(dir.resolve("default").resolve("summary.json").toFile());
        assertEquals("tabulated", byDefault.get("noise_sampler").asText());
        assertEquals(tabulated.get("final_test_regret").asDouble(), byDefault.get("final_test_regret").asDouble());
    }

    @Test
    void aRowWithoutSumOfGammaNoiseWritesNoSampler(@TempDir Path dir) throws IOException {
        CliRun run = CliRun.run("", "ilp", "--problem", "shortest-path", "--grid", "3", "--estimator", "spo+",
                "--epochs", "1", "--train", "16", "--test", "8", "--out", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(JSON.readTree(dir.resolve("summary.json").toFile()).has("noise_sampler"));
    }

    @Test
    void anUnknownSamplerIsABadOption() {
        CliRun run = CliRun.run("", "ilp", "--estimator", "imle-pyepo", "--noise-sampler", "fast");
        assertEquals(CliErrors.BAD_INPUT, run.exitCode(), run.err());
        assertEquals(List.of("imle ilp: --noise-sampler must be exact or tabulated, got fast (see 'imle ilp --help')"),
                run.errLines());
        assertEquals("", run.out());
    }

    @Test
    void theReportGivesEachSamplerARowOfItsOwn(@TempDir Path dir) throws IOException {
        train(dir.resolve("runs/exact"), "imle-pyepo", "exact", 2);
        train(dir.resolve("runs/tabulated"), "imle-pyepo", "tabulated", 2);
        CliRun report = CliRun.run("", "ilp-report", dir.resolve("runs").toString());
        assertEquals(0, report.exitCode(), report.err());
        List<String> rows = report.outLines().stream().filter(l -> l.contains("imle-pyepo")).toList();
        assertEquals(2, rows.size(), report.out());
        assertTrue(rows.get(0).contains("| imle-pyepo (exact noise) |") && rows.get(0).contains("| 1 |"), rows.get(0));
        assertTrue(rows.get(1).contains("| imle-pyepo (tabulated noise) |") && rows.get(1).contains("| 1 |"),
                rows.get(1));
    }
}
