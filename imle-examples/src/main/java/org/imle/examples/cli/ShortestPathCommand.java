package org.imle.examples.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.imle.api.execution.SolveExecutor;
import org.imle.data.DataFormatException;
import org.imle.data.MissingDatasetException;
import org.imle.examples.shortestpath.CostNetwork;
import org.imle.examples.shortestpath.DjlShortestPath;
import org.imle.examples.shortestpath.InputScaling;
import org.imle.examples.shortestpath.PathEstimators;
import org.imle.examples.shortestpath.PathMetrics;
import org.imle.examples.shortestpath.ShortestPathConfig;
import org.imle.examples.shortestpath.ShortestPathExperiment;
import org.imle.examples.shortestpath.StepProfiler;
import org.imle.data.warcraft.WarcraftFiles;
import org.imle.data.warcraft.WarcraftSplits;
import org.imle.train.trainer.EpochMetrics;
import org.imle.train.trainer.ProgressBar;
import org.imle.train.trainer.RunControl;
import org.imle.train.trainer.TrainingStoppedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code imle shortest-path}: learns shortest-path costs from Warcraft-style map images
 * ({@link ShortestPathExperiment}), prints the metrics of every epoch and the final test scores,
 * and writes metrics and plots to the output folder. With {@code --profile N} it times N training
 * steps phase by phase instead ({@link StepProfiler}).
 */
@Command(name = "shortest-path", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Learn the costs of shortest paths from map images, training a CNN through the shortest-path solver.",
            "Generates Warcraft-style K x K maps (or reads the real Warcraft .npy files from --data), trains with "
                    + "the chosen estimator and the Hamming loss to the labelled path, and reports the cost-optimal "
                    + "rate, exact match, cell accuracy and normalised regret on validation and test maps."
        })
final class ShortestPathCommand extends TrainingCommand {

    private static final ShortestPathConfig DEFAULTS = ShortestPathConfig.builder().build();

    @Mixin
    private final EngineOptions engine = new EngineOptions();

    @Option(names = "--grid", paramLabel = "K", description = "Cells per side of generated maps (default: ${DEFAULT-VALUE}).")
    private int grid = DEFAULTS.gridSize();

    @Mixin
    private final EstimatorOptions estimator = new EstimatorOptions(PathEstimators.PRESETS);

