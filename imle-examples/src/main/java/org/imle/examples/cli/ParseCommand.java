package org.imle.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.imle.api.io.AtomicFile;
import org.imle.data.DataFormatException;
import org.imle.data.MalformedFileException;
import org.imle.examples.parse.ArcEstimators;
import org.imle.examples.parse.ArcScorer;
import org.imle.examples.parse.AttachmentScore;
import org.imle.examples.parse.DependencyParser;
import org.imle.examples.parse.EncodedSentence;
import org.imle.examples.parse.LatentTraining;
import org.imle.examples.parse.LatentTreeClassifier;
import org.imle.examples.parse.ParseVocabulary;
import org.imle.examples.parse.ParserTraining;
import org.imle.examples.parse.StructureLabel;
import org.imle.examples.parse.TreeDecoder;
import org.imle.examples.parse.TreeDrawing;
import org.imle.data.conllu.ConlluReader;
import org.imle.data.conllu.ConlluWriter;
import org.imle.data.conllu.Sentence;
import org.imle.data.treebank.SyntheticTreebank;
import org.imle.train.trainer.EpochMetrics;
import org.imle.train.trainer.MetricsLog;
import org.imle.train.trainer.ProgressBar;
import org.imle.train.trainer.RunControl;
import org.imle.train.trainer.TrainingStoppedException;
import org.imle.examples.preset.Choice;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code imle parse}: dependency parsing through a tree oracle. Supervised (default): an arc scorer
 * trained through I-MLE, AIMLE, blackbox or the Fenchel-Young loss against gold trees, scored by
 * UAS. Latent ({@code --latent}): a sentence classifier composed along sampled trees, trained from
 * the {@link StructureLabel} alone, its learnt trees printed for inspection. Data: CoNLL-U files or
 * the {@link SyntheticTreebank}. Writes {@code metrics.csv} and {@code metrics.json} (per epoch,
 * as every command does), {@code summary.json} (settings and final scores) and
 * {@code predictions.conllu} (the test sentences with the predicted heads) into {@code --out},
 * each atomically.
 */
@Command(name = "parse", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Train a dependency parser through a tree oracle (maximum spanning arborescence or Eisner) "
                    + "and print a few parsed sentences as trees.",
            "Supervised: Hamming loss (or Fenchel-Young) against gold trees, scored by UAS. --latent: a sentence "
                    + "label predicted along sampled latent trees, only the label supervised.",
            "Without --train the data is a generated treebank.",
            "Network engine: Java only (no --engine djl yet): its arc scorer and tree composition are built "
                    + "on imle-train and have no DJL version; shortest-path has one."
        })
final class ParseCommand extends TrainingCommand {

    private static final ParserTraining.Config DEFAULTS = ParserTraining.Config.defaults();

    @Option(names = "--decoder", paramLabel = "NAME",
            description = "${COMPLETION-CANDIDATES}: arborescence (non-projective) or eisner (projective) "
                    + "(default: ${DEFAULT-VALUE}).")
    private TreeDecoder decoder = TreeDecoder.ARBORESCENCE;

    @Mixin
    private final EstimatorOptions estimator = new EstimatorOptions(ArcEstimators.PRESETS);

    @Option(names = "--train", paramLabel = "FILE.conllu", description = "Training treebank (default: generated).")
    private Path trainFile;

    @Option(names = "--test", paramLabel = "FILE.conllu",
            description = "Test treebank (default: generated, or the last tenth of --train).")
    private Path testFile;

    @Option(names = "--latent", description = "Learn latent trees from a sentence label instead of gold trees.")
    private boolean latent;


    @Option(names = "--sentences", paramLabel = "COUNT",
            description = "Generated training sentences (default: ${DEFAULT-VALUE}).")
    private int sentences = 2000;

    @Option(names = "--test-sentences", paramLabel = "COUNT",
            description = "Generated test sentences (default: ${DEFAULT-VALUE}).")
    private int testSentences = 300;

    @Option(names = "--non-projective", paramLabel = "RATE",
            description = "Generated sentences with a crossing arc, in [0, 1] (default: ${DEFAULT-VALUE}).")
    private double nonProjective = 0.1;

    @Option(names = "--show", paramLabel = "COUNT", description = "Test sentences to print as trees (default: ${DEFAULT-VALUE}).")
    private int show = 2;

