package org.imle.examples.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.imle.examples.ilp.DecisionFocusedTraining;
import org.imle.examples.ilp.DecisionProblem;
import org.imle.examples.ilp.DecisionProblems;
import org.imle.data.pyepo.PyEpoFiles;
import org.imle.train.trainer.EpochMetrics;
import org.imle.train.trainer.ProgressBar;
import org.imle.train.trainer.RunControl;
import org.imle.train.trainer.TrainingStoppedException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code imle ilp}: the decision-focused learning demo ({@link DecisionFocusedTraining}) on a
 * multi-dimensional knapsack or a capacitated assignment with PyEPO-style data. Prints the test
 * regret of the untrained model as epoch 0, then one line per epoch (training loss, test regret,
 * seconds, solver calls, cache answers) and a summary; with {@code --out DIR}
 * writes {@code metrics.csv}, {@code metrics.json} and {@code summary.json} there, each atomically
 * and only after training finished, so a failed run leaves no output files.
 */
@Command(name = "ilp", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Decision-focused learning through an integer programme: predict item values (knapsack) or "
                    + "assignment costs from features with a linear model and report the normalised test regret.",
            "Data as PyEPO generates it: x ~ N(0, I), coefficients from a degree-d polynomial of B x with "
                    + "multiplicative noise in [1 - e, 1 + e].",
            "Network engine: Java only (no --engine djl): the model is a linear map of the features, for "
                    + "which libtorch would add start-up time and nothing else."
        })
final class IlpCommand extends TrainingCommand {

    private static final DecisionFocusedTraining.Settings DEFAULTS = DecisionFocusedTraining.Settings.defaults("imle");

    /** The problems of the demo. */
    enum Problem {
        KNAPSACK, ASSIGNMENT, SHORTEST_PATH, TSP;

