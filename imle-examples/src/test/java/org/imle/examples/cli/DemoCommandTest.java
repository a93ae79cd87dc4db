package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imle demo} end to end on a tiny configuration. */
class DemoCommandTest {

    @Test
    void printsEveryEpochWithFallingLossAndWritesTheMetrics(@TempDir Path dir) throws Exception {
        Path metrics = dir.resolve("metrics.csv");
        CliRun run = CliRun.run("", "demo", "--features", "4", "--items", "6", "--k", "2", "--train", "200",
                "--test", "100", "--epochs", "3", "--batch", "8", "--threads", "2", "--metrics", metrics.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> out = run.outLines();
        assertEquals(3 + 4, out.size(), run.out());
        assertEquals("epoch  train-loss  test-loss  test-exact  test-overlap", out.get(2));
        double[] testLoss = new double[4];
        for (int epoch = 0; epoch <= 3; epoch++) {
            String[] cols = out.get(3 + epoch).trim().split("\\s+");
            assertEquals(String.valueOf(epoch), cols[0]);
            testLoss[epoch] = Double.parseDouble(cols[2]);
        }
        assertTrue(testLoss[3] < testLoss[0] / 2, run.out());
        List<String> csv = Files.readAllLines(metrics);
        assertEquals(4, csv.size());
        assertEquals("epoch,train_loss,test_loss,test_exact,test_overlap", csv.get(0));
        assertEquals(testLoss[3], Double.parseDouble(csv.get(3).split(",")[2]), 5e-4);
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.errLines().get(0).matches("imle demo: done in \\d+\\.\\d s"), run.err());
    }
}
