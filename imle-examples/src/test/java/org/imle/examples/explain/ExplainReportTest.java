package org.imle.examples.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The EXPERIMENTS table: groups by (k, estimator), mean and sample standard deviation. */
class ExplainReportTest {

    private static void summary(Path dir, String name, int k, String est, double p, double mse) throws Exception {
        Files.createDirectories(dir.resolve(name));
        Files.writeString(dir.resolve(name).resolve("summary.json"), "{\"k\": " + k + ", \"estimator\": \"" + est
                + "\", \"test_precision\": " + p + ", \"test_mse\": " + mse + "}");
    }

    @Test
    void tablesMeanAndSampleStdPerKAndEstimator(@TempDir Path dir) throws Exception {
        summary(dir, "a", 5, "imle", 0.5, 0.01);
        summary(dir, "b", 5, "imle", 0.7, 0.03);
        summary(dir, "c", 10, "l2x", 0.4, 0.02);
        summary(dir, "d/e", 5, "l2x", 0.2, 0.05);
        String[] lines = ExplainReport.table(dir).split("\n");
        assertEquals(5, lines.length);
        assertEquals("| 5 | imle | 2 | 0.600 | 0.141 | 0.0200 | 0.0141 |", lines[2]);
        assertEquals("| 5 | l2x | 1 | 0.200 | 0.000 | 0.0500 | 0.0000 |", lines[3]);
        assertEquals("| 10 | l2x | 1 | 0.400 | 0.000 | 0.0200 | 0.0000 |", lines[4]);
    }
}
