package org.imle.examples.dvae;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.imle.api.execution.SolveExecutor;
import org.imle.examples.preset.Choice;
import org.imle.train.optim.Adam;
import org.imle.train.tensor.GradMode;
import org.imle.train.tensor.Tensor;
import org.imle.train.trainer.Dataset;
import org.imle.train.trainer.EpochMetrics;
import org.imle.train.trainer.MetricsLog;
import org.imle.train.trainer.ProgressBar;
import org.imle.train.trainer.RunControl;
import org.imle.train.trainer.Trainer;

/**
 * The discrete variational autoencoder of the I-MLE paper (Niepert, Minervini, Franceschi,
 * NeurIPS 2021, Section 6.3; AIMLE, Minervini et al. AAAI 2023, uses the same model): an MLP
 * encoder gives the logits theta of N groups of M units, each group's code is a k-subset of its
 * units sampled by the chosen estimator of {@link DvaeEstimators}, and an MLP decoder ({@link DvaeNetwork})
 * gives Bernoulli logits of the pixels.
 *
 * <p><b>Loss</b> of a batch of B images x with codes z, as in the reference code:
 * <pre>
 *   loss = (1/B) sum_b [ sum_pixels BCE(decoder(z_b), x_b) ]  +  (1/B) sum_b KL_b
 * </pre>
 * with the binary cross-entropy on logits against the grey levels in [0, 1] (not binarised) and
 * KL_b the term of {@link KlToUniform}. The test negative ELBO is the same sum, reconstruction plus
 * KL, averaged over the test images, with one code per image drawn by the method's own sampler
 * ({@link LatentCode#evaluate}) under noise keys fixed across epochs.
 *
 * <p><b>Training</b>: Adam, learning rate 1e-3, batch 100, shuffled each epoch by the
 * {@link Trainer}; weights from {@code SplittableRandom(seed)}, estimator noise keyed by seed + 1
 * and the step. The same seed gives the same numbers whatever the thread count.
 *
 * <p><b>Outputs</b> in the output directory after each epoch, all written atomically:
 * {@code metrics.csv} and {@code metrics.json} (epoch, train_loss, test_nelbo,
 * test_reconstruction, test_kl, train_seconds, test_seconds); {@code reconstructions-epoch-E.png}
 * (rows of test images alternating with their reconstructions, pixel probabilities); and
 * {@code samples-epoch-E.png} (images decoded from the same 100 uniformly random codes every epoch).
 *
 * <p>Cost per epoch: O(examples * parameters) for the networks (about 0.9 M parameters) plus
 * 2 B N top-k solves of M units per step for the I-MLE family.
 */
public final class DiscreteVae {

    /** Noise keys of evaluation batches start here, far above any training step. */
    static final long EVALUATION_KEY = 1L << 40;

    /** Images per row of the PNG grids; also the number of random codes is its square. */
    static final int GRID_COLUMNS = 10;

    /**
     * The run's settings.
     *
     * @param estimator how gradients pass the codes: a row of {@link DvaeEstimators#PRESETS} and its knobs
     * @param epochs passes over the training images
     * @param trainSize at most this many training images (the first ones)
     * @param testSize at most this many test images (the first ones)
     * @param batchSize images per step
     * @param learningRate Adam's
     * @param groups N
     * @param units M
     * @param k units chosen per group
     * @param seed weights, shuffles and noise
     * @param threads for matrix products and solves
     */
    public record Config(Choice estimator, int epochs, int trainSize, int testSize, int batchSize,
            double learningRate, int groups, int units, int k, long seed, int threads) {

        /** Validates every field; messages name the option. */
        public Config {
            if (estimator == null) {
                throw new IllegalArgumentException("estimator must not be null");
            }
            if (epochs < 1) {
                throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            }
            if (trainSize < 1) {
                throw new IllegalArgumentException("train size must be >= 1, got " + trainSize);
            }
            if (testSize < 1) {
                throw new IllegalArgumentException("test size must be >= 1, got " + testSize);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
            }
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be positive, got " + learningRate);
            }
            if (groups < 1 || units < 2) {
                throw new IllegalArgumentException("need groups >= 1 and units >= 2, got " + groups + " and " + units);
            }
            if (k < 1 || k >= units) {
                throw new IllegalArgumentException("k must be in 1.." + (units - 1) + ", got " + k);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
        }

        /** The paper's model: I-MLE, N = M = 20, k = 10, batch 100, lr 1e-3, 60 000 / 10 000 images. */
        public static Config defaults() {
            return new Config(DvaeEstimators.PRESETS.defaults(), 10, 60_000, 10_000, 100, 1e-3, 20, 20, 10, 0L,
                    Runtime.getRuntime().availableProcessors());
        }
    }

