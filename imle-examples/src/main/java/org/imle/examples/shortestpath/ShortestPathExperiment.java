package org.imle.examples.shortestpath;

import org.imle.examples.preset.ExperimentOracles;

import org.imle.data.warcraft.WarcraftFiles;
import org.imle.data.warcraft.WarcraftGenerator;
import org.imle.data.warcraft.WarcraftDataset;
import org.imle.data.warcraft.WarcraftSplits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.execution.SolveExecutor;
import org.imle.solvers.shortestpath.GridShortestPathOracle;
import org.imle.solvers.shortestpath.NegativeCostPolicy;
import org.imle.train.nn.Module;
import org.imle.train.nn.WeightInit;
import org.imle.train.optim.Adam;
import org.imle.train.optim.LearningRateSchedule;
import org.imle.train.tensor.GradMode;
import org.imle.train.tensor.Tensor;
import org.imle.train.trainer.EpochMetrics;
import org.imle.train.trainer.MetricsLog;
import org.imle.train.trainer.ProgressBar;
import org.imle.train.trainer.RunControl;
import org.imle.train.trainer.Trainer;
import org.imle.train.trainer.TrainingStoppedException;

/**
 * Learning shortest-path costs from map images, end to end (the Warcraft experiment of Vlastelica
 * et al., ICLR 2020, and Niepert et al., NeurIPS 2021): a {@link CostNetwork} maps each image to
 * a positive cost per cell ({@code softplus} of its scores, so that Dijkstra never sees a
 * negative cost from the network), {@code theta = -cost} goes into the 8-neighbourhood
 * {@link GridShortestPathOracle} through the chosen {@link PathEstimators}, and Adam with learning
 * rate milestones minimises the Hamming loss to the labelled path (or the Fenchel-Young loss, or
 * the cost MSE of the baseline).
 *
 * <p>After every epoch the network predicts costs for the validation and test maps, the oracle
 * finds the shortest path under them, and {@link PathMetrics} scores it; the metrics go to the
 * epoch's record ({@code val_cost_optimal}, {@code test_exact_match}, ...). With an output folder,
 * {@code metrics.csv} is rewritten after every epoch, and {@code metrics.json} and the plots of
 * {@link ShortestPathReport} are written at the end, each file atomically.
 *
 * <p>Reproducible: the data, the initial weights, the shuffles and the noise all derive from the
 * seed, and neither kernels nor solves depend on the thread count, so a seed gives the same
 * numbers on any number of threads.
 */
public final class ShortestPathExperiment {

    /** Maps per forward pass when predicting (memory, not results, depends on it). */
    private static final int PREDICT_BATCH = 100;

    /**
     * Predicted costs and paths for every map of a data set.
     *
     * @param costs N rows of K*K predicted costs
     * @param paths N rows of K*K, the shortest path under the predicted costs
     */
    public record Predictions(double[] costs, double[] paths) {
    }

    /**
     * What a run produced.
     *
     * @param history every epoch's metrics
     * @param val the validation scores after the last epoch
     * @param test the test scores after the last epoch
     * @param testPredictions the test predictions after the last epoch
     */
    public record Result(List<EpochMetrics> history, PathMetrics.Scores val, PathMetrics.Scores test,
            Predictions testPredictions) {

        /** Mean training seconds per epoch. */
        public double secondsPerEpoch() {
            double s = 0;
            for (EpochMetrics m : history) {
                s += m.get("seconds");
            }
            return s / history.size();
        }
    }

    private final ShortestPathConfig config;
    private final SolveExecutor executor;

    public ShortestPathExperiment(ShortestPathConfig config) {
        this(config, SolveExecutor.parallel(config.threads()));
    }

    /** An experiment whose solves run on {@code executor} (in process, or on Spark with the same numbers). */
    public ShortestPathExperiment(ShortestPathConfig config, SolveExecutor executor) {
        this.config = config;
        this.executor = executor;
    }

    public ShortestPathConfig config() {
        return config;
    }

