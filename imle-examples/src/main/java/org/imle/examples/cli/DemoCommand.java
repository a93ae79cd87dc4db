package org.imle.examples.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.imle.api.execution.SolveExecutor;
import org.imle.examples.demo.TopKDemo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code imle demo}: trains a linear model through an I-MLE top-k layer on generated data and
 * prints the loss and accuracy of every epoch ({@link TopKDemo}). Runs in a few seconds.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Train a linear model through an I-MLE top-k layer on generated data and print its progress.",
            "Each x in R^d is labelled with the k largest of n hidden linear scores; the model learns "
                    + "W with SGD on the Hamming loss, sampling with Sum-of-Gamma noise."
        })
final class DemoCommand extends Subcommand {

    private static final TopKDemo.Config DEFAULTS = TopKDemo.Config.defaults();

    @Option(names = "--features", paramLabel = "D", description = "Length of x (default: ${DEFAULT-VALUE}).")
    private int features = DEFAULTS.features();

    @Option(names = "--items", paramLabel = "N", description = "Number of scores (default: ${DEFAULT-VALUE}).")
    private int items = DEFAULTS.items();

    @Option(names = "--k", paramLabel = "K", description = "Size of the subset (default: ${DEFAULT-VALUE}).")
    private int k = DEFAULTS.k();

    @Option(names = "--train", paramLabel = "COUNT", description = "Training examples (default: ${DEFAULT-VALUE}).")
    private int trainSize = DEFAULTS.trainSize();

    @Option(names = "--test", paramLabel = "COUNT", description = "Held-out examples (default: ${DEFAULT-VALUE}).")
    private int testSize = DEFAULTS.testSize();

    @Option(names = "--epochs", paramLabel = "COUNT", description = "Epochs (default: ${DEFAULT-VALUE}).")
    private int epochs = DEFAULTS.epochs();

    @Option(names = "--batch", paramLabel = "B", description = "Examples per SGD step (default: ${DEFAULT-VALUE}).")
    private int batchSize = DEFAULTS.batchSize();

    @Option(names = "--lr", paramLabel = "RATE", description = "SGD learning rate (default: ${DEFAULT-VALUE}).")
    private double learningRate = DEFAULTS.learningRate();

    @Option(names = "--lambda", paramLabel = "LAMBDA", description = "I-MLE lambda (default: ${DEFAULT-VALUE}).")
    private double lambda = DEFAULTS.lambda();

    @Option(names = "--noise", paramLabel = "NAME",
            description = "One of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = NoiseNames.class)
    private String noise = DEFAULTS.noise();

    @Option(names = "--temperature", paramLabel = "T", description = "Noise scale (default: ${DEFAULT-VALUE}).")
    private double temperature = DEFAULTS.temperature();

    @Option(names = "--seed", description = "Seed of data, shuffling and noise (default: ${DEFAULT-VALUE}).")
    private long seed = DEFAULTS.seed();

    @Option(names = "--threads", paramLabel = "N",
            description = "Threads for the solves (default: all cores, ${DEFAULT-VALUE}); results do not depend on it.")
    private int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--metrics", paramLabel = "FILE", description = "Also write the epochs as CSV to FILE.")
    private Path metrics;

    @Override
    protected void run() throws Exception {
        if (threads < 1 || threads > 1024) {
            throw badOption("--threads must be in 1..1024, got " + threads);
        }
        TopKDemo.Config config = new TopKDemo.Config(features, items, k, trainSize, testSize, epochs,
                batchSize, learningRate, lambda, noise, temperature, seed);
        long start = System.nanoTime();
        TopKDemo demo = new TopKDemo(config);
        PrintWriter out = out();
        out.printf(Locale.ROOT, "I-MLE top-%d demo: learn W (%d x %d) so that top-%d(W x) matches the "
                + "labels; %d training / %d held-out examples%n", k, items, features, k, trainSize, testSize);
        out.printf(Locale.ROOT, "noise %s (temperature %s), lambda %s, learning rate %s, batch %d, seed %d%n",
                noise, temperature, lambda, learningRate, batchSize, seed);
        out.println("epoch  train-loss  test-loss  test-exact  test-overlap");
        out.println(format(demo.untrained()));
        out.flush();
        List<TopKDemo.Epoch> result = demo.train(SolveExecutor.parallel(threads), e -> {
            out.println(format(e));
            out.flush();
        });
        if (metrics != null) {
            StringBuilder csv = new StringBuilder("epoch,train_loss,test_loss,test_exact,test_overlap\n");
            for (TopKDemo.Epoch e : result) {
                csv.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f%n", e.epoch(), e.trainLoss(),
                        e.testLoss(), e.testExact(), e.testOverlap()));
            }
            writeOutput(metrics, os -> os.write(csv.toString().getBytes(StandardCharsets.UTF_8)));
        }
        progress(String.format(Locale.ROOT, "done in %.1f s", (System.nanoTime() - start) / 1e9));
    }

    /** The noise names the demo accepts, for the help text. */
    static final class NoiseNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return org.imle.noise.NoiseDistributions.NAMES.iterator();
        }
    }

    static String format(TopKDemo.Epoch e) {
        String train = Double.isNaN(e.trainLoss()) ? "-" : String.format(Locale.ROOT, "%.3f", e.trainLoss());
        return String.format(Locale.ROOT, "%5d  %10s  %9.3f  %10.3f  %12.3f", e.epoch(), train,
                e.testLoss(), e.testExact(), e.testOverlap());
    }
}
