package org.imle.examples.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.imle.api.execution.SolveExecutor;
import org.imle.examples.demo.TopKDemo;
import org.imle.examples.preset.Knob;
import org.imle.train.trainer.EpochMetrics;
import org.imle.train.trainer.MetricsLog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code imle demo}: trains a linear model through an I-MLE top-k layer on generated data and
 * prints the loss and accuracy of every epoch ({@link TopKDemo}). Runs in a few seconds.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Train a linear model through an I-MLE top-k layer on generated data and print its progress.",
            "Each x in R^d is labelled with the k largest of n hidden linear scores; the model learns "
                    + "W with SGD on the Hamming loss, sampling with Sum-of-Gamma noise.",
            "Network engine: Java only (no --engine djl): the model is one linear map, for which libtorch "
                    + "would add start-up time and nothing else."
        })
final class DemoCommand extends TrainingCommand {

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

    @Mixin
    private final EstimatorOptions estimator = new EstimatorOptions(TopKDemo.PRESETS);

    @Option(names = "--noise", paramLabel = "NAME",
            description = "One of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
            completionCandidates = NoiseNames.class)
    private String noise = DEFAULTS.noise();

    @Option(names = "--metrics", paramLabel = "FILE", description = "Also write the epochs to FILE: JSON if its name ends in .json, else CSV; - for stdout.")
    private Path metrics;

    @Override
    protected OptionDefaults defaults() {
        return new OptionDefaults().set("--epochs", DEFAULTS.epochs()).set("--batch", DEFAULTS.batchSize())
                .set("--lr", DEFAULTS.learningRate()).set("--seed", DEFAULTS.seed());
    }

    @Override
    protected void run() throws Exception {
        int threadCount = threads.threads();
        Path outDir = output.dir();
        long seed = this.seed.seed();
        int batchSize = training.batch();
        double learningRate = training.learningRate();
        TopKDemo.Config config = new TopKDemo.Config(features, items, k, trainSize, testSize, training.epochs(),
                batchSize, learningRate, estimator.choice(), noise, seed);
        long start = System.nanoTime();
        TopKDemo demo = new TopKDemo(config);
        PrintWriter out = out();
        out.printf(Locale.ROOT, "I-MLE top-%d demo: learn W (%d x %d) so that top-%d(W x) matches the "
                + "labels; %d training / %d held-out examples%n", k, items, features, k, trainSize, testSize);
        out.printf(Locale.ROOT, "noise %s (temperature %s), lambda %s, learning rate %s, batch %d, seed %d%n",
                noise, config.estimator().knob(Knob.TEMPERATURE), config.estimator().knob(Knob.LAMBDA), learningRate,
                batchSize, seed);
        out.println("epoch  train-loss  test-loss  test-exact  test-overlap");
        out.println(format(demo.untrained()));
        out.flush();
        List<TopKDemo.Epoch> result;
        try (ExecutorOptions.Handle solves = executor.open(threadCount, "demo")) {
            result = demo.train(solves.executor(), e -> {
                out.println(format(e));
                out.flush();
            });
        }
        List<EpochMetrics> history = result.stream().map(DemoCommand::metrics).toList();
        if (metrics != null) {
            boolean json = metrics.getFileName() != null && metrics.getFileName().toString().endsWith(".json");
            String text = json ? MetricsLog.json(history) : MetricsLog.csv(history);
            writeOutput(metrics, os -> os.write(text.getBytes(StandardCharsets.UTF_8)));
        }
        if (outDir != null) {
            Files.createDirectories(outDir);
            MetricsLog.csvAndJson(outDir).write(history);
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

    /** One epoch as the metrics files record it. */
    static EpochMetrics metrics(TopKDemo.Epoch e) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("epoch", (double) e.epoch());
        values.put("train_loss", e.trainLoss());
        values.put("test_loss", e.testLoss());
        values.put("test_exact", e.testExact());
        values.put("test_overlap", e.testOverlap());
        return new EpochMetrics(e.epoch(), values);
    }

    static String format(TopKDemo.Epoch e) {
        String train = Double.isNaN(e.trainLoss()) ? "-" : String.format(Locale.ROOT, "%.3f", e.trainLoss());
        return String.format(Locale.ROOT, "%5d  %10s  %9.3f  %10.3f  %12.3f", e.epoch(), train,
                e.testLoss(), e.testExact(), e.testOverlap());
    }
}