    /** The test metrics of one evaluation (means per image). */
    public record Evaluation(double negativeElbo, double reconstruction, double kl) {
    }

    private final Config config;
    private final DvaeNetwork network;
    private final LatentCode code;

    public DiscreteVae(Config config, int pixels) {
        this(config, pixels, SolveExecutor.parallel(config.threads()));
    }

    /** As the other constructor, with the top-k solves on {@code executor} (in process or on Spark). */
    public DiscreteVae(Config config, int pixels, SolveExecutor executor) {
        this.config = config;
        this.network = new DvaeNetwork(pixels, config.groups() * config.units(), new SplittableRandom(config.seed()));
        this.code = DvaeEstimators.create(config.estimator(), config.units(), config.k(), config.seed() + 1,
                executor);
    }

    public DvaeNetwork network() {
        return network;
    }

    /**
     * The loss of one batch (see the class comment), differentiable with respect to the network's
     * parameters through the method's estimator.
     *
     * @param reconstruction receives the mean reconstruction term when not null (element 0)
     */
    Tensor loss(Tensor x, long step, double[] reconstruction) {
        int b = x.dim(0);
        int n = config.groups();
        int m = config.units();
        Tensor logits = network.forward(x);
        Tensor z = code.train(logits.reshape(b * n, m), step);
        Tensor recLogits = network.decode(z.reshape(b, n * m));
        Tensor perExample = bce(recLogits, x).sum(1, false);
        Tensor recMean = perExample.mean();
        Tensor loss = recMean.add(KlToUniform.mean(logits, m));
        Tensor extra = code.lossValueTerm(perExample.data(), n);
        if (reconstruction != null) {
            reconstruction[0] = recMean.item();
        }
        return extra == null ? loss : loss.add(extra);
    }

    /** Per-pixel binary cross-entropy on logits, softplus(l) - l x. */
    private static Tensor bce(Tensor logits, Tensor x) {
        return logits.softplus().sub(logits.mul(x));
    }

    /** The columns of {@code metrics.csv} and {@code metrics.json}, in order. */
    static final String[] COLUMNS = {"epoch", "train_loss", "test_nelbo", "test_reconstruction", "test_kl",
        "train_seconds", "test_seconds"};

    /**
     * Trains for the configured epochs, evaluating on {@code test} after each and writing the
     * outputs to {@code out} (created if needed).
     *
     * @param progress the trainer's progress bar, or null for none
     * @return one entry per epoch, with the metrics written to metrics.csv
     */
    public List<EpochMetrics> fit(ImageSet train, ImageSet test, Path out, ProgressBar progress) throws IOException {
        return fit(train, test, out, progress, RunControl.NONE);
    }