    @Option(names = "--model", paramLabel = "NAME",
            description = "One of ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    private CostNetwork model = DEFAULTS.network();

    @Option(names = "--train-size", paramLabel = "N",
            description = "Training maps to generate, or to use of --data (default: ${DEFAULT-VALUE}).")
    private int trainSize = DEFAULTS.trainSize();

    @Option(names = "--val-size", paramLabel = "N", description = "Validation maps to generate (default: ${DEFAULT-VALUE}).")
    private int valSize = DEFAULTS.valSize();

    @Option(names = "--test-size", paramLabel = "N", description = "Test maps to generate (default: ${DEFAULT-VALUE}).")
    private int testSize = DEFAULTS.testSize();

    @Option(names = "--data", paramLabel = "DIR",
            description = "Read {train,val,test}_{maps,vertex_weights,shortest_paths}.npy from DIR (such as the "
                    + "real data set's 12x12 folder) instead of generating maps; all nine files must be there.")
    private Path data;

    @Option(names = "--write-data", paramLabel = "DIR",
            description = "Also write the generated maps to DIR as those nine .npy files (for --data later).")
    private Path writeData;

    @Option(names = "--milestones", paramLabel = "E", split = ",",
            description = "Epochs at which the learning rate is multiplied by --lr-decay (default: at 60%% and 80%% "
                    + "of the epochs).")
    private int[] milestones;

    @Option(names = "--lr-decay", paramLabel = "F", description = "Learning-rate factor at each milestone (default: ${DEFAULT-VALUE}).")
    private double lrDecay = DEFAULTS.lrDecay();

    @Option(names = "--channels", paramLabel = "C", description = "Width of the small network (default: ${DEFAULT-VALUE}).")
    private int channels = DEFAULTS.channels();

    @Option(names = "--input-scaling", paramLabel = "HOW",
            description = "Pixels into the network: standardise (each colour channel by the training maps' mean and "
                    + "standard deviation, as the PyTorch runs do) or unit (bytes / 255); default: ${DEFAULT-VALUE}.")
    private InputScaling inputScaling = DEFAULTS.inputScaling();

    @Option(names = "--plot-maps", paramLabel = "N", description = "Test maps drawn in test-maps.png (default: ${DEFAULT-VALUE}).")
    private int plotMaps = DEFAULTS.plotMaps();

    @Mixin
    private CheckpointOptions checkpoints;

    @Option(names = "--profile", paramLabel = "STEPS",
            description = "Instead of training, time STEPS training steps phase by phase and print the breakdown.")
    private Integer profileSteps;

    @Override
    protected OptionDefaults defaults() {
        return new OptionDefaults().set("--epochs", DEFAULTS.epochs()).set("--batch", DEFAULTS.batchSize())
                .set("--lr", DEFAULTS.learningRate()).set("--seed", DEFAULTS.seed())
                .set("--out", "shortest-path-out");
    }

    @Override
    protected void run() throws Exception {
        if (data != null && writeData != null) {
            throw badOption("--write-data writes generated maps; with --data nothing is generated");
        }
        Path out = output.dir();
        long seed = this.seed.seed();
        ShortestPathConfig.Builder b = ShortestPathConfig.builder().gridSize(grid)
                .estimator(estimator.choice()).network(model).channels(channels)
                .epochs(training.epochs()).trainSize(trainSize).valSize(valSize).testSize(testSize)
                .batchSize(training.batch()).learningRate(training.learningRate()).lrDecay(lrDecay).seed(seed)
                .threads(threads.threads()).outDir(profileSteps == null ? out : null).plotMaps(plotMaps)
                .inputScaling(inputScaling);
        if (milestones != null) {
            b.milestones(milestones);
        }
        if (engine.engine() == EngineOptions.Engine.DJL && model == CostNetwork.SMALL) {
            throw badOption("--engine djl has the patch and combresnet networks; --model small runs on --engine java");
        }
        engine.device();
        if (profileSteps != null && (profileSteps < 1 || profileSteps > 100_000)) {
            throw badOption("--profile must be in 1..100000, got " + profileSteps);
        }
        boolean readData = data != null;
        if (readData) {
            requireWarcraftFiles(data);
            b.dataDir(data);
        }
        ShortestPathConfig config = b.build();
        try (ExecutorOptions.Handle solves = executor.open(config.threads(), "shortest-path")) {
            run(config, new ShortestPathExperiment(config, solves.executor()), solves.executor());
        }
    }

    private void run(ShortestPathConfig config, ShortestPathExperiment experiment, SolveExecutor solves)
            throws Exception {
        boolean readData = data != null;
        long seed = config.seed();
        Path out = output.dir();
        long start = System.nanoTime();
        WarcraftSplits splits;
        try {
            splits = experiment.loadData();
        } catch (MissingDatasetException | DataFormatException e) {
            throw new BadInputException(e.getMessage(), e);
        }
        if (writeData != null) {
            if (Files.exists(writeData) && !Files.isDirectory(writeData)) {
                throw new BadInputException("--write-data '" + writeData + "' exists and is not a directory");
            }
            WarcraftFiles.writeAll(writeData, splits);
            progress("wrote the generated maps to " + writeData);
        }
        int k = splits.train().gridSize();
        PrintWriter o = out();
        o.printf(Locale.ROOT, "shortest paths on %d x %d maps: %s through the %s network; %d training, %d validation, "
                + "%d test maps (%s)%n", k, k, config.estimator().name(), config.network().label(), splits.train().size(),
                splits.val().size(), splits.test().size(), readData ? "read from " + data : "generated, seed " + seed);
        o.flush();
        if (profileSteps != null && engine.engine() == EngineOptions.Engine.DJL) {
            o.printf(Locale.ROOT, "%d timed steps of %d maps on libtorch (after 2 warm-up steps), %d threads:%n",
                    profileSteps, Math.min(config.batchSize(), splits.train().size()), config.threads());
            o.print(new DjlShortestPath(config, false, solves).profile(splits.train(), 2, profileSteps));
            return;
        }
        if (profileSteps != null) {
            StepProfiler.Profile p = StepProfiler.profile(experiment, splits.train(), 2, profileSteps);
            o.printf(Locale.ROOT, "%d timed steps of %d maps (after 2 warm-up steps), %d threads:%n", p.steps(),
                    Math.min(config.batchSize(), splits.train().size()), config.threads());
            o.print(p.table());
            return;
        }
        ShortestPathExperiment.Result r;
        try (RunSignals signals = checkpoints.signals()) {
            try {
                ProgressBar bar = new ProgressBar(streams().err(), System.console() != null);
                RunControl control = checkpoints.control(signals, "--plot-maps", "--write-data");
                r = engine.engine() == EngineOptions.Engine.DJL
                        ? new DjlShortestPath(config, engine.device() == EngineOptions.Device.GPU, solves)
                                .run(splits, bar, control)
                        : experiment.run(splits, bar, control);
            } catch (TrainingStoppedException e) {
                throw checkpoints.interrupted(e, signals);
            }
        }
        o.println("epoch  train-loss  val-cost-opt  test-cost-opt  test-exact  test-regret  seconds");
        for (EpochMetrics m : r.history()) {
            o.printf(Locale.ROOT, "%5d  %10.4f  %12.3f  %13.3f  %10.3f  %11.4f  %7.1f%n", m.epoch(),
                    m.get("train_loss"), m.get("val_cost_optimal"), m.get("test_cost_optimal"),
                    m.get("test_exact_match"), m.get("test_regret"), m.get("seconds"));
        }
        PathMetrics.Scores t = r.test();
        o.printf(Locale.ROOT, "test: cost-optimal %.3f, exact match %.3f, cell accuracy %.4f, normalised regret %.4f%n",
                t.costOptimal(), t.exactMatch(), t.cellAccuracy(), t.regret());
        o.printf(Locale.ROOT, "wrote metrics.csv, metrics.json, learning-curves.png, training-loss.png%s to %s%n",
                config.plotMaps() > 0 ? ", test-maps.png" : "", out);
        progress(String.format(Locale.ROOT, "done in %.1f s (%.1f s of training per epoch)",
                (System.nanoTime() - start) / 1e9, r.secondsPerEpoch()));
    }

    /**
     * Checks that {@code dir} is a directory holding the nine Warcraft files.
     *
     * @throws BadInputException naming the directory and every missing file
     */
    private static void requireWarcraftFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new BadInputException("--data '" + dir + "' " + (Files.exists(dir) ? "is not a directory"
                    : "does not exist") + "; it must hold " + String.join(", ", WarcraftFiles.fileNames()));
        }
        List<String> missing = new ArrayList<>();
        for (String name : WarcraftFiles.fileNames()) {
            if (!Files.isRegularFile(dir.resolve(name))) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new BadInputException("--data '" + dir + "' lacks " + String.join(", ", missing)
                    + " (to generate maps and keep them, use --write-data DIR instead)");
        }
    }
}
