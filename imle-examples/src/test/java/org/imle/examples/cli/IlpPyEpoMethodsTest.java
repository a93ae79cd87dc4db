package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every method PyEPO has and the registry gained trains end to end through {@code imle ilp}: the
 * test regret after three epochs is below the untrained model's (same seed, same instances), and
 * with solve ratio 0.5 part of the training MAP calls are answered from the shared pool.
 */
class IlpPyEpoMethodsTest {

    private static double regret(String line) {
        String[] f = line.trim().split("\\s+");
        return Double.parseDouble(f[line.startsWith("final") ? 3 : 2].replace(",", ""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"nid", "pg", "nce", "cmap", "ltr-pointwise", "ltr-pairwise", "ltr-listwise", "ssvm"})
    void trainsAndLowersTheTestRegret(String estimator) {
        CliRun run = CliRun.run("", "ilp", "--estimator", estimator, "--epochs", "3", "--train", "64", "--test", "32",
                "--solve-ratio", "0.5", "--threads", "2");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.outLines();
        double initial = regret(lines.get(2));
        double last = regret(lines.get(lines.size() - 1));
        assertTrue(last < initial, estimator + ": " + initial + " -> " + last);
        String[] lastEpoch = lines.get(lines.size() - 2).trim().split("\\s+");
        assertTrue(Long.parseLong(lastEpoch[5]) > 0, "cache answers: " + lines.get(lines.size() - 2));
    }
}