    @Mixin
    private CheckpointOptions checkpoints;

    @Override
    protected OptionDefaults defaults() {
        return new OptionDefaults().set("--epochs", DEFAULTS.epochs()).set("--batch", DEFAULTS.batchSize())
                .set("--lr", DEFAULTS.learningRate()).set("--seed", DEFAULTS.seed());
    }

    @Override
    protected void run() throws Exception {
        TreeDecoder dec = decoder;
        long seed = this.seed.seed();
        int epochs = training.epochs();
        Choice choice = estimator.choice();
        if (latent && !ArcEstimators.samplingNames().contains(choice.name())) {
            throw badOption("--estimator " + choice.name() + " needs gold trees (it is a structured loss); with --latent"
                    + " use " + String.join(", ", ArcEstimators.samplingNames()));
        }
        int threadCount = threads.threads();
        checkRange("--epochs", epochs, 0, 100_000);
        checkRange("--batch", training.batch(), 1, 100_000);
        checkRange("--sentences", sentences, 1, 10_000_000);
        checkRange("--test-sentences", testSentences, 0, 10_000_000);
        checkRange("--show", show, 0, 1000);
        if (testFile != null && trainFile == null) {
            throw badOption("--test needs --train (the generated treebank has its own test split)");
        }
        ParserTraining.Config config = parseOption("--epochs/--batch/--lr",
                () -> new ParserTraining.Config(epochs, training.batch(), training.learningRate(), seed));
        Path out = output.dir();

        List<List<Sentence>> data = loadData();
        List<Sentence> trainSentences = data.get(0);
        List<Sentence> testSet = data.get(1);
        ParseVocabulary vocabulary = ParseVocabulary.of(trainSentences);
        List<EncodedSentence> train = vocabulary.encodeAll(trainSentences);
        List<EncodedSentence> test = vocabulary.encodeAll(testSet);
        try (ExecutorOptions.Handle solves = executor.open(threadCount, "parse")) {
            ArcEstimators estimators = new ArcEstimators(choice, dec, seed, solves.executor());
            SplittableRandom init = new SplittableRandom(seed);
            PrintWriter pw = out();
            pw.printf(Locale.ROOT, "%s parsing, %s decoder, estimator %s: %d training / %d test sentences, seed %d%n",
                    latent ? "latent-tree" : "supervised", dec.label(), choice.name(), train.size(), test.size(), seed);
            long start = System.nanoTime();
            Map<String, Object> summary = new LinkedHashMap<>();
            List<EpochMetrics> metrics = new ArrayList<>();
            DependencyParser parser;
            ProgressBar bar = new ProgressBar(streams().err(), false);
            if (latent) {
                LatentTreeClassifier model = new LatentTreeClassifier(vocabulary, 32, 64, init);
                LatentTraining training = new LatentTraining(model, vocabulary, estimators, config);
                parser = training.parser();
                pw.printf(Locale.ROOT, "label: an arc joins two marked words; positive in %.1f%% of test sentences%n",
                        100 * positiveRate(test));
                pw.flush();
                LatentTraining.Epoch untrained = training.untrained(test);
                metrics.add(epochMetrics(0, Double.NaN, "test_accuracy", untrained.testAccuracy(), "tree_uas",
                        untrained.treeUas(), 0));
                List<LatentTraining.Epoch> history = new ArrayList<>(List.of(untrained));
                history.addAll(LatentTraining.epochs(checkpointed(out, metrics,
                        control -> training.fit(train, test, control, bar), "test_accuracy", "tree_uas")));
                pw.println("epoch  train-loss  test-accuracy  tree-uas  seconds");
                for (LatentTraining.Epoch e : history) {
                    pw.printf(Locale.ROOT, "%5d  %10s  %13.4f  %8.4f  %7.1f%n", e.epoch(), loss(e.trainLoss()),
                            e.testAccuracy(), e.treeUas(), e.seconds());
                }
                LatentTraining.Epoch last = history.get(history.size() - 1);
                summary.put("test_accuracy", last.testAccuracy());
                summary.put("tree_uas", last.treeUas());
                summary.put("seconds_per_epoch", meanSeconds(history.stream().mapToDouble(LatentTraining.Epoch::seconds)
                        .toArray()));
            } else {
                parser = new DependencyParser(vocabulary, new ArcScorer(vocabulary, 32, 16, 64, init), dec);
                ParserTraining training = new ParserTraining(parser, estimators, config);
                pw.flush();
                ParserTraining.Epoch untrained = training.untrained(test);
                metrics.add(epochMetrics(0, Double.NaN, "test_uas", untrained.testUas(), null, 0, 0));
                List<ParserTraining.Epoch> history = new ArrayList<>(List.of(untrained));
                history.addAll(ParserTraining.epochs(checkpointed(out, metrics,
                        control -> training.fit(train, test, control, bar), "test_uas")));
                pw.println("epoch  train-loss  test-uas  seconds");
                for (ParserTraining.Epoch e : history) {
                    pw.printf(Locale.ROOT, "%5d  %10s  %8.4f  %7.1f%n", e.epoch(), loss(e.trainLoss()), e.testUas(),
                            e.seconds());
                }
                ParserTraining.Epoch last = history.get(history.size() - 1);
                summary.put("test_uas", last.testUas());
                summary.put("seconds_per_epoch", meanSeconds(history.stream().mapToDouble(ParserTraining.Epoch::seconds)
                        .toArray()));
            }
            List<int[]> predicted = parser.parse(test, 64);
            showTrees(pw, test, predicted);
            if (out != null) {
                writeOutputs(out, summary, metrics, test, predicted);
            }
            progress(String.format(Locale.ROOT, "done in %.1f s", (System.nanoTime() - start) / 1e9));
        }
    }