    /**
     * As {@link #fit(ImageSet, ImageSet, Path, ProgressBar)}, with checkpoints, resuming and
     * stopping as {@code control} says; a stopped run has written the metrics and images of its
     * finished epochs when {@link org.imle.train.trainer.TrainingStoppedException} leaves.
     *
     * @return the metrics of every epoch, those of a resumed run included
     */
    public List<EpochMetrics> fit(ImageSet train, ImageSet test, Path out, ProgressBar progress, RunControl control)
            throws IOException {
        if (train.pixelsPerImage() != network.pixels() || test.pixelsPerImage() != network.pixels()) {
            throw new IllegalArgumentException("images of " + train.pixelsPerImage() + " and " + test.pixelsPerImage()
                    + " pixels for a network of " + network.pixels());
        }
        Files.createDirectories(out);
        ImageSet trainSet = limit(train, config.trainSize());
        ImageSet testSet = limit(test, config.testSize());
        long[] clock = {System.nanoTime()};
        Trainer.Builder trainer = Trainer.builder(network, new Adam(network.parameters(), config.learningRate()))
                .epochs(config.epochs()).batchSize(config.batchSize()).seed(config.seed()).threads(config.threads())
                .progress(progress).metrics(MetricsLog.csvAndJson(out).columns(COLUMNS))
                .keepStateOf("estimator", code.method())
                .hook(epoch -> {
                    double trainSeconds = (System.nanoTime() - clock[0]) / 1e9;
                    long t0 = System.nanoTime();
                    Evaluation ev = evaluate(testSet);
                    try {
                        writeGrids(testSet, out, epoch);
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                    Map<String, Double> values = new LinkedHashMap<>();
                    values.put("test_nelbo", ev.negativeElbo());
                    values.put("test_reconstruction", ev.reconstruction());
                    values.put("test_kl", ev.kl());
                    values.put("train_seconds", trainSeconds);
                    values.put("test_seconds", (System.nanoTime() - t0) / 1e9);
                    clock[0] = System.nanoTime();
                    return values;
                });
        control.applyTo(trainer);
        Dataset<Tensor> data = new Dataset<>() {
            @Override
            public int size() {
                return trainSet.count();
            }

            @Override
            public Tensor batch(int[] indices) {
                return rows(trainSet, indices);
            }
        };
        try {
            return trainer.build().fit(data, (x, step) -> loss(x, step, null));
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** The test negative ELBO and its two terms, means over the images of {@code test}. */
    public Evaluation evaluate(ImageSet test) {
        int n = config.groups();
        int m = config.units();
        double rec = 0;
        double kl = 0;
        try (GradMode.Scope s = GradMode.off()) {
            for (int from = 0, batch = 0; from < test.count(); from += config.batchSize(), batch++) {
                int b = Math.min(config.batchSize(), test.count() - from);
                Tensor x = rows(test, range(from, b));
                Tensor logits = network.forward(x);
                double[] z = code.evaluate(logits.toDoubles(), b * n, EVALUATION_KEY + batch);
                Tensor recLogits = network.decode(Tensor.ofDoubles(z, b, n * m));
                rec += bce(recLogits, x).sum().item();
                kl += KlToUniform.perExample(logits, m).sum().item();
            }
        }
        double count = test.count();
        return new Evaluation((rec + kl) / count, rec / count, kl / count);
    }

    private void writeGrids(ImageSet test, Path out, int epoch) throws IOException {
        int n = config.groups();
        int m = config.units();
        int side = test.side();
        int pixels = test.pixelsPerImage();
        int shown = Math.min(2 * GRID_COLUMNS, test.count());
        int cells = 2 * ((shown + GRID_COLUMNS - 1) / GRID_COLUMNS) * GRID_COLUMNS;
        float[] grid = new float[cells * pixels];
        float[] decoded;
        try (GradMode.Scope s = GradMode.off()) {
            Tensor x = rows(test, range(0, shown));
            Tensor logits = network.forward(x);
            double[] z = code.evaluate(logits.toDoubles(), shown * n, EVALUATION_KEY);
            float[] rec = network.decode(Tensor.ofDoubles(z, shown, n * m)).sigmoid().data();
            // rows of originals, each followed by the row of their reconstructions
            for (int i = 0; i < shown; i++) {
                int row = i / GRID_COLUMNS;
                int col = i % GRID_COLUMNS;
                int original = (2 * row) * GRID_COLUMNS + col;
                int reconstruction = (2 * row + 1) * GRID_COLUMNS + col;
                System.arraycopy(x.data(), i * pixels, grid, original * pixels, pixels);
                System.arraycopy(rec, i * pixels, grid, reconstruction * pixels, pixels);
            }
            decoded = network.decode(randomCodes(GRID_COLUMNS * GRID_COLUMNS)).sigmoid().data();
        }
        String e = String.format(Locale.ROOT, "%03d", epoch);
        ImageGrid.write(out.resolve("reconstructions-epoch-" + e + ".png"), grid, cells, side, GRID_COLUMNS, 2);
        ImageGrid.write(out.resolve("samples-epoch-" + e + ".png"), decoded, GRID_COLUMNS * GRID_COLUMNS, side,
                GRID_COLUMNS, 2);
    }

    /** {@code count} codes, each group a uniformly random k-subset; the same every epoch (seed + 2). */
    Tensor randomCodes(int count) {
        int n = config.groups();
        int m = config.units();
        SplittableRandom rng = new SplittableRandom(config.seed() + 2);
        float[] z = new float[count * n * m];
        int[] perm = new int[m];
        for (int g = 0; g < count * n; g++) {
            for (int i = 0; i < m; i++) {
                perm[i] = i;
            }
            for (int i = 0; i < config.k(); i++) {
                int j = i + rng.nextInt(m - i);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
                z[g * m + perm[i]] = 1f;
            }
        }
        return Tensor.of(z, count, n * m);
    }

    private static ImageSet limit(ImageSet set, int max) {
        if (set.count() <= max) {
            return set;
        }
        return new ImageSet(max, set.side(), java.util.Arrays.copyOf(set.pixels(), max * set.pixelsPerImage()));
    }

    private static int[] range(int from, int count) {
        int[] idx = new int[count];
        for (int i = 0; i < count; i++) {
            idx[i] = from + i;
        }
        return idx;
    }

    private static Tensor rows(ImageSet set, int[] indices) {
        int p = set.pixelsPerImage();
        float[] x = new float[indices.length * p];
        for (int i = 0; i < indices.length; i++) {
            System.arraycopy(set.pixels(), indices[i] * p, x, i * p, p);
        }
        return Tensor.of(x, indices.length, p);
    }
}
