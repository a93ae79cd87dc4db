package org.imle.examples.topk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TopKExperimentTest {

    private static TopKExperiment.Options small(Path plot, int threads) {
        return TopKExperiment.Options.defaults().withRepetitions(4).withSteps(12).withPlot(plot)
                .withThreads(threads);
    }

    @Test
    void aShortRunPrintsEveryEstimatorWritesThePlotAndLearns(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        Path png = dir.resolve("gap.png");
        TopKExperiment.Result r = TopKExperiment.run(small(png, 2), new PrintWriter(new OutputStreamWriter(buffer, StandardCharsets.UTF_8), true));
        String text = buffer.toString(StandardCharsets.UTF_8);
        assertEquals(6, r.curves().size());
        for (TopKExperiment.Curve c : r.curves()) {
            assertTrue(text.contains(c.estimator()), c.estimator());
            assertEquals(13, c.meanGap().length);
            assertEquals(r.initialGap(), c.meanGap()[0], 1e-12, "every run starts from the same theta_0");
            assertEquals(0.0, c.stdGap()[0], 1e-12);
            for (double g : c.meanGap()) {
                assertTrue(g >= -1e-12, "a gap is never negative");
            }
        }
        // the optimum is the best 5-subset for b: ones where b is largest
        double[] sorted = r.b().clone();
        java.util.Arrays.sort(sorted);
        double best = 0;
        for (int i = 0; i < 10; i++) {
            best += i < 5 ? sorted[i] * sorted[i] : (sorted[i] - 1) * (sorted[i] - 1);
        }
        assertEquals(best, r.optimum(), 1e-12);
        assertTrue(r.curves().get(0).finalMean() < 0.5 * r.initialGap(), "I-MLE halves the gap in 12 steps");
        assertTrue(Files.size(png) > 1000);
    }

    @Test
    void sameNumbersWithAnyThreadCount() throws Exception {
        PrintWriter sink = new PrintWriter(new StringWriter());
        TopKExperiment.Result one = TopKExperiment.run(small(null, 1), sink);
        TopKExperiment.Result two = TopKExperiment.run(small(null, 2), sink);
        for (int c = 0; c < one.curves().size(); c++) {
            assertArrayEquals(one.curves().get(c).meanGap(), two.curves().get(c).meanGap(), 0.0);
        }
    }

    @Test
    void badOptionsAreRejectedWithTheirName() {
        assertEquals("k must be in 1..9, got 10", assertThrows(IllegalArgumentException.class,
                () -> new TopKExperiment.Options(10, 10, 5, 5, 0.9, 1, null, 1)).getMessage());
        assertEquals("momentum must be in [0, 1), got 1.0", assertThrows(IllegalArgumentException.class,
                () -> new TopKExperiment.Options(10, 5, 5, 5, 1.0, 1, null, 1)).getMessage());
        assertEquals("repetitions must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> TopKExperiment.Options.defaults().withRepetitions(0)).getMessage());
    }
}
