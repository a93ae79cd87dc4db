package org.imle.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imle.data.npy.Npy;
import org.imle.data.npy.NpyArray;

/**
 * What {@link ClassDataArchive} runs, once after a build, in the JVM that lists the classes of
 * the launcher's class-data-sharing archive ({@code -XX:DumpLoadedClassList}): the classes this
 * loads are the ones later runs map from the archive instead of loading them from the jars. The
 * root help builds every subcommand's model; a small {@code imle ilp} on PyEPO's shortest path loads the
 * registries, the data generators, the trainer and the summary writer, with one estimator of each
 * family the PyEPO comparison uses, and one more reads a small data set in PyEPO's file layout.
 * Output is discarded.
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
        // the PyEPO comparison reads PyEPO's files (--data): their reader belongs in the archive too
        try {
            Path data = pyEpoFiles(Path.of(args[0]).resolve("pyepo-data"));
            failed |= ImleCommand.execute(streams, "ilp", "--problem", "shortest-path", "--grid", "3", "--data",
                    data.toString(), "--epochs", "1", "--estimator", "spo+", "--threads", "1", "--out",
                    Path.of(args[0]).resolve("pyepo-run").toString());
        } catch (IOException e) {
            failed = 1;
        }
        System.exit(failed == 0 ? 0 : 1);
    }

    /**
     * A 3 x 3 shortest path (12 arcs, 5 features) in PyEPO's layout: x in float64, c in float32,
     * as PyEPO saves them.
     */
    private static Path pyEpoFiles(Path dir) throws IOException {
        Files.createDirectories(dir);
        int p = 5;
        int d = 12;
        for (String split : new String[] {"train", "test"}) {
            int n = split.equals("train") ? 16 : 8;
            double[] x = new double[n * p];
            float[] c = new float[n * d];
            for (int i = 0; i < x.length; i++) {
                x[i] = (i * 7 % 11) / 11.0 - 0.5;
            }
            for (int i = 0; i < c.length; i++) {
                c[i] = 1 + i * 5 % 9;
            }
            Npy.write(dir.resolve(split + "_x.npy"), NpyArray.ofFloat64(x, n, p));
            Npy.write(dir.resolve(split + "_c.npy"), NpyArray.ofFloat32(c, n, d));
        }
        return dir;
    }
}
