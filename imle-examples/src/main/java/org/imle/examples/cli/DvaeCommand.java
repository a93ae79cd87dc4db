package org.imle.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.imle.examples.dvae.DiscreteVae;
import org.imle.examples.dvae.DvaeEstimators;
import org.imle.examples.preset.Choice;
import org.imle.examples.dvae.ImageSet;
import org.imle.data.DataFormatException;
import org.imle.data.idx.FashionMnist;
import org.imle.data.MissingDatasetException;
import org.imle.train.trainer.EpochMetrics;
import org.imle.train.trainer.ProgressBar;
import org.imle.train.trainer.TrainingStoppedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code imle dvae}: trains the discrete VAE with k-subset codes ({@link DiscreteVae}) on
 * Fashion-MNIST, or on generated stand-in images with {@code --synthetic}, printing one line per
 * epoch and writing metrics and PNG grids to the output directory. A missing data set is bad
 * input: one line saying how to install it, exit code 2.
 */
@Command(name = "dvae", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Train the discrete VAE of the I-MLE paper (N = 20 groups, each a 10-subset of 20 units) on "
                    + "Fashion-MNIST and report the test negative ELBO per epoch.",
            "Writes metrics.csv, metrics.json, reconstructions-epoch-E.png and samples-epoch-E.png to --out.",
            "Network engine: Java only (no --engine djl yet): its encoder, decoder and Gumbel-softmax code "
                    + "are built on imle-train and have no DJL version; shortest-path has one."
        })
final class DvaeCommand extends TrainingCommand {

    private static final DiscreteVae.Config DEFAULTS = DiscreteVae.Config.defaults();
    private static final int SYNTHETIC_TRAIN = 1000;
    private static final int SYNTHETIC_TEST = 200;
    private static final int SYNTHETIC_SIDE = 28;

    @Mixin
    private final EstimatorOptions estimator = new EstimatorOptions(DvaeEstimators.PRESETS);

    @Option(names = "--data", paramLabel = "DIR",
            description = "Directory of the Fashion-MNIST IDX files (default: ${DEFAULT-VALUE}).")
    private Path data = FashionMnist.DEFAULT_DIRECTORY;

    @Option(names = "--synthetic", description = "Train on generated 28 x 28 shapes instead of Fashion-MNIST.")
    private boolean synthetic;

    @Option(names = "--train-size", paramLabel = "N",
            description = "Use the first N training images (default: all 60000; " + SYNTHETIC_TRAIN
                    + " with --synthetic).")
    private Integer trainSize;

    @Option(names = "--test-size", paramLabel = "N",
            description = "Use the first N test images (default: all 10000; " + SYNTHETIC_TEST
                    + " with --synthetic).")
    private Integer testSize;

    @Mixin
    private CheckpointOptions checkpoints;

    @Override
    protected OptionDefaults defaults() {
        return new OptionDefaults().set("--epochs", DEFAULTS.epochs()).set("--batch", DEFAULTS.batchSize())
                .set("--lr", DEFAULTS.learningRate()).set("--seed", DEFAULTS.seed()).set("--out", "dvae-out");
    }

    @Override
    protected void run() throws Exception {
        int threadCount = threads.threads();
        Path out = output.dir();
        long seed = this.seed.seed();
        int batchSize = training.batch();
        double learningRate = training.learningRate();
        Choice method = estimator.choice();
        int train = trainSize != null ? trainSize : synthetic ? SYNTHETIC_TRAIN : DEFAULTS.trainSize();
        int test = testSize != null ? testSize : synthetic ? SYNTHETIC_TEST : DEFAULTS.testSize();
        DiscreteVae.Config config;
        try {
            config = new DiscreteVae.Config(method, training.epochs(), train, test, batchSize, learningRate,
                    DEFAULTS.groups(), DEFAULTS.units(), DEFAULTS.k(), seed, threadCount);
        } catch (IllegalArgumentException e) {
            throw badOption(e.getMessage());
        }
        ImageSet trainImages;
        ImageSet testImages;
        String source;
        if (synthetic) {
            trainImages = ImageSet.synthetic(train, SYNTHETIC_SIDE, seed);
            testImages = ImageSet.synthetic(test, SYNTHETIC_SIDE, seed + 1_000_003L);
            source = "synthetic shapes";
        } else {
            FashionMnist fm = load(data);
            trainImages = ImageSet.firstOf(fm.trainImages(), train);
            testImages = ImageSet.firstOf(fm.testImages(), test);
            source = "Fashion-MNIST (" + data + ")";
        }
        PrintWriter pw = out();
        pw.printf(Locale.ROOT, "discrete VAE, %s: %d training / %d test images, %d groups of %d units, k %d, "
                + "estimator %s, batch %d, lr %s, seed %d%n", source, trainImages.count(), testImages.count(),
                config.groups(), config.units(), config.k(), method.name(), batchSize, learningRate, seed);
        pw.println("epoch  train-loss  test-nelbo  test-recon  test-kl  train-s");
        pw.flush();
        long start = System.nanoTime();
        List<EpochMetrics> history;
        try (ExecutorOptions.Handle solves = executor.open(threads.threads(), "dvae");
                RunSignals signals = checkpoints.signals()) {
            DiscreteVae vae = new DiscreteVae(config, trainImages.pixelsPerImage(), solves.executor());
            try {
                history = vae.fit(trainImages, testImages, out, new ProgressBar(streams().err(), false),
                        checkpoints.control(signals));
            } catch (TrainingStoppedException e) {
                throw checkpoints.interrupted(e, signals);
            }
        }
        for (EpochMetrics m : history) {
            pw.printf(Locale.ROOT, "%5d  %10.3f  %10.3f  %10.3f  %7.3f  %7.1f%n", m.epoch(),
                    m.get("train_loss"), m.get("test_nelbo"), m.get("test_reconstruction"), m.get("test_kl"),
                    m.get("train_seconds"));
        }
        pw.flush();
        progress(String.format(Locale.ROOT, "done in %.1f s; metrics and images in %s",
                (System.nanoTime() - start) / 1e9, out));
    }

    /** Loads Fashion-MNIST; a missing or damaged file is bad input (exit 2), said in one line. */
    private static FashionMnist load(Path dir) throws IOException {
        try {
            return FashionMnist.load(dir);
        } catch (MissingDatasetException | DataFormatException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }
}