    /**
     * The oracle of a K x K grid: 8-neighbourhood, top-left to bottom-right, negative costs
     * clamped to 0 (perturbed and I-MLE target costs can go below zero; the network's cannot).
     */
    public static GridShortestPathOracle oracle(int gridSize) {
        return new GridShortestPathOracle(gridSize, gridSize, 8, 0, 0, gridSize - 1, gridSize - 1,
                NegativeCostPolicy.CLAMP, 0.0);
    }

    /** {@link #oracle(int)} for {@code executor}: from the registry when it ships its solves. */
    static MapOracle oracle(int gridSize, SolveExecutor executor) {
        return ExperimentOracles.of(executor, () -> oracle(gridSize), "grid-shortest-path", Map.of("height", gridSize,
                "width", gridSize, "neighbourhood", 8, "sourceRow", 0, "sourceColumn", 0, "targetRow", gridSize - 1,
                "targetColumn", gridSize - 1, "negativeCosts", "clamp", "minCost", 0.0));
    }

    /**
     * The data: the three splits read from the configured folder (the first {@code trainSize}
     * training maps), or generated from the seed.
     *
     * @throws IOException when the folder lacks a file or a file is malformed (naming it)
     */
    public WarcraftSplits loadData() throws IOException {
        if (config.dataDir() != null) {
            WarcraftSplits read = WarcraftFiles.readAll(config.dataDir());
            WarcraftDataset train = read.train();
            if (train.size() > config.trainSize()) {
                train = train.slice(0, config.trainSize());
            }
            return new WarcraftSplits(train, read.val(), read.test());
        }
        int k = config.gridSize();
        return new WarcraftGenerator(k, oracle(k)).generateSplits(config.trainSize(), config.valSize(),
                config.testSize(), config.seed(), executor);
    }

    /**
     * A fresh network for K x K maps, initialised from the seed with PyTorch's generator: the
     * weights that PyTorch, or the DJL engine, gives the same network after
     * {@code torch.manual_seed(seed)}, so the engines' runs of one seed start from one point.
     */
    public Module newNetwork(int gridSize) {
        return config.network().create(gridSize, config.channels(), WeightInit.pytorch(config.seed()));
    }

    /**
     * The positive costs [B, K*K] of a batch of images: the softplus of the network's scores,
     * plus a floor of 1e-3 so that no cell is free.
     */
    public static Tensor costs(Module network, Tensor images) {
        Tensor scores = network.forward(images);
        return scores.softplus().add(1e-3f).reshape(images.dim(0), scores.size() / images.dim(0));
    }

    /** The training loss of the configured estimator on K x K maps. */
    public PathEstimators.Head head(int gridSize) {
        return head(gridSize, UnaryOperator.identity());
    }

    /** As {@link #head(int)}, with the estimator wrapped (to time it). */
    PathEstimators.Head head(int gridSize, UnaryOperator<GradientEstimator> wrap) {
        return PathEstimators.head(PathEstimators.forGrid(config.estimator(), gridSize), oracle(gridSize, executor),
                config.seed(), executor, wrap);
    }

    /** Trains on the data, evaluating after every epoch; {@code progress} may be null. */
    public Result run(WarcraftSplits data, ProgressBar progress) throws IOException {
        return run(data, progress, RunControl.NONE);
    }