    /** A training run of the trainer under the run control of the command line. */
    @FunctionalInterface
    private interface Fit {
        List<EpochMetrics> fit(RunControl control) throws IOException;
    }

    /**
     * Runs {@code fit} with this command's checkpoints and signals and adds the rows of its epochs
     * ({@code epoch}, {@code train_loss}, the {@code scores}, {@code seconds}) to {@code metrics};
     * a run stopped by a signal first writes the metrics of its finished epochs to {@code out}.
     */
    private List<EpochMetrics> checkpointed(Path out, List<EpochMetrics> metrics, Fit fit, String... scores)
            throws Exception {
        try (RunSignals signals = checkpoints.signals()) {
            try {
                List<EpochMetrics> trained = fit.fit(checkpoints.control(signals, "--show"));
                metrics.addAll(rows(trained, scores));
                return trained;
            } catch (TrainingStoppedException e) {
                if (out != null) {
                    List<EpochMetrics> done = new ArrayList<>(metrics);
                    done.addAll(rows(e.history(), scores));
                    Files.createDirectories(out);
                    MetricsLog.csvAndJson(out).write(done);
                }
                throw checkpoints.interrupted(e, signals);
            }
        }
    }

    /** The trainer's metrics cut to the columns of this command's table. */
    private static List<EpochMetrics> rows(List<EpochMetrics> trained, String... scores) {
        List<EpochMetrics> out = new ArrayList<>();
        for (EpochMetrics m : trained) {
            out.add(epochMetrics(m.epoch(), m.get("train_loss"), scores[0], m.get(scores[0]),
                    scores.length > 1 ? scores[1] : null, scores.length > 1 ? m.get(scores[1]) : 0, m.get("seconds")));
        }
        return out;
    }

    /** Training and test sentences: from the files, or generated. */
    private List<List<Sentence>> loadData() throws Exception {
        if (trainFile == null) {
            SyntheticTreebank bank = SyntheticTreebank.builder().seed(seed.seed()).nonProjectiveRate(
                    parseOption("--non-projective", () -> {
                        if (!(nonProjective >= 0 && nonProjective <= 1)) {
                            throw new IllegalArgumentException("must be in [0, 1], got " + nonProjective);
                        }
                        return nonProjective;
                    })).build();
            return List.of(bank.generate(sentences), bank.sentences(sentences, testSentences));
        }
        List<Sentence> train = read(trainFile);
        if (train.isEmpty()) {
            throw new BadInputException("training file '" + trainFile + "' holds no sentence");
        }
        if (testFile != null) {
            return List.of(train, read(testFile));
        }
        if (train.size() < 2) {
            throw new BadInputException("training file '" + trainFile + "' holds one sentence: give --test too");
        }
        int cut = train.size() - Math.max(1, train.size() / 10);
        return List.of(new ArrayList<>(train.subList(0, cut)), new ArrayList<>(train.subList(cut, train.size())));
    }

