package org.imle.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.imle.api.io.AtomicFile;
import org.imle.examples.explain.EncodedReviews;
import org.imle.examples.explain.ExplainConfig;
import org.imle.examples.explain.ExplainData;
import org.imle.examples.explain.ExplainEstimators;
import org.imle.examples.preset.Choice;
import org.imle.examples.explain.ExplainTraining;
import org.imle.examples.explain.Highlighter;
import org.imle.data.DataFormatException;
import org.imle.data.MalformedFileException;
import org.imle.data.MissingDatasetException;
import org.imle.train.trainer.EpochMetrics;
import org.imle.train.trainer.MetricsLog;
import org.imle.train.trainer.ProgressBar;
import org.imle.train.trainer.TrainingStoppedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code imle explain}: learning to explain a rating with k words (L2X / I-MLE BeerAdvocate
 * experiment, {@link ExplainTraining}). Trains on generated reviews by default or on the
 * BeerAdvocate files of {@code --data}, prints the epochs, the test MSE and precision and a few
 * test reviews with the selected words highlighted, and writes {@code metrics.csv} and
 * {@code metrics.json} (per epoch) and {@code summary.json} (settings and final numbers) into
 * {@code --out}, each atomically.
 */
@Command(name = "explain", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Learn to explain a review's rating with k of its words (L2X / I-MLE experiment).",
            "Only (text, rating) pairs are supervised; the selection is measured against the annotations "
                    + "(precision: the fraction of selected words that are annotated for the aspect).",
            "Network engine: Java only (no --engine djl yet): its embedding, encoder and relaxed top-k are "
                    + "built on imle-train and have no DJL version; shortest-path has one."
        })
final class ExplainCommand extends TrainingCommand {

    /** When reviews are printed with colours rather than brackets. */
    enum Color {
        AUTO, ALWAYS, NEVER;