    /**
     * As {@link #run(WarcraftSplits, ProgressBar)}, with checkpoints, resuming and stopping as
     * {@code control} says. A run stopped early ({@link TrainingStoppedException}) writes the
     * metrics and plots of its finished epochs before the exception leaves.
     */
    public Result run(WarcraftSplits data, ProgressBar progress, RunControl control) throws IOException {
        int k = data.train().gridSize();
        Module net = newNetwork(k);
        MapOracle oracle = oracle(k, executor);
        PathEstimators.Head head = head(k);
        Adam adam = new Adam(net.parameters(), config.learningRate());
        Path out = config.outDir();
        if (out != null) {
            Files.createDirectories(out);
        }
        InputScaling.ChannelAffine scaling = config.inputScaling().fit(data.train());
        Predictions[] lastTest = new Predictions[1];
        PathMetrics.Scores[] last = new PathMetrics.Scores[2];
        Trainer.Builder trainer = Trainer.builder(net, adam)
                .keepStateOf("estimator", head.method())
                .schedule(LearningRateSchedule.multiStep(config.learningRate(), config.lrDecay(),
                        config.milestones()))
                .epochs(config.epochs())
                .batchSize(config.batchSize())
                .seed(config.seed())
                .threads(config.threads())
                .hook(epoch -> {
                    Predictions val = predict(net, data.val(), scaling, oracle, executor);
                    Predictions test = predict(net, data.test(), scaling, oracle, executor);
                    last[0] = PathMetrics.score(data.val(), val.paths());
                    last[1] = PathMetrics.score(data.test(), test.paths());
                    lastTest[0] = test;
                    Map<String, Double> m = new LinkedHashMap<>(last[0].named("val_"));
                    m.putAll(last[1].named("test_"));
                    return m;
                });
        if (progress != null) {
            trainer.progress(progress);
        }
        if (out != null) {
            trainer.metrics(out.resolve("metrics.csv"));
        }
        control.applyTo(trainer);
        WarcraftBatches batches = new WarcraftBatches(data.train(), scaling);
        List<EpochMetrics> history;
        try {
            history = trainer.build().fit(batches,
                    (batch, step) -> head.loss(costs(net, batch.images()), batch, step));
        } catch (TrainingStoppedException stopped) {
            if (out != null && !stopped.history().isEmpty()) {
                new MetricsLog(out.resolve("metrics.json")).write(stopped.history());
                ShortestPathReport.writeCurves(out, config, stopped.history(), k);
            }
            throw stopped;
        }
        if (lastTest[0] == null) { // resumed after the last epoch: evaluate the restored model
            Predictions val = predict(net, data.val(), scaling, oracle, executor);
            lastTest[0] = predict(net, data.test(), scaling, oracle, executor);
            last[0] = PathMetrics.score(data.val(), val.paths());
            last[1] = PathMetrics.score(data.test(), lastTest[0].paths());
        }
        Result result = new Result(history, last[0], last[1], lastTest[0]);
        if (out != null) {
            new MetricsLog(out.resolve("metrics.json")).write(history);
            ShortestPathReport.write(out, config, result, data.test());
        }
        return result;
    }

    /**
     * The network's costs and the oracle's shortest paths under them for every map of
     * {@code data}, with the network in evaluation mode (restored afterwards) and no graph
     * recorded. The solves run on {@code executor}.
     */
    public static Predictions predict(Module network, WarcraftDataset data, MapOracle oracle,
            SolveExecutor executor) {
        return predict(network, data, InputScaling.ChannelAffine.IDENTITY, oracle, executor);
    }

    /** As {@link #predict(Module, WarcraftDataset, MapOracle, SolveExecutor)}, the images mapped by {@code scaling}. */
    public static Predictions predict(Module network, WarcraftDataset data, InputScaling.ChannelAffine scaling,
            MapOracle oracle, SolveExecutor executor) {
        int n = data.cells();
        double[] costs = new double[data.size() * n];
        double[] paths = new double[data.size() * n];
        boolean wasTraining = network.isTraining();
        network.eval();
        WarcraftBatches batches = new WarcraftBatches(data, scaling);
        try (GradMode.Scope s = GradMode.off()) {
            for (int from = 0; from < data.size(); from += PREDICT_BATCH) {
                int to = Math.min(data.size(), from + PREDICT_BATCH);
                float[] c = costs(network, batches.range(from, to).images()).data();
                for (int i = 0; i < c.length; i++) {
                    costs[from * n + i] = c[i];
                }
            }
        } finally {
            network.train(wasTraining);
        }
        double[] theta = new double[costs.length];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = -costs[i];
        }
        executor.run(data.size(), map -> oracle.solve(theta, map * n, paths, map * n));
        return new Predictions(costs, paths);
    }
}
