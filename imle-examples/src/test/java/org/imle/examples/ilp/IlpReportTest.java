package org.imle.examples.ilp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.imle.data.MalformedFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The EXPERIMENTS table of imle ilp runs: groups by (problem, estimator, solve ratio), mean and sample std. */
class IlpReportTest {

    private static void summary(Path dir, String name, String problem, String est, double ratio, double regret,
            double training, double process) throws Exception {
        Files.createDirectories(dir.resolve(name));
        Files.writeString(dir.resolve(name).resolve("summary.json"), "{\"problem\": \"" + problem
                + "\", \"estimator\": \"" + est + "\", \"solve_ratio\": " + ratio + ", \"final_test_regret\": "
                + regret + ", \"training_seconds\": " + training + ", \"process_seconds\": " + process + "}");
    }

    @Test
    void groupsSeedsOfOneProblemReadFromDifferentDirectories(@TempDir Path dir) throws Exception {
        summary(dir, "sp/spo+-s1", "shortest-path-5x5 (/data/sp5-s1)", "spo+", 1.0, 0.06, 0.2, 1.0);
        summary(dir, "sp/spo+-s2", "shortest-path-5x5 (/data/sp5-s2)", "spo+", 1.0, 0.08, 0.4, 2.0);
        summary(dir, "sp/mse-s1", "shortest-path-5x5 (/data/sp5-s1)", "mse", 1.0, 0.1, 0.1, 0.5);
        summary(dir, "sp/nce-s1", "shortest-path-5x5", "nce", 0.05, 0.12, 0.3, 0.9);
        String[] lines = IlpReport.table(dir).split("\n");
        assertEquals(5, lines.length, String.join("\n", lines));
        // estimators in the order of the preset table (spo+ before nce), mse (an own method) among them
        assertEquals("| shortest-path-5x5 | spo+ | 1.0 | 2 | 7.00 | 1.41 | 0.30 | 1.50 |", lines[2]);
        assertEquals("| shortest-path-5x5 | nce | 0.05 | 1 | 12.00 | 0.00 | 0.30 | 0.90 |", lines[3]);
        assertEquals("| shortest-path-5x5 | mse | 1.0 | 1 | 10.00 | 0.00 | 0.10 | 0.50 |", lines[4]);
    }

    @Test
    void aSummaryWithoutTheTimesNamesTheFileAndTheField(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("old"));
        Files.writeString(dir.resolve("old/summary.json"), "{\"problem\": \"knapsack-2d-20\", \"estimator\": \"imle\", "
                + "\"solve_ratio\": 1.0, \"final_test_regret\": 0.3}");
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> IlpReport.table(dir));
        assertTrue(e.getMessage().contains("summary.json") && e.getMessage().contains("training_seconds"),
                e.getMessage());
    }
}