    /** Reads a treebank; a malformed file is bad input, reported with its file and line. */
    private List<Sentence> read(Path file) throws Exception {
        try (InputStream in = openInput(file)) {
            return ConlluReader.read(in, file);
        } catch (DataFormatException | MalformedFileException e) {
            throw new BadInputException(e.getMessage(), e);
        }
    }

    private void showTrees(PrintWriter pw, List<EncodedSentence> test, List<int[]> predicted) {
        for (int i = 0; i < Math.min(show, test.size()); i++) {
            EncodedSentence e = test.get(i);
            AttachmentScore uas = AttachmentScore.of(e.heads(), predicted.get(i));
            String id = e.sentence().comment("sent_id");
            pw.println();
            pw.printf(Locale.ROOT, "%s (%d of %d heads right%s):%n", id == null ? "test sentence " + (i + 1) : id,
                    uas.correct(), uas.words(), latent ? ", label " + StructureLabel.label(e) : "");
            for (String line : TreeDrawing.render(e.sentence().forms(), predicted.get(i), e.heads())) {
                pw.println("  " + line);
            }
        }
        pw.flush();
    }

    /**
     * Writes {@code metrics.csv} and {@code metrics.json} (one row per epoch, epoch 0 the untrained
     * parser), {@code summary.json} (the settings and the final scores) and
     * {@code predictions.conllu}, each atomically.
     */
    private void writeOutputs(Path out, Map<String, Object> result, List<EpochMetrics> metrics,
            List<EncodedSentence> test, List<int[]> predicted) throws Exception {
        Files.createDirectories(out);
        MetricsLog.csvAndJson(out).write(metrics);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("mode", latent ? "latent" : "supervised");
        json.put("decoder", decoder.label());
        json.put("estimator", estimator.name());
        json.put("train", trainFile == null ? "generated" : trainFile.toString());
        json.put("test", testFile != null ? testFile.toString() : trainFile == null ? "generated" : "last tenth of train");
        json.put("epochs", training.epochs());
        json.put("batch", training.batch());
        json.put("lr", training.learningRate());
        json.putAll(estimator.values());
        json.put("seed", seed.seed());
        json.putAll(result);
        AtomicFile.write(out.resolve("summary.json"), new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValueAsBytes(json));
        List<Sentence> parsed = new ArrayList<>(test.size());
        for (int i = 0; i < test.size(); i++) {
            parsed.add(test.get(i).sentence().withHeads(predicted.get(i)));
        }
        ConlluWriter.write(out.resolve("predictions.conllu"), parsed);
    }

    /**
     * One epoch's row: the untrained parser (epoch 0) has no training loss (NaN: an empty cell, a
     * JSON null); {@code second} is the latent mode's tree UAS, absent (null) in supervised mode.
     */
    private static EpochMetrics epochMetrics(int epoch, double trainLoss, String first, double firstValue,
            String second, double secondValue, double seconds) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("epoch", (double) epoch);
        values.put("train_loss", trainLoss);
        values.put(first, firstValue);
        if (second != null) {
            values.put(second, secondValue);
        }
        values.put("seconds", seconds);
        return new EpochMetrics(epoch, values);
    }

    private void checkRange(String option, int value, int min, int max) {
        if (value < min || value > max) {
            throw badOption(option + " must be in " + min + ".." + max + ", got " + value);
        }
    }

    /** Runs a parse of option values, turning its IllegalArgumentException into a bad-option error. */
    private <T> T parseOption(String option, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw badOption(option + ": " + e.getMessage());
        }
    }

    private static double positiveRate(List<EncodedSentence> sentences) {
        if (sentences.isEmpty()) {
            return Double.NaN;
        }
        int positive = 0;
        for (EncodedSentence e : sentences) {
            positive += StructureLabel.label(e);
        }
        return (double) positive / sentences.size();
    }

    private static double meanSeconds(double[] seconds) {
        double total = 0;
        int count = 0;
        for (int i = 1; i < seconds.length; i++) {
            total += seconds[i];
            count++;
        }
        return count == 0 ? 0 : total / count;
    }

    private static String loss(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
