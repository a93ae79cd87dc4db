package org.imle.examples.ilp;

import static org.imle.examples.preset.Knob.LAMBDA;
import static org.imle.examples.preset.Knob.NOISE_SAMPLER;
import static org.imle.examples.preset.Knob.SAMPLES;
import static org.imle.examples.preset.Knob.TEMPERATURE;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.StructuredLoss;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.pool.PooledLoss;
import org.imle.api.io.AtomicFile;
import org.imle.examples.preset.Choice;
import org.imle.examples.preset.Knob;
import org.imle.examples.preset.Presets;
import org.imle.solvers.cache.CachingOracle;
import org.imle.train.loss.Losses;
import org.imle.train.nn.Linear;
import org.imle.train.nn.TorchGenerator;
import org.imle.train.nn.WeightInit;
import org.imle.train.node.DiscreteNode;
import org.imle.train.node.StructuredLossNode;
import org.imle.train.optim.Adam;
import org.imle.train.tensor.GradMode;
import org.imle.train.tensor.Tensor;
import org.imle.train.tensor.TorchRowSum;
import org.imle.train.trainer.Dataset;
import org.imle.train.trainer.EpochMetrics;
import org.imle.train.trainer.MetricsLog;
import org.imle.train.trainer.ProgressBar;
import org.imle.train.trainer.TorchLoaderBatches;
import org.imle.train.trainer.TrainStep;
import org.imle.train.trainer.RunControl;
import org.imle.train.trainer.Trainer;
import org.imle.train.trainer.TrainingStoppedException;

/**
 * Decision-focused learning (predict-then-optimise): a linear model maps features x to predicted
 * coefficients theta^ of a {@link DecisionProblem}, and is trained so that the decision
 * {@code MAP(theta^)} is good under the true theta*, measured by the normalised {@link Regret} on
 * the test instances after every epoch.
 *
 * <p>Training signals ({@link #PRESETS}), all through the same oracle:
 * <ul>
 *   <li>an estimator ({@code imle}, {@code aimle}, {@code blackbox}): the solver is a layer
 *       ({@link DiscreteNode}) whose output z is scored by the regret loss
 *       {@code <theta*, z*> - <theta*, z>} (so dL/dz = -theta*); I-MLE with Gumbel noise, AIMLE
 *       (two-sided, adaptive lambda) with Gumbel noise, blackbox differentiation without noise.</li>
 *   <li>a structured loss, against the supervision it names: {@code spo+} against theta*
 *       (Elmachtoub and Grigas 2022), {@code fenchel-young} against z* with Gaussian noise
 *       (Berthet et al. 2020).</li>
 *   <li>the further estimators and losses PyEPO has: {@code nid} (the identity backward), {@code pg}
 *       (perturbation gradient, against theta*), {@code nce}, {@code cmap} and {@code ssvm} (against z*),
 *       {@code ltr-pointwise}, {@code ltr-pairwise}, {@code ltr-listwise} (against theta*), and
 *       {@code aimle-pyepo}, the registry's {@code aimle} with PyEPO's settings (Sum-of-Gamma noise
 *       with k = 5, lambda = beta ||theta|| / ||dL/dz||, beta growing by 1e-3 while
 *       the gradient is not dense), and {@code imle-pyepo}, PyEPO's I-MLE (the same noise and samples,
 *       lambda 10, gradient divided by lambda); both with PyEPO's notebook's 3 samples. The pool-based losses (nce, cmap, ltr-*) read the
 *       {@link CachingOracle}'s pool when the solve ratio is below 1, and their own pool
 *       otherwise; either starts with the training optima.</li>
 *   <li>{@code perturbed}: the perturbed optimizer (Berthet et al. 2020; PyEPO's DPO), Gaussian
 *       noise, through the task loss like the estimators above; {@code dpo-pyepo} is PyEPO's DPO
 *       (3 samples and the leave-one-out baseline its variance reduction subtracts).</li>
 *   <li>{@code mse}: the two-stage baseline, squared error between theta^ and theta*, no solver.</li>
 * </ul>
 * The task loss of the estimators ({@link TaskLoss}) is the regret by default; {@code hamming} is
 * PyEPO's L1 loss between the sampled and the optimal solutions, which its notebook trains I-MLE,
 * AIMLE and DPO with (its DBB and NID use the L1 of the objective values, the regret here).
 * theta* is divided by its mean absolute entry over the training set ({@link Settings#scaleTargets}),
 * so one learning rate and lambda suit every problem; regret is invariant to that scale. PyEPO
 * trains on the costs as they are, so its comparison turns the scaling off.
 *
 * <p><b>Solution caching.</b> With a solve ratio below 1 the training oracle is a
 * {@link CachingOracle} seeded with the training optima (as Mulamba et al. 2021 and PyEPO do) and
 * committed at the start of every step, so the cache a step reads does not depend on the thread
 * count. Test regret always uses the exact oracle.
 *
 * <p>Reproducibility: data, initial weights, shuffling, noise and cache decisions all derive from
 * the seed; the same seed gives the same numbers whatever the thread count.
 */