        /** The lower-case name the command line parses and lists. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final ExplainConfig DEFAULTS = ExplainConfig.defaults();

    @Option(names = "--k", paramLabel = "N", description = "Words to select (default: ${DEFAULT-VALUE}).")
    private int k = DEFAULTS.k();

    @Mixin
    private final EstimatorOptions estimator = new EstimatorOptions(ExplainEstimators.PRESETS);

    @Option(names = "--data", paramLabel = "DIR",
            description = "BeerAdvocate files (reviews.aspectN.train.txt, annotations.json); default: generated reviews.")
    private Path data;

    @Option(names = "--embeddings", paramLabel = "FILE",
            description = "Word vectors in GloVe / word2vec text format (default: random vectors).")
    private Path embeddings;

    @Option(names = "--aspect", paramLabel = "N", description = "The rated aspect to explain (default: ${DEFAULT-VALUE}, aroma).")
    private int aspect = 1;

    @Option(names = "--train", paramLabel = "COUNT", description = "Generated training reviews (default: ${DEFAULT-VALUE}).")
    private int trainCount = 2000;

    @Option(names = "--test", paramLabel = "COUNT", description = "Generated test reviews (default: ${DEFAULT-VALUE}).")
    private int testCount = 500;

    @Option(names = "--show", paramLabel = "N", description = "Test reviews to print highlighted (default: ${DEFAULT-VALUE}).")
    private int show = 3;

    @Mixin
    private CheckpointOptions checkpoints;

    @Option(names = "--color", paramLabel = "WHEN",
            description = "${COMPLETION-CANDIDATES}: auto (colours on a terminal, [brackets] otherwise), always or "
                    + "never (default: ${DEFAULT-VALUE}).")
    private Color color = Color.AUTO;

    @Override
    protected OptionDefaults defaults() {
        return new OptionDefaults().set("--epochs", DEFAULTS.epochs()).set("--batch", DEFAULTS.batchSize())
                .set("--lr", DEFAULTS.learningRate()).set("--seed", DEFAULTS.seed()).set("--out", "explain-out");
    }

    @Override
    protected void run() throws Exception {
        ExplainConfig config = config();
        Path out = output.dir();
        boolean ansi = switch (color) {
            case ALWAYS -> true;
            case NEVER -> false;
            case AUTO -> streams().out() == System.out && System.console() != null;
        };
        if (show < 0) {
            throw badOption("--show must be >= 0, got " + show);
        }
        if (trainCount < 1 || testCount < 1) {
            throw badOption("--train and --test must be >= 1, got " + trainCount + " and " + testCount);
        }
        long start = System.nanoTime();
        ExplainData input = load();
        try (ExecutorOptions.Handle solves = executor.open(config.threads(), "explain")) {
            train(config, input, new ExplainTraining(config, input.table(), input.dimension(), input.train(),
                    input.test(), solves.executor()), start, out, ansi);
        }
    }

    private void train(ExplainConfig config, ExplainData input, ExplainTraining training, long start, Path out,
            boolean ansi) throws Exception {
        PrintWriter o = out();
        o.printf(Locale.ROOT, "learning to explain with k = %d words, estimator %s%n", config.k(), config.estimator().name());
        o.printf(Locale.ROOT, "data: %s; %d training / %d test reviews%n", input.source(), input.train().size(),
                input.test().size());
        o.flush();
        Files.createDirectories(out);
        boolean terminal = streams().err() == System.err && System.console() != null;
        List<EpochMetrics> history;
        try (RunSignals signals = checkpoints.signals()) {
            try {
                history = training.fit(new ProgressBar(streams().err(), terminal), MetricsLog.csvAndJson(out),
                        checkpoints.control(signals, "--show", "--color"));
            } catch (TrainingStoppedException e) {
                throw checkpoints.interrupted(e, signals);
            }
        }
        o.println("epoch  train-mse  test-mse  test-precision");
        for (EpochMetrics m : history) {
            o.printf(Locale.ROOT, "%5d  %9.5f  %8.5f  %14.3f%n", m.epoch(), m.get("train_loss"), m.get("test_mse"),
                    m.get("test_precision"));
        }
        ExplainTraining.Evaluation result = training.evaluate(input.test());
        o.printf(Locale.ROOT, "test MSE %.5f, precision %.3f (%d of %d selected words annotated; "
                + "the best possible with k = %d is %.3f)%n", result.mse(), result.precision().precision(),
                result.precision().hits(), result.precision().selected(), config.k(), result.ceiling().precision());
        showReviews(o, training, input.test(), new Highlighter(ansi));
        double seconds = (System.nanoTime() - start) / 1e9;
        writeSummary(out, config, input, result, seconds);
        progress(String.format(Locale.ROOT, "done in %.1f s; metrics in %s", seconds, out));
    }

    private ExplainConfig config() {
        Choice method = estimator.choice();
        int threadCount = threads.threads();
        try {
            return new ExplainConfig(method, k, training.epochs(), training.batch(), training.learningRate(),
                    DEFAULTS.hidden(), seed.seed(), threadCount);
        } catch (IllegalArgumentException e) {
            throw badOption(e.getMessage());
        }
    }

    private ExplainData load() throws Exception {
        try {
            if (data == null) {
                return ExplainData.synthetic(seed.seed(), trainCount, testCount, aspect, embeddings);
            }
            return ExplainData.beer(data, aspect, embeddings, seed.seed());
        } catch (MissingDatasetException | MalformedFileException | DataFormatException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    private void showReviews(PrintWriter o, ExplainTraining training, EncodedReviews test, Highlighter h) {
        int count = Math.min(show, test.size());
        if (count == 0) {
            return;
        }
        EncodedReviews.Batch batch = test.range(0, count);
        boolean[] selected = training.select(batch);
        o.printf(Locale.ROOT, "%d test reviews with the %d selected words marked:%n", count, k);
        for (int r = 0; r < count; r++) {
            var review = test.review(r);
            int width = batch.width();
            boolean[] annotated = new boolean[width];
            System.arraycopy(batch.annotated(), r * width, annotated, 0, width);
            boolean[] sel = new boolean[width];
            System.arraycopy(selected, r * width, sel, 0, width);
            List<String> tokens = review.tokens().subList(0, Math.min(width, review.length()));
            o.printf(Locale.ROOT, "rating %.2f: %s%n", batch.ratings()[r], h.render(tokens, sel, 0, annotated));
        }
    }

    private void writeSummary(Path out, ExplainConfig config, ExplainData input, ExplainTraining.Evaluation result,
            double seconds) throws java.io.IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode s = json.createObjectNode();
        s.put("estimator", config.estimator().name());
        s.put("k", config.k());
        s.put("aspect", aspect);
        s.put("seed", config.seed());
        s.put("epochs", config.epochs());
        s.put("batch", config.batchSize());
        s.put("lr", config.learningRate());
        config.estimator().values().forEach((name, value) -> s.putPOJO(name, value));
        s.put("train_reviews", input.train().size());
        s.put("test_reviews", input.test().size());
        s.put("data", input.source());
        s.put("test_mse", result.mse());
        s.put("test_precision", result.precision().precision());
        s.put("selected_words", result.precision().selected());
        s.put("annotated_selected_words", result.precision().hits());
        s.put("best_possible_precision", result.ceiling().precision());
        s.put("seconds", seconds);
        AtomicFile.writeString(out.resolve("summary.json"), json.writeValueAsString(s) + "\n");
    }
}
