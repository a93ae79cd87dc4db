package org.imle.examples.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What {@link ClassDataArchive} runs, once after a build, in the JVM that lists the classes of
 * the launcher's class-data-sharing archive ({@code -XX:DumpLoadedClassList}): the classes this
 * loads are the ones later runs map from the archive instead of loading them from the jars. The root help builds
 * every subcommand's model; a small {@code imle ilp} on PyEPO's shortest path loads the
 * registries, the data generators, the trainer and the summary writer, with one estimator of each
 * family the PyEPO comparison uses. Output is discarded.
 */
public final class ClassDataWarmUp {

    /** A structured loss, the perturbed Fenchel-Young loss, I-MLE, AIMLE and blackbox differentiation. */
    private static final String[] ESTIMATORS = {"spo+", "fenchel-young", "imle-pyepo", "aimle-pyepo", "blackbox"};

    private ClassDataWarmUp() {
    }

    /**
     * Runs the warm-up commands; {@code args[0]} is a scratch directory for the training run's
     * output. Exits with 1 if a command fails, so the launcher keeps no archive of a broken run.
     */
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: ClassDataWarmUp SCRATCH_DIR");
            System.exit(2);
        }
        PrintStream none = new PrintStream(OutputStream.nullOutputStream(), true, StandardCharsets.UTF_8);
        CliStreams streams = new CliStreams(InputStream.nullInputStream(), none, none);
        int failed = ImleCommand.execute(streams, "--help");
        for (String estimator : ESTIMATORS) {
            String out = Path.of(args[0]).resolve(estimator).toString();
            failed |= ImleCommand.execute(streams, "ilp", "--problem", "shortest-path", "--grid", "3", "--train", "16",
                    "--test", "8", "--epochs", "1", "--estimator", estimator, "--threads", "1", "--out", out);
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