public final class DecisionFocusedTraining {

    /**
     * The name under which a row receives {@code --solve-ratio} ({@link Presets#given}): the
     * {@code *-pyepo} pool losses decide per batch themselves, so their oracle is not a cache.
     */
    static final String SOLVE_RATIO = "solveRatio";

    /** The name under which a {@code *-pyepo} pool loss receives its coins ({@link Draws#coins}). */
    static final String BATCH_COINS = "batchCoins";

    /**
     * Rows whose task loss is part of what they are: {@code dbb-pyepo} is PyEPO's DBB trained as
     * its notebook trains it, on the L1 of the objective.
     */
    static final Map<String, TaskLoss> FIXED_TASK_LOSS = Map.of("dbb-pyepo", TaskLoss.OBJECTIVE_L1);

    /** Samples per instance of PyEPO's I-MLE and AIMLE in its benchmark notebook (its default is 10). */
    static final int PYEPO_SAMPLES = 3;

    /** The training signals of {@code imle ilp --estimator}, the default first. */
    public static final Presets PRESETS = Presets.builder()
            .knob(LAMBDA, 10.0).knob(TEMPERATURE, 1.0).knob(SAMPLES, 1).knob(NOISE_SAMPLER, Knob.TABULATED)
            .estimator("imle", "noise", "gumbel", "inputTemperature", TEMPERATURE, "targetTemperature", TEMPERATURE,
                    "lambda", LAMBDA, "samples", SAMPLES)
            .estimator("aimle", "noise", "gumbel", "inputTemperature", TEMPERATURE, "targetTemperature", TEMPERATURE,
                    "symmetric", true, "samples", SAMPLES)
            .estimator("blackbox", "lambda", LAMBDA)
            .estimator("perturbed", "noise", "gaussian", "temperature", TEMPERATURE, "samples", SAMPLES)
            .estimator("spo+")
            .estimator("fenchel-young", "noise", "gaussian", "temperature", TEMPERATURE, "samples", SAMPLES)
            .estimator("nid")
            .estimator("pg")
            .estimator("nce")
            .estimator("cmap")
            .estimator("ltr-pointwise")
            .estimator("ltr-pairwise")
            .estimator("ltr-listwise")
            .estimator("ssvm")
            .estimatorAs("aimle-pyepo", "aimle", "noise", Map.of("name", "sum-of-gamma", "k", 5, "tabulated", NOISE_SAMPLER),
                    "inputTemperature", TEMPERATURE, "targetTemperature", TEMPERATURE, "samples", PYEPO_SAMPLES,
                    "betaStep", 1e-3, "targetNonZeroFraction", 1.0, "initialNonZeroAverage", 1.0)
            .estimatorAs("dpo-pyepo", "perturbed", "noise", "gaussian", "temperature", TEMPERATURE, "samples",
                    PYEPO_SAMPLES, "baseline", "leave-one-out")
            .estimatorAs("imle-pyepo", "imle", "noise", Map.of("name", "sum-of-gamma", "k", 5, "tabulated", NOISE_SAMPLER),
                    "inputTemperature", TEMPERATURE, "targetTemperature", TEMPERATURE, "samples", PYEPO_SAMPLES,
                    "lambda", LAMBDA, "scaling", "divide-by-lambda")
            .estimatorAs("nce-pyepo", "nce", "batchSolveRatio", Presets.given(SOLVE_RATIO),
                    "batchCoins", Presets.given(BATCH_COINS))
            .estimatorAs("cmap-pyepo", "cmap", "batchSolveRatio", Presets.given(SOLVE_RATIO),
                    "batchCoins", Presets.given(BATCH_COINS))
            .estimatorAs("ltr-pointwise-pyepo", "ltr-pointwise", "batchSolveRatio", Presets.given(SOLVE_RATIO),
                    "batchCoins", Presets.given(BATCH_COINS))
            .estimatorAs("ltr-pairwise-pyepo", "ltr-pairwise", "batchSolveRatio", Presets.given(SOLVE_RATIO),
                    "batchCoins", Presets.given(BATCH_COINS))
            .estimatorAs("ltr-listwise-pyepo", "ltr-listwise", "batchSolveRatio", Presets.given(SOLVE_RATIO),
                    "batchCoins", Presets.given(BATCH_COINS))
            .estimatorAs("dbb-pyepo", "blackbox", "lambda", LAMBDA)
            .method("mse", "the two-stage baseline: squared error between predicted and true theta, no solver")
            .build();