        /** The lower-case name the command line parses and lists. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    @Option(names = "--problem", paramLabel = "NAME",
            description = "${COMPLETION-CANDIDATES}: knapsack (--items items, 2 resources of capacity 20), assignment "
                    + "(3 agents x 8 tasks with capacities), shortest-path (PyEPO's H x H grid, --grid) or tsp "
                    + "(PyEPO's M nodes, --nodes, CP-SAT) (default: ${DEFAULT-VALUE}).")
    private Problem problem = Problem.KNAPSACK;

    @Mixin
    private final ProblemDataOptions problemData = new ProblemDataOptions();

    @Mixin
    private final EstimatorOptions estimator = new EstimatorOptions(DecisionFocusedTraining.PRESETS);

    @Option(names = "--solve-ratio", paramLabel = "R",
            description = "Fraction of training MAP calls sent to the solver; the others are answered from the "
                    + "cache of solutions seen so far; for the *-pyepo pool losses (nce-pyepo, cmap-pyepo, "
                    + "ltr-*-pyepo) the fraction of batches solved whole, one coin per batch, as PyEPO's solve_ratio "
                    + "(default: ${DEFAULT-VALUE}).")
    private double solveRatio = DEFAULTS.solveRatio();

    @Option(names = "--task-loss", paramLabel = "NAME",
            description = "${COMPLETION-CANDIDATES}: what an estimator's sampled solutions are scored by: their regret "
                    + "under the true coefficients, or hamming, the mean |mean of the samples - z*| to the optimal "
                    + "solution (PyEPO's L1 loss for I-MLE, AIMLE and DPO), or objective-l1, |<c, z> - <c, z*>| in "
                    + "float32 (PyEPO's L1 loss for DBB and NID; dbb-pyepo always trains on it); structured losses and "
                    + "mse have their own (default: ${DEFAULT-VALUE}).")
    private DecisionFocusedTraining.TaskLoss taskLoss = DEFAULTS.taskLoss();

    @Option(names = "--no-target-scaling",
            description = "Train on the true coefficients as they are (PyEPO does) instead of dividing them by their "
                    + "mean absolute entry over the training set; regret does not change with that scale.")
    private boolean noTargetScaling;

    @Option(names = "--draws", paramLabel = "NAME",
            description = "${COMPLETION-CANDIDATES}: imle's own random numbers, or pytorch, a PyEPO run's: the initial "
                    + "weights of torch.nn.Linear after torch.manual_seed(seed), the batches of DataLoader(shuffle=True) "
                    + "drawn next, and numpy's RandomState(seed) for the *-pyepo pool losses' solve coins, so that a run "
                    + "on PyEPO's files follows PyEPO's with the same seed (noise draws stay imle's; seed below 2^32) "
                    + "(default: ${DEFAULT-VALUE}).")
    private DecisionFocusedTraining.Draws draws = DecisionFocusedTraining.Draws.IMLE;

    @Option(names = "--train", paramLabel = "COUNT", description = "Training instances (default: ${DEFAULT-VALUE}).")
    private int train = 100;

    @Option(names = "--test", paramLabel = "COUNT", description = "Test instances (default: ${DEFAULT-VALUE}).")
    private int test = 50;

    @Option(names = "--features", paramLabel = "P", description = "Length of x (default: ${DEFAULT-VALUE}).")
    private int features = 5;

    @Option(names = "--degree", paramLabel = "D", description = "Polynomial degree (default: ${DEFAULT-VALUE}).")
    private int degree = 4;

    @Option(names = "--noise-width", paramLabel = "E", description = "Noise half-width (default: ${DEFAULT-VALUE}).")
    private double noiseWidth = 0.5;


    @Mixin
    private CheckpointOptions checkpoints;

    @Override
    protected OptionDefaults defaults() {
        return new OptionDefaults().set("--epochs", DEFAULTS.epochs()).set("--batch", DEFAULTS.batchSize())
                .set("--lr", DEFAULTS.learningRate()).set("--seed", DEFAULTS.seed());
    }

    private DecisionProblem generated(DecisionProblems.DataShape shape, long seed) {
        return switch (problem) {
            case KNAPSACK -> DecisionProblems.knapsack(shape, problemData.items, 2, 20, seed);
            case ASSIGNMENT -> DecisionProblems.assignment(shape, 3, 8, seed);
            case SHORTEST_PATH -> DecisionProblems.shortestPath(shape, problemData.grid, problemData.grid, seed);
            case TSP -> DecisionProblems.tsp(shape, problemData.nodes, seed);
        };
    }

    private DecisionProblem fromFiles(DecisionProblems.DataShape shape, long seed) throws java.io.IOException {
        Path dir = problemData.data;
        PyEpoFiles.Split data = PyEpoFiles.read(dir);
        int g = problemData.grid;
        return switch (problem) {
            case KNAPSACK -> DecisionProblems.fromFiles("knapsack (" + dir + ")", DecisionProblems.knapsackOracle(
                    PyEpoFiles.weights(dir), PyEpoFiles.capacity(dir)), data, true, "weights.npy");
            case ASSIGNMENT -> DecisionProblems.fromFiles("assignment-3x8 (" + dir + ")",
                    DecisionProblems.assignment(shape, 3, 8, seed).oracle(), data, false, "the 3 x 8 assignment");
            case SHORTEST_PATH -> DecisionProblems.fromFiles("shortest-path-" + g + "x" + g + " (" + dir + ")",
                    DecisionProblems.pyEpoGrid(g, g), data, false, "a " + g + " x " + g + " grid (--grid)");
            case TSP -> DecisionProblems.fromFiles("tsp-" + problemData.nodes + " (" + dir + ")",
                    DecisionProblems.tspOracle(problemData.nodes), data, false, "a tour of " + problemData.nodes
                            + " nodes (--nodes)");
        };
    }

    @Override
    protected void run() throws Exception {
        int threadCount = threads.threads();
        Path out = output.dir();
        long seed = this.seed.seed();
        DecisionFocusedTraining.Settings settings = new DecisionFocusedTraining.Settings(estimator.choice(),
                solveRatio, training.epochs(), seed, threadCount, training.batch(), training.learningRate(), taskLoss,
                !noTargetScaling, draws);
        DecisionProblems.DataShape shape = new DecisionProblems.DataShape(train, test, features, degree, noiseWidth);
        DecisionProblem task = problemData.data == null ? generated(shape, seed) : fromFiles(shape, seed);
        int train = task.trainX().length;
        int test = task.testX().length;
        PrintWriter stdout = out();
        stdout.printf(Locale.ROOT, "%s: %d train / %d test instances, estimator %s, solve ratio %s, seed %d%n",
                task.name(), train, test, settings.estimator().name(), solveRatio, seed);
        stdout.flush();
        long start = System.nanoTime();
        PrintStream err = new PrintStream(streams().err(), true, StandardCharsets.UTF_8);
        ProgressBar bar = new ProgressBar(err, false);
        Map<String, Object> data = new TreeMap<>(Map.of("train", train, "test", test, "features", features,
                "degree", degree, "noise_width", noiseWidth));
        if (problemData.data != null) {
            data.put("data", problemData.data.toString());
        }
        DecisionFocusedTraining.Result result;
        try (ExecutorOptions.Handle solves = executor.open(threadCount, "ilp");
                RunSignals signals = checkpoints.signals()) {
            try {
                RunControl control = checkpoints.control(signals);
                result = out == null ? DecisionFocusedTraining.run(task, settings, bar, solves.executor(), control)
                        : DecisionFocusedTraining.runAndSave(task, settings, bar, out, data, solves.executor(),
                                control);
            } catch (TrainingStoppedException e) {
                throw checkpoints.interrupted(e, signals);
            }
        }
        stdout.println("epoch  train-loss  test-regret  seconds  solver-calls  cache-answers");
        stdout.printf(Locale.ROOT, "%5d  %10s  %11.4f  %7s  %12s  %13s%n", 0, "-", result.initialRegret(),
                "-", "-", "-");
        for (EpochMetrics m : result.history()) {
            stdout.printf(Locale.ROOT, "%5d  %10.4f  %11.4f  %7.2f  %12d  %13d%n", m.epoch(), m.get("train_loss"),
                    m.get("test_regret"), m.get("seconds"), (long) m.get("solver_calls"),
                    (long) m.get("cache_answers"));
        }
        stdout.printf(Locale.ROOT, "final test regret %.4f, %.2f s per epoch, %.2f s from the start of the process%n",
                result.finalRegret(), result.secondsPerEpoch(), result.processSeconds());
        stdout.flush();
        progress(String.format(Locale.ROOT, "done in %.1f s", (System.nanoTime() - start) / 1e9));
    }
}
