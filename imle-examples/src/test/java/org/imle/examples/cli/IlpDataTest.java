package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.imle.data.npy.Npy;
import org.imle.data.npy.NpyArray;
import org.imle.data.pyepo.PolynomialData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code imle ilp --data DIR} end to end on files in PyEPO's layout (float32 as PyEPO saves them),
 * for the shortest path and the fractional-weight knapsack, and its bad input: one line naming the
 * file, exit 2. Also the generated shortest path and TSP without {@code --data}.
 */
class IlpDataTest {

    private static void save(Path file, double[][] rows) throws Exception {
        int n = rows.length;
        int d = rows[0].length;
        float[] flat = new float[n * d];
        for (int r = 0; r < n; r++) {
            for (int i = 0; i < d; i++) {
                flat[r * d + i] = (float) rows[r][i];
            }
        }
        Npy.write(file, NpyArray.ofFloat32(flat, n, d));
    }

    private static void pyEpoFiles(Path dir, int d, boolean values) throws Exception {
        Files.createDirectories(dir);
        PolynomialData.Sample train = values ? PolynomialData.knapsackValues(40, 5, d, 4, 0.5, new SplittableRandom(1))
                : PolynomialData.costs(40, 5, d, 4, 0.5, new SplittableRandom(1));
        PolynomialData.Sample test = values ? PolynomialData.knapsackValues(20, 5, d, 4, 0.5, new SplittableRandom(2))
                : PolynomialData.costs(20, 5, d, 4, 0.5, new SplittableRandom(2));
        save(dir.resolve("train_x.npy"), train.x());
        save(dir.resolve("train_c.npy"), train.coefficients());
        save(dir.resolve("test_x.npy"), test.x());
        save(dir.resolve("test_c.npy"), test.coefficients());
    }

    @Test
    void trainsOnPyEposShortestPathFiles(@TempDir Path dir) throws Exception {
        pyEpoFiles(dir, 40, false);
        CliRun run = CliRun.run("", "ilp", "--problem", "shortest-path", "--data", dir.toString(), "--estimator", "spo+",
                "--epochs", "2", "--threads", "1");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.outLines();
        assertTrue(lines.get(0).startsWith("shortest-path-5x5 (" + dir + "): 40 train / 20 test instances"), lines.get(0));
        assertTrue(lines.get(lines.size() - 1).startsWith("final test regret "), run.out());
    }

    @Test
    void trainsOnAFractionalWeightKnapsack(@TempDir Path dir) throws Exception {
        pyEpoFiles(dir, 12, true);
        double[][] w = new double[2][12];
        SplittableRandom rng = new SplittableRandom(3);
        for (double[] row : w) {
            for (int i = 0; i < 12; i++) {
                row[i] = (300 + rng.nextInt(500)) / 100.0;
            }
        }
        save(dir.resolve("weights.npy"), w);
        Files.writeString(dir.resolve("capacity"), "20.5 21.25\n");
        CliRun run = CliRun.run("", "ilp", "--problem", "knapsack", "--data", dir.toString(), "--estimator", "nce",
                "--epochs", "1", "--threads", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.outLines().get(0).contains("40 train / 20 test"), run.out());
    }

    @Test
    void badFilesExitTwoWithOneLineNamingTheFile(@TempDir Path dir) throws Exception {
        pyEpoFiles(dir, 39, false);
        CliRun wrongWidth = CliRun.run("", "ilp", "--problem", "shortest-path", "--data", dir.toString());
        assertEquals(2, wrongWidth.exitCode(), wrongWidth.err());
        assertEquals(1, wrongWidth.errLines().size(), wrongWidth.err());
        assertTrue(wrongWidth.err().contains("train_c.npy has 39 columns; a 5 x 5 grid (--grid) has 40"),
                wrongWidth.err());
        Files.delete(dir.resolve("test_x.npy"));
        CliRun missing = CliRun.run("", "ilp", "--problem", "shortest-path", "--data", dir.toString());
        assertEquals(2, missing.exitCode(), missing.err());
        assertEquals(1, missing.errLines().size(), missing.err());
        assertTrue(missing.err().contains("test_x.npy"), missing.err());
        Files.writeString(dir.resolve("test_x.npy"), "not an npy file");
        CliRun garbage = CliRun.run("", "ilp", "--problem", "shortest-path", "--data", dir.toString());
        assertEquals(2, garbage.exitCode(), garbage.err());
        assertTrue(garbage.err().contains("test_x.npy"), garbage.err());
    }

    @Test
    void generatesShortestPathAndTspWithoutData() {
        CliRun path = CliRun.run("", "ilp", "--problem", "shortest-path", "--train", "64", "--test", "32", "--epochs",
                "2", "--estimator", "spo+", "--threads", "1");
        assertEquals(0, path.exitCode(), path.err());
        assertTrue(path.outLines().get(0).startsWith("shortest-path-5x5: 64 train / 32 test"), path.out());
        CliRun tsp = CliRun.run("", "ilp", "--problem", "tsp", "--nodes", "6", "--train", "16", "--test", "8",
                "--epochs", "1", "--estimator", "spo+", "--threads", "1", "--solve-ratio", "0.5");
        assertEquals(0, tsp.exitCode(), tsp.err());
        assertTrue(tsp.outLines().get(0).startsWith("tsp-6: 16 train / 8 test"), tsp.out());
    }
}