    /**
     * The training knobs.
     *
     * @param estimator a row of {@link #PRESETS} and its knobs
     * @param solveRatio the fraction of training MAP calls sent to the solver, in (0, 1]
     * @param epochs at least 1
     * @param seed keys everything random
     * @param threads solver threads, at least 1
     * @param batchSize instances per step
     * @param learningRate Adam's step size
     */
    public record Settings(Choice estimator, double solveRatio, int epochs, long seed, int threads, int batchSize,
            double learningRate, TaskLoss taskLoss, boolean scaleTargets, Draws draws) {

        /** The settings with imle's own draws. */
        public Settings(Choice estimator, double solveRatio, int epochs, long seed, int threads, int batchSize,
                double learningRate, TaskLoss taskLoss, boolean scaleTargets) {
            this(estimator, solveRatio, epochs, seed, threads, batchSize, learningRate, taskLoss, scaleTargets,
                    Draws.IMLE);
        }

        /** The settings with the regret task loss and scaled targets. */
        public Settings(Choice estimator, double solveRatio, int epochs, long seed, int threads, int batchSize,
                double learningRate) {
            this(estimator, solveRatio, epochs, seed, threads, batchSize, learningRate, TaskLoss.REGRET, true);
        }

        /** Validates every field; messages name the option. */
        public Settings {
            if (estimator == null) {
                throw new IllegalArgumentException("estimator must not be null");
            }
            if (!(solveRatio > 0 && solveRatio <= 1)) {
                throw new IllegalArgumentException("solve ratio must be in (0, 1], got " + solveRatio);
            }
            if (epochs < 1 || threads < 1 || batchSize < 1) {
                throw new IllegalArgumentException("epochs, threads and batch size must be >= 1, got "
                        + epochs + ", " + threads + ", " + batchSize);
            }
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be positive and finite, got " + learningRate);
            }
            if (taskLoss == null || draws == null) {
                throw new IllegalArgumentException("task loss and draws must not be null");
            }
            if (draws == Draws.PYTORCH && (seed < 0 || seed > 0xFFFFFFFFL)) {
                throw new IllegalArgumentException("--draws pytorch takes seeds in [0, 2^32 - 1], as numpy's"
                        + " RandomState does, got " + seed);
            }
            TaskLoss fixed = FIXED_TASK_LOSS.get(estimator.name());
            if (fixed != null && taskLoss != fixed && taskLoss != TaskLoss.REGRET) {
                throw new IllegalArgumentException("estimator '" + estimator.name() + "' trains on the task loss "
                        + fixed + " (PyEPO's); --task-loss " + taskLoss + " does not apply to it");
            }
        }

        /**
         * The task loss the estimator's samples are scored by: {@link #taskLoss}, except for a row
         * that fixes its own ({@code dbb-pyepo}: {@link TaskLoss#OBJECTIVE_L1}).
         */
        public TaskLoss effectiveTaskLoss() {
            return FIXED_TASK_LOSS.getOrDefault(estimator.name(), taskLoss);
        }

