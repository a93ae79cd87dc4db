package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code imle ilp --draws pytorch} follows a PyEPO run: on the same instance files and seed, the
 * test regret before training and after each epoch is PyEPO's, for SPO+, PG and, with half the
 * batches solved, CMAP and pairwise LTR (whose solve coins are then numpy's).
 *
 * <p>The files are the first 64 training and 32 test instances of PyEPO's 5 x 5 shortest path
 * (generator seed 1, 5 features, degree 4, noise 0.5; {@code tools/pyepo_instances.py}). The
 * fixtures are PyEPO 2.2.5 (commit 81089e6) under PyTorch 1.13:
 * {@code tools/pyepo_train.py DIR METHOD 1 --epochs 4 --solve-ratio 0.5} (linear model, Adam 0.01,
 * batch 32). PyEPO sums objectives in float32, so the regrets agree to about 1e-7, not to the bit.
 */
class IlpPyTorchDrawsTest {

    private static final Pattern INITIAL = Pattern.compile("\"initial_test_regret\"\\s*:\\s*([-0-9.eE]+)");

    private static Path data() throws Exception {
        return Path.of(IlpPyTorchDrawsTest.class.getResource("/pyepo-sp5-first64/train_x.npy").toURI()).getParent();
    }

    private static List<String> args(Path out, String estimator, String draws, String... more) throws Exception {
        List<String> a = new ArrayList<>(List.of("ilp", "--problem", "shortest-path", "--grid", "5", "--data",
                data().toString(), "--estimator", estimator, "--epochs", "4", "--lr", "0.01", "--batch", "32",
                "--no-target-scaling", "--seed", "1", "--threads", "1", "--draws", draws, "--out", out.toString()));
        a.addAll(Arrays.asList(more));
        return a;
    }

    /** The test regret before training, then after each epoch. */
    private static double[] regrets(Path out) throws Exception {
        Matcher m = INITIAL.matcher(Files.readString(out.resolve("summary.json")));
        assertTrue(m.find(), "summary.json has the initial regret");
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        int column = Arrays.asList(csv.get(0).split(",")).indexOf("test_regret");
        double[] r = new double[csv.size()];
        r[0] = Double.parseDouble(m.group(1));
        for (int i = 1; i < csv.size(); i++) {
            r[i] = Double.parseDouble(csv.get(i).split(",")[column]);
        }
        return r;
    }

    private static long lastSolverCalls(Path out) throws Exception {
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        int column = Arrays.asList(csv.get(0).split(",")).indexOf("solver_calls");
        return (long) Double.parseDouble(csv.get(csv.size() - 1).split(",")[column]);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "spo+;;1.1615156115946705 1.0795706988336136 0.8572294196960855 0.7121671931510696 0.6331518269132358",
        "pg;;1.1615156115946705 1.099759950537525 1.0591101287015126 1.0279134812633757 0.9165387757891162",
        "cmap-pyepo;0.5;1.1615156115946705 1.1393049665749806 1.012149223597224 0.8237325140262854 0.6930561569743661",
        "ltr-pairwise-pyepo;0.5;1.1615156115946705 1.118989377788833 0.946648551434748 0.7405541500470227"
                + " 0.7405541500470227"})
    void everyEpochsTestRegretIsPyEpos(String estimator, String ratio, String pyEpo, @TempDir Path out)
            throws Exception {
        List<String> a = ratio == null ? args(out, estimator, "pytorch") : args(out, estimator, "pytorch",
                "--solve-ratio", ratio);
        CliRun run = CliRun.run("", a.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        double[] expected = Arrays.stream(pyEpo.split(" ")).mapToDouble(Double::parseDouble).toArray();
        double[] got = regrets(out);
        assertEquals(expected.length, got.length, run.out());
        for (int e = 0; e < expected.length; e++) {
            assertEquals(expected[e], got[e], 1e-6, estimator + " after epoch " + e);
        }
        assertTrue(Files.readString(out.resolve("summary.json")).replace(" ", "").contains("\"draws\":\"pytorch\""),
                Files.readString(out.resolve("summary.json")));
        if (ratio != null) {
            // numpy's RandomState(1) draws at most 0.5 at 7 of the 8 steps: 7 batches of 32 solved
            assertEquals(7 * 32, lastSolverCalls(out), estimator);
        }
    }

    @Test
    void imlesOwnDrawsStartElsewhere(@TempDir Path out) throws Exception {
        CliRun run = CliRun.run("", args(out, "spo+", "imle").toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.err());
        double[] got = regrets(out);
        assertTrue(Math.abs(got[0] - 1.1615156115946705) > 1e-3 && Math.abs(got[1] - 1.0795706988336136) > 1e-3,
                Arrays.toString(got));
        assertTrue(Files.readString(out.resolve("summary.json")).replace(" ", "").contains("\"draws\":\"imle\""));
    }

    @Test
    void badDrawsAndSeedsAreRefusedByName(@TempDir Path out) throws Exception {
        CliRun unknown = CliRun.run("", args(out, "spo+", "torch").toArray(String[]::new));
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("--draws") && unknown.err().contains("imle, pytorch"), unknown.err());
        List<String> bigSeed = args(out, "spo+", "pytorch");
        bigSeed.set(bigSeed.indexOf("--seed") + 1, "4294967296");
        CliRun big = CliRun.run("", bigSeed.toArray(String[]::new));
        assertEquals(2, big.exitCode(), big.err());
        assertTrue(big.err().contains("--draws pytorch") && big.err().contains("4294967296"), big.err());
        assertTrue(!Files.exists(out.resolve("summary.json")), "nothing written");
    }
}
