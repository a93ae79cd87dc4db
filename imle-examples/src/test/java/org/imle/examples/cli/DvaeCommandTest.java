package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.imle.data.idx.FashionMnist;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code imle dvae} end to end on tiny configurations. */
class DvaeCommandTest {

    @Test
    void trainsOnSyntheticImagesAndWritesItsOutputs(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliRun run = CliRun.run("", "dvae", "--synthetic", "--estimator", "imle", "--epochs", "2",
                "--train-size", "100", "--test-size", "20", "--batch-size", "50", "--threads", "2",
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.outLines();
        assertEquals(4, lines.size(), run.out());
        assertTrue(lines.get(0).startsWith("discrete VAE, synthetic shapes: 100 training / 20 test images, "
                + "20 groups of 20 units, k 10, estimator imle"), lines.get(0));
        assertTrue(lines.get(3).trim().startsWith("2 "), lines.get(3));
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(3, csv.size());
        double nelbo = Double.parseDouble(csv.get(2).split(",")[2]);
        assertTrue(lines.get(3).contains(String.format(java.util.Locale.ROOT, "%.3f", nelbo)), run.out());
        for (String f : List.of("metrics.json", "reconstructions-epoch-001.png", "samples-epoch-002.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        assertTrue(run.err().contains("epoch 2/2"), "progress bar on stderr: " + run.err());
        assertTrue(run.errLines().get(run.errLines().size() - 1).startsWith("imle dvae: done in "), run.err());
    }

    @Test
    void missingDataSetIsOneLineWithTheInstallHintAndExitCode2(@TempDir Path dir) {
        CliRun run = CliRun.run("", "dvae", "--data", dir.toString(), "--out", dir.resolve("o").toString());
        assertEquals(CliErrors.BAD_INPUT, run.exitCode(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        String line = run.errLines().get(0);
        assertTrue(line.startsWith("imle dvae: Fashion-MNIST not found: '" + dir + "' lacks train-images-idx3-ubyte(.gz), "
                + "train-labels-idx1-ubyte(.gz), t10k-images-idx3-ubyte(.gz), t10k-labels-idx1-ubyte(.gz)"), line);
        assertTrue(line.contains("apt-get install dataset-fashion-mnist"), line);
        assertEquals("", run.out());
        assertTrue(!Files.exists(dir.resolve("o")), "no output directory for a failed run");
    }

    @ParameterizedTest
    @ValueSource(strings = {"--estimator=reinforce", "--epochs=0", "--threads=0", "--train-size=0",
        "--batch-size=-1", "--lr=0", "--epochs=many", "--no-such-option"})
    void badOptionsExitWithCode2AndOneLine(String option, @TempDir Path dir) {
        CliRun run = CliRun.run("", "dvae", "--synthetic", "--out", dir.toString(), option);
        assertEquals(CliErrors.BAD_INPUT, run.exitCode(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.errLines().get(0).startsWith("imle dvae: "), run.err());
        assertTrue(run.errLines().get(0).endsWith("(see 'imle dvae --help')"), run.err());
    }

    /** Runs only where the Debian package dataset-fashion-mnist is installed. */
    @Test
    void trainsOnTheRealFashionMnistFilesWhenInstalled(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(FashionMnist.DEFAULT_DIRECTORY),
                FashionMnist.DEFAULT_DIRECTORY + " is absent (apt-get install dataset-fashion-mnist)");
        CliRun run = CliRun.run("", "dvae", "--estimator", "straight-through", "--epochs", "1",
                "--train-size", "200", "--test-size", "100", "--threads", "2", "--out", dir.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.outLines().get(0).startsWith("discrete VAE, Fashion-MNIST (" + FashionMnist.DEFAULT_DIRECTORY
                + "): 200 training / 100 test images"), run.out());
        List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
        double nelbo = Double.parseDouble(csv.get(1).split(",")[2]);
        // 784 pixels: an untrained decoder gives about 784 ln 2 = 543; one epoch must already do better
        assertTrue(nelbo > 0 && nelbo < 543, "test negative ELBO " + nelbo);
    }
}