        /**
         * The defaults of {@code imle ilp} for an estimator of {@link #PRESETS} at its default knobs
         * (lambda 10, T 1, S 1): no caching, 5 epochs, seed 1, all cores, batch 32, Adam 0.05, the
         * regret task loss, scaled targets.
         */
        public static Settings defaults(String estimator) {
            return new Settings(PRESETS.choice(estimator, Map.of()), 1.0, 5, 1,
                    Runtime.getRuntime().availableProcessors(), 32, 0.05);
        }
    }

    /**
     * Where the random numbers of training come from. Either way they are a function of the seed
     * alone, whatever the thread count.
     */
    public enum Draws {
        /** imle's own streams (the default). */
        IMLE,
        /**
         * A PyEPO run's: the linear model's initial weights are those of {@code torch.nn.Linear(p, n)}
         * after {@code torch.manual_seed(seed)} (negated for costs, since the model predicts
         * theta = -c), the batches those of {@code DataLoader(shuffle=True)} drawn next from the same
         * generator ({@link TorchLoaderBatches}), and the per-batch solve coins of the {@code *-pyepo}
         * pool losses numpy's {@code RandomState(seed)} (PyEPO's module generator given the seed).
         * The noise of the sampling methods is still imle's.
         */
        PYTORCH;

        /** The coins a {@code *-pyepo} pool loss is built with. */
        String coins() {
            return this == PYTORCH ? "numpy" : "imle";
        }

        /** The lower-case name the command line parses. */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What a run measured.
     *
     * @param history the trainer's metrics per epoch, with {@code test_regret}, {@code solver_calls}
     *     and {@code cache_answers} added
     * @param initialRegret the test regret of the untrained model
     * @param finalRegret the test regret after the last epoch
     * @param secondsPerEpoch mean training time of an epoch (test evaluation excluded)
     * @param solverCalls training MAP calls the solver answered
     * @param cacheAnswers training MAP calls the cache answered
     * @param processSeconds from the start of this process (the JVM's launch) to the end of the
     *     last epoch's evaluation: what a user waits for, start-up and data included
     */
    public record Result(List<EpochMetrics> history, double initialRegret, double finalRegret, double secondsPerEpoch,
            long solverCalls, long cacheAnswers, double processSeconds) {

        /** Training time of all epochs (test evaluation excluded). */
        public double trainingSeconds() {
            return secondsPerEpoch * history.size();
        }
    }

    /**
     * What the estimators' sampled solutions z are scored by (the structured losses and mse have
     * their own).
     */
    public enum TaskLoss {
        /** {@code <theta*, z*> - <theta*, z>}, the regret of z under the true coefficients. */
        REGRET,
        /**
         * {@code sum_i |zbar_i - z*_i| / n} for the mean {@code zbar} of a row's samples, the mean
         * absolute difference to the optimal solution (PyEPO's {@code nn.L1Loss()} on its layers'
         * solution average).
         */
        HAMMING,
        /**
         * {@code |<c, z> - <c, z*>|} with costs {@code c = -theta*}, averaged over rows and samples,
         * in float32: PyEPO's {@code nn.L1Loss()} between the objective value of its DBB's (or NID's)
         * solution and the optimal value, as its notebook trains them. Where z is not optimal this is
         * the regret, with the same gradient; where z is optimal the difference is float32 rounding of
         * either sign (or 0), so the gradient {@code sign(<c, z> - <c, z*>) c} is +c, -c or 0 by
         * chance, where the regret's is always c. The sums are imle's own float32 sums, so the sign
         * at an optimum follows the same law as PyEPO's, not the same draws.
         */
        OBJECTIVE_L1;

        /** The lower-case name the command line parses ({@code objective-l1}). */
        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** One mini-batch: features, scaled theta*, z*, and the scaled optimal values. */
    record Batch(Tensor x, double[] theta, double[] optimal, double meanOptimalValue, int rows) {
    }

    private DecisionFocusedTraining() {
    }

    /**
     * Trains and evaluates.
     *
     * @param progress where the trainer reports progress, or null
     * @throws org.imle.solvers.InfeasibleProblemException if the problem's model has no solution (on
     *     the first solve, before any training)
     */
    public static Result run(DecisionProblem problem, Settings s, ProgressBar progress) throws IOException {
        return run(problem, s, progress, SolveExecutor.parallel(s.threads()), RunControl.NONE);
    }

    /**
     * Trains and evaluates, every MAP call solved by {@code executor} (in process, or on Spark with
     * the same numbers), with checkpoints, resuming and stopping as {@code control} says; the
     * checkpoints keep the solution cache, a pool loss's pool and the solver counts
     * ({@link SolutionState}). Solution caching (a solve ratio below 1) answers from the driver's
     * memory, so it needs an executor that solves in this JVM.
     *
     * @throws IllegalArgumentException for a solve ratio below 1 on an executor that ships its solves
     */
    public static Result run(DecisionProblem problem, Settings s, ProgressBar progress, SolveExecutor executor,
            RunControl control) throws IOException {
        MapOracle exact = problem.oracle();
        int n = problem.dimension();
        double[][] trainOptimal = Regret.solveAll(exact, problem.trainTheta(), executor);
        double[][] testOptimal = Regret.solveAll(exact, problem.testTheta(), executor);
        double scale = s.scaleTargets() ? meanAbs(problem.trainTheta()) : 1;
        double[][] scaled = new double[problem.trainTheta().length][];
        for (int r = 0; r < scaled.length; r++) {
            scaled[r] = problem.trainTheta()[r].clone();
            for (int i = 0; i < n; i++) {
                scaled[r][i] /= scale;
            }
        }
        CachingOracle cache = null;
        CountingExecutor counter = new CountingExecutor(executor);
        MapOracle training = exact;
        if (s.solveRatio() < 1 && !decidesPerBatch(s.estimator())) {
            cache = CachingOracle.of(exact, s.solveRatio(), s.seed());
            cache.addAll(trainOptimal);
            cache.commit();
            training = cache;
        }
        // PyTorch's global generator: the weights draw from it, then the loader's shuffles
        TorchGenerator torch = s.draws() == Draws.PYTORCH ? new TorchGenerator(s.seed()) : null;
        WeightInit pytorchInit = torch == null ? null : WeightInit.pytorch(torch);
        Linear net = torch == null ? new Linear(problem.features(), n, new SplittableRandom(s.seed()))
                : new Linear(problem.features(), n, problem.costSign() < 0 ? pytorchInit.negated() : pytorchInit);
        Object method = s.estimator().registered() ? s.estimator().build(training,
                Map.of(SOLVE_RATIO, s.solveRatio(), BATCH_COINS, s.draws().coins()), s.seed(), counter) : null;
        SolutionState kept = new SolutionState();
        if (cache != null) {
            CachingOracle c = cache;
            kept.pool("cache", c.pool()).count("solver_calls", c::solverCalls,
                    v -> c.restoreCounts(v, c.cacheAnswers())).count("cache_answers", c::cacheAnswers,
                    v -> c.restoreCounts(c.solverCalls(), v));
        } else {
            kept.count("solver_calls", counter::calls, counter::restoreCalls);
        }
        if (method instanceof PooledLoss pooled) {
            kept.pool("loss", pooled.pool());
        }
        TrainStep<Batch> step = step(s, net, method, cache, trainOptimal);
        Dataset<Batch> data = dataset(problem.trainX(), scaled, trainOptimal);
        double initial = testRegret(net, problem, testOptimal, executor);
        CachingOracle counted = cache;
        Trainer.Builder trainer = Trainer.builder(net, new Adam(net.parameters(), s.learningRate()))
                .epochs(s.epochs()).batchSize(s.batchSize()).seed(s.seed()).threads(s.threads()).progress(progress)
                .keep("solutions", kept)
                .keepStateOf("estimator", method)
                .hook(epoch -> {
                    Map<String, Double> m = new LinkedHashMap<>();
                    m.put("test_regret", testRegret(net, problem, testOptimal, executor));
                    m.put("solver_calls", (double) (counted == null ? counter.calls() : counted.solverCalls()));
                    m.put("cache_answers", counted == null ? 0.0 : (double) counted.cacheAnswers());
                    m.put("cache_size", counted == null ? 0.0 : (double) counted.size());
                    return m;
                });
        if (torch != null) {
            trainer.batches(TorchLoaderBatches.after(torch, problem.trainX().length, s.batchSize()));
        }
        List<EpochMetrics> history = control.applyTo(trainer).build().fit(data, step);
        double processSeconds = ProcessClock.secondsSinceStart();
        double seconds = 0;
        for (EpochMetrics m : history) {
            seconds += m.get("seconds");
        }
        return new Result(history, initial, history.get(history.size() - 1).get("test_regret"),
                seconds / history.size(), cache == null ? counter.calls() : cache.solverCalls(),
                cache == null ? 0 : cache.cacheAnswers(), processSeconds);
    }

    /**
     * Whether the row takes {@code --solve-ratio} as a parameter ({@code nce-pyepo}, {@code cmap-pyepo},
     * {@code ltr-*-pyepo}: one solve decision per batch inside the loss, PyEPO's), rather than through
     * a {@link CachingOracle} that decides per call.
     */
    static boolean decidesPerBatch(Choice choice) {
        return choice.row().parameters().containsValue(Presets.given(SOLVE_RATIO));
    }

    /**
     * Trains, evaluates, then writes {@code metrics.csv} and {@code metrics.json} (one row per
     * epoch) and {@code summary.json} ({@code description} followed by the results) into {@code out}.
     * Files are written only after training finished, each atomically: a run that fails (an
     * infeasible model, a solver error) leaves no output file behind.
     */
    public static Result runAndSave(DecisionProblem problem, Settings s, ProgressBar progress, Path out,
            Map<String, Object> description) throws IOException {
        return runAndSave(problem, s, progress, out, description, SolveExecutor.parallel(s.threads()),
                RunControl.NONE);
    }

    /**
     * As {@link #runAndSave(DecisionProblem, Settings, ProgressBar, Path, Map)}, with the solves on
     * {@code executor} and checkpoints, resuming and stopping as {@code control} says; a run stopped
     * by it writes the metrics of its finished epochs (and no summary) before
     * {@link TrainingStoppedException} leaves.
     */
    public static Result runAndSave(DecisionProblem problem, Settings s, ProgressBar progress, Path out,
            Map<String, Object> description, SolveExecutor executor, RunControl control) throws IOException {
        Result result;
        try {
            result = run(problem, s, progress, executor, control);
        } catch (TrainingStoppedException stopped) {
            if (!stopped.history().isEmpty()) {
                Files.createDirectories(out);
                MetricsLog.csvAndJson(out).write(stopped.history());
            }
            throw stopped;
        }
        Files.createDirectories(out);
        MetricsLog.csvAndJson(out).write(result.history());
        Map<String, Object> summary = new LinkedHashMap<>(description);
        summary.put("problem", problem.name());
        summary.put("estimator", s.estimator().name());
        summary.put("solve_ratio", s.solveRatio());
        summary.put("epochs", s.epochs());
        summary.put("seed", s.seed());
        summary.put("initial_test_regret", result.initialRegret());
        summary.put("final_test_regret", result.finalRegret());
        summary.put("task_loss", s.effectiveTaskLoss().toString());
        summary.put("scaled_targets", s.scaleTargets());
        summary.put("draws", s.draws().toString());
        if (s.estimator().row().knobs().contains(NOISE_SAMPLER)) {
            summary.put("noise_sampler", s.estimator().knob(NOISE_SAMPLER));
        }
        summary.put("seconds_per_epoch", result.secondsPerEpoch());
        summary.put("training_seconds", result.trainingSeconds());
        summary.put("process_seconds", result.processSeconds());
        summary.put("solver_calls", result.solverCalls());
        summary.put("cache_answers", result.cacheAnswers());
        AtomicFile.write(out.resolve("summary.json"), SummaryJson.bytes(summary));
        return result;
    }

    private static TrainStep<Batch> step(Settings s, Linear net, Object method, CachingOracle cache,
            double[][] trainOptimal) {
        TrainStep<Batch> loss = trainingLoss(s, net, method, trainOptimal);
        return (batch, t) -> {
            if (cache != null) {
                cache.commit(); // solutions found by the previous step join here, in a fixed order
            }
            return loss.loss(batch, t);
        };
    }

    /**
     * The loss of a batch for the chosen signal: the regret of the structures an estimator samples,
     * a structured loss against the supervision it names (theta* or z*), or the two-stage mse.
     */
    private static TrainStep<Batch> trainingLoss(Settings s, Linear net, Object method, double[][] trainOptimal) {
        Choice choice = s.estimator();
        if (method == null) {
            return (b, t) -> Losses.mse(net.forward(b.x()),
                    Tensor.ofDoubles(b.theta(), b.rows(), b.theta().length / b.rows()));
        }
        if (method instanceof PooledLoss pooled) {
            // the pool starts with the training optima, as Mulamba et al. and PyEPO seed theirs
            pooled.pool().addAll(trainOptimal);
            pooled.pool().commit();
        }
        if (method instanceof StructuredLoss structured) {
            StructuredLossNode node = new StructuredLossNode(structured);
            boolean trueTheta = switch (structured.supervisionName()) {
                case "trueTheta" -> true;
                case "target" -> false;
                default -> throw new IllegalArgumentException("estimator '" + choice.name() + "' is supervised by '"
                        + structured.supervisionName() + "'; decision problems have 'trueTheta' and 'target'");
            };
            return (b, t) -> node.apply(net.forward(b.x()), trueTheta ? b.theta() : b.optimal(), t);
        }
        DiscreteNode node = new DiscreteNode((GradientEstimator) method);
        TaskLoss task = s.effectiveTaskLoss();
        return (b, t) -> taskLoss(task, node.apply(net.forward(b.x()), t), b);
    }

    /**
     * The task loss of sampled solutions {@code z} (rows {@code (r * S + k)}, S samples of each of
     * the batch's rows): the regret {@code <theta*, z*> - <theta*, z>} in the batch's (scaled)
     * units, averaged over rows and samples, or the mean absolute difference between the mean of a
     * row's S samples and {@code z*}, averaged over rows and coordinates.
     *
     * <p>The Hamming loss takes the mean of the samples first because PyEPO's does (its
     * {@code nn.L1Loss()} scores the solution average its I-MLE, AIMLE and DPO layers return). For
     * 0/1 solutions the value is the same as averaging each sample's distance, since every sample
     * differs from {@code z*_i} in the same direction; the gradient is not: a coordinate where any
     * sample differs pushes every sample of the row, where a per-sample loss pushes only the
     * samples that differ (the subgradient of |.| at 0 is 0).
     */
    static Tensor taskLoss(TaskLoss loss, Tensor z, Batch b) {
        int samples = z.dim(0) / b.rows();
        int n = z.dim(1);
        if (loss == TaskLoss.REGRET) {
            float[] weights = new float[z.size()];
            double[] theta = b.theta();
            for (int r = 0; r < b.rows(); r++) {
                for (int k = 0; k < samples; k++) {
                    for (int i = 0; i < n; i++) {
                        weights[(r * samples + k) * n + i] = (float) (-theta[r * n + i] / (b.rows() * samples));
                    }
                }
            }
            // mean over rows and samples of <theta*, z*> - <theta*, z>, in scaled units
            return z.mul(Tensor.of(weights, z.shape())).sum().add((float) b.meanOptimalValue());
        }
        if (loss == TaskLoss.OBJECTIVE_L1) {
            return objectiveL1(z, b, samples, n);
        }
        // PyEPO's nn.L1Loss() between its solution average and the optimal solutions
        Tensor optimal = Tensor.ofDoubles(b.optimal(), b.rows(), n);
        return z.reshape(b.rows(), samples, n).mean(1, false).sub(optimal).abs().mean();
    }

    /**
     * {@link TaskLoss#OBJECTIVE_L1}: the mean over rows and samples of {@code |d|},
     * {@code d = <c, z> - <c, z*>}, c = -theta*, in float32 as PyEPO computes it: the products of
     * the float32 costs summed in float32 in PyTorch's order ({@link TorchRowSum}), minus the optimal
     * value computed in double and rounded to float32 (PyEPO's dataset keeps it so). The order
     * matters: at an optimal solution d is a rounding error whose sign is the gradient's, and on
     * PyEPO's 5 x 5 grid index order gives another sign than PyTorch's for 4 optimal rows in 10.
     * The loss is {@code |d|}'s linear piece at z, {@code sign(d) (<c, z> - <c, z*>)}: the same value, and the gradient
     * {@code sign(d) c / (rows S)} that PyEPO's {@code nn.L1Loss()} gives (0 where d is 0).
     */
    static Tensor objectiveL1(Tensor z, Batch b, int samples, int n) {
        double[] theta = b.theta();
        double[] optimal = b.optimal();
        float[] zs = z.data();
        int count = b.rows() * samples;
        float[] weights = new float[z.size()];
        float[] products = new float[n];
        TorchRowSum torchSum = new TorchRowSum();
        double constant = 0;
        for (int r = 0; r < b.rows(); r++) {
            double optimum = 0;
            for (int i = 0; i < n; i++) {
                optimum -= theta[r * n + i] * optimal[r * n + i];
            }
            float rounded = (float) optimum;
            for (int k = 0; k < samples; k++) {
                int row = r * samples + k;
                for (int i = 0; i < n; i++) {
                    products[i] = (float) -theta[r * n + i] * zs[row * n + i];
                }
                float value = torchSum.sum(products, 0, n);
                float sign = Math.signum(value - rounded);
                for (int i = 0; i < n; i++) {
                    weights[row * n + i] = (float) (sign * -theta[r * n + i] / count);
                }
                constant -= sign * (double) rounded / count;
            }
        }
        return z.mul(Tensor.of(weights, z.shape())).sum().add((float) constant);
    }

    private static double testRegret(Linear net, DecisionProblem problem, double[][] optimal, SolveExecutor executor) {
        double[][] predicted;
        try (GradMode.Scope off = GradMode.off()) {
            predicted = rows(net.forward(matrix(problem.testX())), problem.dimension());
        }
        return Regret.normalised(problem.oracle(), predicted, problem.testTheta(), optimal, executor);
    }

    /** Batches gathered from the rows of the training arrays, in the order the trainer asks. */
    private static Dataset<Batch> dataset(double[][] x, double[][] theta, double[][] optimal) {
        int p = x[0].length;
        int n = theta[0].length;
        return new Dataset<>() {
            @Override
            public int size() {
                return x.length;
            }

            @Override
            public Batch batch(int[] indices) {
                int b = indices.length;
                float[] xs = new float[b * p];
                double[] t = new double[b * n];
                double[] z = new double[b * n];
                double value = 0;
                for (int r = 0; r < b; r++) {
                    int row = indices[r];
                    for (int k = 0; k < p; k++) {
                        xs[r * p + k] = (float) x[row][k];
                    }
                    System.arraycopy(theta[row], 0, t, r * n, n);
                    System.arraycopy(optimal[row], 0, z, r * n, n);
                    value += Regret.dot(theta[row], optimal[row]);
                }
                return new Batch(Tensor.of(xs, b, p), t, z, value / b, b);
            }
        };
    }

    static Tensor matrix(double[][] rows) {
        int p = rows[0].length;
        float[] data = new float[rows.length * p];
        for (int r = 0; r < rows.length; r++) {
            for (int k = 0; k < p; k++) {
                data[r * p + k] = (float) rows[r][k];
            }
        }
        return Tensor.of(data, rows.length, p);
    }

    static double[][] rows(Tensor t, int n) {
        float[] d = t.data();
        double[][] out = new double[d.length / n][n];
        for (int r = 0; r < out.length; r++) {
            for (int i = 0; i < n; i++) {
                out[r][i] = d[r * n + i];
            }
        }
        return out;
    }

    private static double meanAbs(double[][] rows) {
        double s = 0;
        long count = 0;
        for (double[] r : rows) {
            for (double v : r) {
                s += Math.abs(v);
                count++;
            }
        }
        return s > 0 ? s / count : 1;
    }
}
