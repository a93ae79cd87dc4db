package org.imle.examples.shortestpath;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.StructuredLoss;
import org.imle.api.execution.SolveExecutor;
import org.imle.data.warcraft.WarcraftDataset;
import org.imle.data.warcraft.WarcraftSplits;
import org.imle.djl.DiscreteLayer;
import org.imle.djl.DjlRuntime;
import org.imle.djl.HammingLoss;
import org.imle.djl.StagingBuffer;
import org.imle.djl.StructuredLossLayer;
import org.imle.djl.TorchAdam;
import org.imle.djl.nn.WarcraftNetworks;
import org.imle.examples.preset.Choice;
import org.imle.train.optim.LearningRateSchedule;
import org.imle.train.trainer.EpochMetrics;
import org.imle.train.trainer.MetricsLog;
import org.imle.train.trainer.BadCheckpointException;
import org.imle.train.trainer.ProgressBar;
import org.imle.train.trainer.RunControl;
import org.imle.train.trainer.TrainingCheckpoint;
import org.imle.train.trainer.TrainingStoppedException;

/**
 * {@link ShortestPathExperiment} with the network on libtorch through DJL ({@code imle
 * shortest-path --engine djl}): the same data, the same network architecture and, for one seed, the
 * same initial weights ({@link WarcraftNetworks}; the Java engine draws libtorch's), the same estimator or loss from the registry, Adam with PyTorch's
 * formula ({@link TorchAdam}) and the same multi-step schedule, the same epoch order (a function
 * of the seed and the epoch, as imle-train's trainer draws it), the same metrics and files.
 *
 * <p>Each step runs in a sub-manager closed at its end; the images are written straight into a
 * reused direct buffer that libtorch reads in place (channels-last for CombResNet, in tile order
 * for the patch network, {@link WarcraftNetworks#patch}), and the
 * estimators' Hamming loss to the labelled paths is computed in Java ({@link HammingLoss}), so a
 * run's native memory stays flat and the step has one backward call. With one seed and one thread count a
 * run repeats exactly; libtorch's kernels may give other last bits on another thread count (the
 * Java engine's never do). Not thread-safe.
 */
public final class DjlShortestPath {

    private static final int PREDICT_BATCH = 100;

    private final ShortestPathConfig config;
    private final boolean gpu;
    private final SolveExecutor executor;

    /**
     * @param gpu run the network on the first GPU instead of the CPU
     * @throws IllegalArgumentException for the small network, which only the Java engine has
     */
    public DjlShortestPath(ShortestPathConfig config, boolean gpu) {
        this(config, gpu, SolveExecutor.parallel(config.threads()));
    }

    /**
     * As {@link #DjlShortestPath(ShortestPathConfig, boolean)}, with the MAP solves of training and
     * evaluation on {@code executor} (on Spark with the in-process numbers: the network's costs come
     * back to this JVM as arrays before they are perturbed and solved).
     */
    public DjlShortestPath(ShortestPathConfig config, boolean gpu, SolveExecutor executor) {
        if (config.network() == CostNetwork.SMALL) {
            throw new IllegalArgumentException("--engine djl has the patch and combresnet networks; --model small "
                    + "runs on --engine java");
        }
        this.config = config;
        this.gpu = gpu;
        this.executor = executor;
    }

    /** The network of the configuration for K x K maps, not yet initialised. */
    public Block newNetwork(int gridSize) {
        return config.network() == CostNetwork.COMBRESNET ? WarcraftNetworks.combResNet(gridSize)
                : WarcraftNetworks.patch(config.channels(), gridSize);
    }

    /** One step's loss from the network's costs, on libtorch; the caller runs the collector. */
    private interface Head {
        /**
         * Returns the step's loss; adds to {@code pending} the backward calls that run after the
         * first one (of the loss's graph, when it has one).
         */
        StepLoss loss(NDArray costs, WarcraftBatches.Targets targets, long step,
                List<Consumer<GradientCollector>> pending);

        /** The registered estimator or loss behind this head (its training state goes into checkpoints), or null. */
        default Object method() {
            return null;
        }
    }

    /**
     * A step's loss value and the graph whose backward call comes first, or null when the loss was
     * computed in Java and only the pending calls carry gradients.
     */
    private record StepLoss(float value, NDArray graph) {
        static StepLoss of(NDArray graph) {
            return new StepLoss(graph.getFloat(), graph);
        }
    }

    /** A head that names the method it trains with. */
    private record MethodHead(Object method, Head head) implements Head {
        @Override
        public StepLoss loss(NDArray costs, WarcraftBatches.Targets targets, long step,
                List<Consumer<GradientCollector>> pending) {
            return head.loss(costs, targets, step, pending);
        }
    }

    /** Trains on the data, evaluating after every epoch; {@code progress} may be null. */
    public ShortestPathExperiment.Result run(WarcraftSplits data, ProgressBar progress) throws IOException {
        return run(data, progress, RunControl.NONE);
    }

    /**
     * As {@link #run(WarcraftSplits, ProgressBar)}, with checkpoints, resuming and stopping as
     * {@code control} says, as the Java engine's trainer honours them ({@link DjlCheckpoint}): a
     * checkpoint after every epoch and every {@code everySteps} steps, a resume at the next batch,
     * and on a stop request the checkpoint at that step, the metrics and plots of the finished
     * epochs, then {@link TrainingStoppedException}.
     */
    public ShortestPathExperiment.Result run(WarcraftSplits data, ProgressBar progress, RunControl control)
            throws IOException {
        ai.djl.engine.Engine engine = DjlRuntime.start(config.threads(), (int) config.seed());
        if (gpu && engine.getGpuCount() == 0) {
            throw new IllegalArgumentException("--device gpu: libtorch sees no GPU here (it needs DJL's CUDA build of "
                    + "libtorch and a CUDA driver; see README)");
        }
        Device device = gpu ? Device.gpu() : Device.cpu();
        int k = data.train().gridSize();
        MapOracle oracle = ShortestPathExperiment.oracle(k, executor);
        Head head = head(k, oracle, null);
        Path out = config.outDir();
        if (out != null) {
            Files.createDirectories(out);
        }
        MetricsLog csv = out == null ? null : new MetricsLog(out.resolve(MetricsLog.CSV));
        // the inputs the Java engine sees: each colour channel standardised with the training maps'
        // statistics by default (--input-scaling)
        InputScaling.ChannelAffine scaling = config.inputScaling().fit(data.train());
        WarcraftBatches batches = new WarcraftBatches(data.train(), scaling);
        int n = data.train().size();
        int batchSize = config.batchSize();
        int steps = (n + batchSize - 1) / batchSize;
        int side = 8 * k;
        LearningRateSchedule schedule = LearningRateSchedule.multiStep(config.learningRate(), config.lrDecay(),
                config.milestones());
        List<EpochMetrics> history = new ArrayList<>();
        PathMetrics.Scores[] last = new PathMetrics.Scores[2];
        ShortestPathExperiment.Predictions lastTest = null;
        StagingBuffer images = new StagingBuffer();
        try (NDManager manager = NDManager.newBaseManager(device)) {
            Block net = newNetwork(k);
            net.initialize(manager, DataType.FLOAT32, inputShape(Math.min(batchSize, n), side));
            ParameterStore store = new ParameterStore(manager, false);
            try (TorchAdam adam = new TorchAdam(net.getParameters(), config.learningRate())) {
                DjlCheckpoint checkpoint = new DjlCheckpoint(net, adam, head.method(), config.seed(),
                        control.configHash());
                Path file = control.checkpoint();
                long globalStep = 0;
                int startEpoch = 0;
                TrainingCheckpoint.Position resumeAt = null;
                if (file != null && Files.exists(file)) {
                    resumeAt = checkpoint.restore(file, config.epochs(), history);
                    startEpoch = resumeAt.epochsDone();
                    globalStep = resumeAt.step();
                    if (resumeAt.batchesDone() >= steps) {
                        throw new BadCheckpointException(file + ": checkpoint is at batch " + resumeAt.batchesDone()
                                + " of an epoch of " + steps + " batches");
                    }
                }
                boolean stopAtEpochEnd = false;
                for (int epoch = startEpoch; epoch < config.epochs(); epoch++) {
                    adam.setLearningRate(schedule.at(epoch));
                    int[] order = permutation(config.seed(), n, epoch);
                    long t0 = System.nanoTime();
                    double lossSum = 0;
                    int seen = 0;
                    int first = 0;
                    if (resumeAt != null) {
                        first = resumeAt.batchesDone();
                        lossSum = resumeAt.lossSum();
                        seen = resumeAt.seen();
                        resumeAt = null;
                    }
                    for (int b = first; b < steps; b++) {
                        int from = b * batchSize;
                        int[] idx = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + batchSize));
                        float loss = step(manager, net, store, head, images, batches, idx, globalStep, null);
                        if (!Float.isFinite(loss)) {
                            throw new IllegalStateException("loss is " + loss + " at epoch " + (epoch + 1)
                                    + ", step " + globalStep);
                        }
                        adam.step();
                        globalStep++;
                        lossSum += loss * (double) idx.length;
                        seen += idx.length;
                        if (progress != null) {
                            double secs = (System.nanoTime() - t0) / 1e9;
                            progress.update(epoch + 1, config.epochs(), b + 1, steps, lossSum / seen,
                                    seen / Math.max(secs, 1e-9));
                        }
                        boolean stop = control.stop() != null && control.stop().getAsBoolean();
                        if (b + 1 == steps) {
                            stopAtEpochEnd = stop; // the epoch's end checkpoints; the stop follows it
                        } else {
                            boolean periodic = control.everySteps() > 0 && globalStep % control.everySteps() == 0;
                            if (file != null && (stop || periodic)) {
                                checkpoint.save(file, new TrainingCheckpoint.Position(epoch, globalStep, b + 1,
                                        lossSum, seen, 0), history);
                            }
                            if (stop) {
                                throw stopped(out, history, k, epoch, b + 1, globalStep, file != null);
                            }
                        }
                    }
                    double secs = (System.nanoTime() - t0) / 1e9;
                    Map<String, Double> values = new LinkedHashMap<>();
                    values.put("epoch", (double) (epoch + 1));
                    values.put("train_loss", lossSum / seen);
                    values.put("lr", adam.learningRate());
                    values.put("seconds", secs);
                    values.put("examples_per_second", seen / Math.max(secs, 1e-9));
                    ShortestPathExperiment.Predictions val = predict(net, store, manager, data.val(), scaling, oracle);
                    lastTest = predict(net, store, manager, data.test(), scaling, oracle);
                    last[0] = PathMetrics.score(data.val(), val.paths());
                    last[1] = PathMetrics.score(data.test(), lastTest.paths());
                    values.putAll(last[0].named("val_"));
                    values.putAll(last[1].named("test_"));
                    EpochMetrics m = new EpochMetrics(epoch + 1, values);
                    history.add(m);
                    if (progress != null) {
                        progress.endEpoch(m);
                    }
                    if (file != null) {
                        checkpoint.save(file, TrainingCheckpoint.Position.afterEpoch(epoch + 1, globalStep), history);
                    }
                    if (csv != null) {
                        csv.write(history);
                    }
                    if (stopAtEpochEnd && epoch + 1 < config.epochs()) {
                        throw stopped(out, history, k, epoch + 1, 0, globalStep, file != null);
                    }
                }
                if (lastTest == null) { // resumed after the last epoch: evaluate the restored network
                    ShortestPathExperiment.Predictions val = predict(net, store, manager, data.val(), scaling, oracle);
                    lastTest = predict(net, store, manager, data.test(), scaling, oracle);
                    last[0] = PathMetrics.score(data.val(), val.paths());
                    last[1] = PathMetrics.score(data.test(), lastTest.paths());
                }
                if (control.finalModel() != null) {
                    checkpoint.saveModel(control.finalModel());
                }
            }
        }
        ShortestPathExperiment.Result result = new ShortestPathExperiment.Result(history, last[0], last[1], lastTest);
        if (out != null) {
            new MetricsLog(out.resolve(MetricsLog.JSON)).write(history);
            ShortestPathReport.write(out, config, result, data.test());
        }
        return result;
    }

    /** Writes the metrics and plots of the finished epochs and returns the exception that stops the run. */
    private TrainingStoppedException stopped(Path out, List<EpochMetrics> history, int k, int epochsDone,
            int batchesDone, long step, boolean checkpointed) throws IOException {
        if (out != null && !history.isEmpty()) {
            MetricsLog.csvAndJson(out).write(history);
            ShortestPathReport.writeCurves(out, config, history, k);
        }
        return new TrainingStoppedException(List.copyOf(history), epochsDone, batchesDone, step, checkpointed);
    }

    /**
     * The forward and both backward calls of one step on the maps {@code idx}, in a sub-manager
     * closed at its end; the caller then steps the optimiser. Returns the loss. With {@code clock}
     * not null, it reads the times at which the step's phases end, as ticks 1 to 5 (see
     * {@link #profile}).
     */
    private float step(NDManager manager, Block net, ParameterStore store, Head head, StagingBuffer images,
            WarcraftBatches batches, int[] idx, long globalStep, PhaseClock clock) {
        List<Consumer<GradientCollector>> pending = new ArrayList<>(1);
        try (NDManager step = manager.newSubManager();
                GradientCollector collector = manager.getEngine().newGradientCollector()) {
            NDArray x = stageImages(step, images, batches, idx);
            WarcraftBatches.Targets targets = batches.targets(idx);
            tick(clock, 1);
            NDArray c = costs(net, store, x, true);
            tick(clock, 2);
            StepLoss loss = head.loss(c, targets, globalStep, pending);
            tick(clock, 3);
            if (Float.isFinite(loss.value())) {
                if (loss.graph() != null) {
                    collector.backward(loss.graph());
                }
                tick(clock, 4);
                for (Consumer<GradientCollector> backward : pending) {
                    backward.accept(collector);
                }
            } else {
                tick(clock, 4);
            }
            tick(clock, 5);
            return loss.value();
        }
    }

    /**
     * Whether the network takes its images channels-last. CombResNet does: libtorch then runs its
     * convolutions, batch norms and max pooling on its channels-last kernels (the conv output
     * keeps the input's layout), which are faster here than the channel-first ones
     * (docs/BENCHMARKS.md), and the images are written in the order of their bytes. The numbers
     * differ from the channel-first run's in the last bits (other summation orders), and repeat
     * for one seed and thread count as before. The patch network takes its images in tile order
     * instead ({@link WarcraftNetworks#patch}: its convolutions are matrix products there).
     */
    private boolean channelsLast() {
        return config.network() == CostNetwork.COMBRESNET;
    }

    /** The shape of the network's input for b images of side x side pixels, in its layout. */
    private Shape inputShape(int b, int side) {
        return channelsLast() ? new Shape(b, 3, side, side) : new Shape(1, 3, (long) b * side * side);
    }

    /**
     * The images of the maps {@code idx} as the network's input ([B, 3, 8K, 8K], or the patch
     * network's tile order), written straight into {@code images}' direct buffer (no
     * {@code float[]} in between) and read by libtorch in place: the array (and CombResNet's
     * channels-last view) shares the buffer, which the next call rewrites, so it lives in the
     * step's manager until both backward calls are done (the first layer's backward reads it).
     */
    private NDArray stageImages(NDManager step, StagingBuffer images, WarcraftBatches batches, int[] idx) {
        int side = batches.data().imageSize();
        java.nio.FloatBuffer buffer = images.floats(idx.length * 3 * side * side);
        if (channelsLast()) {
            batches.writeImages(idx, buffer, true);
        } else {
            batches.writeTiles(idx, buffer);
        }
        return stagedImages(step, images, idx.length, side);
    }

    /** The input array of the b images last written into {@code images}, in the network's layout. */
    private NDArray stagedImages(NDManager step, StagingBuffer images, int b, int side) {
        if (channelsLast()) {
            return images.toArray(step, new Shape(b, side, side, 3)).transpose(0, 3, 1, 2);
        }
        return images.toArray(step, inputShape(b, side));
    }

    private static void tick(PhaseClock clock, int phase) {
        if (clock != null) {
            clock.tick(phase);
        }
    }

    /**
     * The wall-clock times of a step's phase boundaries and, with one thread (where libtorch's
     * kernels and the solves all run on the calling thread), that thread's CPU times, which other
     * processes on a busy machine do not inflate.
     */
    private static final class PhaseClock {
        final long[] wall = new long[7];
        final long[] cpu = new long[7];
        final java.lang.management.ThreadMXBean mx;

        PhaseClock(boolean cpuTime) {
            java.lang.management.ThreadMXBean bean = java.lang.management.ManagementFactory.getThreadMXBean();
            if (cpuTime && bean.isCurrentThreadCpuTimeSupported()) {
                bean.setThreadCpuTimeEnabled(true);
                this.mx = bean;
            } else {
                this.mx = null;
            }
        }

        void tick(int phase) {
            wall[phase] = System.nanoTime();
            cpu[phase] = mx == null ? 0 : mx.getCurrentThreadCpuTime();
        }
    }

    /**
     * Times {@code steps} training steps on batches of the configured size drawn with replacement
     * from {@code train} (after {@code warmup} untimed ones), phase by phase as the Java engine's
     * {@link StepProfiler} does, and apart from them the network's forward and backward alone (the
     * backward of {@code sum(costs * g)} for a fixed g, no solver). libtorch's CPU ops return when
     * they are done, so a phase's clock is its own. Also reads the process's resident memory at
     * the end of the warm-up and ten times along the timed steps.
     */
    public String profile(WarcraftDataset train, int warmup, int steps) {
        DjlRuntime.start(config.threads(), (int) config.seed());
        int k = train.gridSize();
        AtomicLong solverNanos = new AtomicLong();
        Head head = head(k, ShortestPathExperiment.oracle(k, executor), solverNanos);
        WarcraftBatches batches = new WarcraftBatches(train, config.inputScaling().fit(train));
        int b = Math.min(config.batchSize(), train.size());
        SplittableRandom rnd = new SplittableRandom(config.seed());
        StagingBuffer images = new StagingBuffer();
        StagingBuffer gradient = new StagingBuffer();
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            Block net = newNetwork(k);
            net.initialize(manager, DataType.FLOAT32, inputShape(b, 8 * k));
            ParameterStore store = new ParameterStore(manager, false);
            try (TorchAdam adam = new TorchAdam(net.getParameters(), config.learningRate())) {
                PhaseClock clock = new PhaseClock(config.threads() == 1);
                long[] cpu = new long[6];
                long[] phases = new long[6];
                long networkNanos = 0;
                long solverBefore = 0;
                StringBuilder memory = new StringBuilder();
                float[] g = new float[b * k * k];
                for (int i = 0; i < g.length; i++) {
                    g[i] = (float) rnd.nextGaussian();
                }
                for (int s = 0; s < warmup + steps; s++) {
                    if (s == warmup) {
                        solverBefore = solverNanos.get();
                    }
                    if (s >= warmup && (s - warmup) % Math.max(1, steps / 10) == 0) {
                        memory.append(String.format(java.util.Locale.ROOT, "  %8d %8.0f%n", s - warmup,
                                residentKib() / 1024.0));
                    }
                    clock.tick(0);
                    int[] idx = new int[b];
                    for (int i = 0; i < b; i++) {
                        idx[i] = rnd.nextInt(train.size());
                    }
                    step(manager, net, store, head, images, batches, idx, s, clock);
                    adam.step();
                    clock.tick(6);
                    try (NDManager sub = manager.newSubManager();
                            GradientCollector collector = manager.getEngine().newGradientCollector()) {
                        // the step's images, still in the buffer
                        NDArray x = stagedImages(sub, images, b, 8 * k);
                        NDArray c = costs(net, store, x, true);
                        collector.backward(c.mul(gradient.toArray(sub, g, c.getShape())).sum());
                    }
                    long t2 = System.nanoTime();
                    for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : net.getParameters()) {
                        if (p.getValue().requiresGradient()) {
                            try (NDArray grad = p.getValue().getArray().getGradient()) {
                                grad.subi(grad);
                            }
                        }
                    }
                    if (s >= warmup) {
                        for (int p = 0; p < phases.length; p++) {
                            phases[p] += clock.wall[p + 1] - clock.wall[p];
                            cpu[p] += clock.cpu[p + 1] - clock.cpu[p];
                        }
                        networkNanos += t2 - clock.wall[6];
                    }
                }
                memory.append(String.format(java.util.Locale.ROOT, "  %8d %8.0f%n", steps, residentKib() / 1024.0));
                double ms = 1e6 * steps;
                double solver = (solverNanos.get() - solverBefore) / ms;
                // the loss's own backward (to the structures, a few element-wise ops) counts with the head
                StepProfiler.Profile cpuProfile = null;
                if (clock.mx != null) {
                    // the solves ran on this thread inside the samples' backward: their CPU share is their wall share
                    double solverCpu = phases[4] == 0 ? 0 : cpu[4] / ms * (solver * ms / phases[4]);
                    cpuProfile = new StepProfiler.Profile(steps, cpu[0] / ms, cpu[1] / ms, (cpu[2] + cpu[3]) / ms,
                            solverCpu, cpu[4] / ms - solverCpu, cpu[5] / ms, null);
                }
                StepProfiler.Profile profile = new StepProfiler.Profile(steps, phases[0] / ms, phases[1] / ms,
                        (phases[2] + phases[3]) / ms, solver, phases[4] / ms - solver, phases[5] / ms, cpuProfile);
                return profile.table() + String.format(java.util.Locale.ROOT,
                        "network forward+backward alone %9.2f ms/step (images staged, no solver)%n"
                        + "resident memory (MiB) after the warm-up, by timed step:%n", networkNanos / ms) + memory;
            }
        }
    }

    /** VmRSS of /proc/self/status in KiB, or 0 where there is no such file. */
    private static long residentKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return 0;
        }
        return 0;
    }

    /** softplus(scores) + 1e-3, [B, K*K]: positive costs, as {@link ShortestPathExperiment#costs}. */
    private static NDArray costs(Block net, ParameterStore store, NDArray images, boolean training) {
        NDArray scores = net.forward(store, new NDList(images), training).singletonOrThrow();
        return Activation.softPlus(scores).add(1e-3f).reshape(scores.getShape().get(0), -1); // scores [B, K, K]
    }

    /** The loss of the configured estimator; with {@code solverNanos} not null it counts the estimator's backward time. */
    private Head head(int k, MapOracle oracle, AtomicLong solverNanos) {
        Choice choice = PathEstimators.forGrid(config.estimator(), k);
        if (!choice.registered()) {
            StagingBuffer trueCosts = new StagingBuffer();
            return (costs, targets, step, pending) -> {
                NDArray target = trueCosts.toArray(costs.getManager(), targets.costs().data(), costs.getShape());
                return StepLoss.of(costs.sub(target).square().mean());
            };
        }
        Object method = choice.build(oracle, Map.of(), config.seed(), executor);
        if (method instanceof StructuredLoss loss) {
            boolean byPaths = switch (loss.supervisionName()) {
                case "target" -> true;
                case "trueTheta" -> false;
                default -> throw new IllegalArgumentException("estimator '" + choice.name() + "' is supervised by '"
                        + loss.supervisionName() + "'; shortest paths have 'target' (paths) and 'trueTheta' (-costs)");
            };
            StructuredLossLayer layer = new StructuredLossLayer(loss);
            return new MethodHead(loss, (costs, targets, step, pending) -> StepLoss.of(layer.forward(costs.neg(),
                    byPaths ? targets.paths().toDoubles() : targets.costs().neg().toDoubles(), step)));
        }
        GradientEstimator estimator = (GradientEstimator) method;
        DiscreteLayer layer = new DiscreteLayer(solverNanos == null ? estimator : StepProfiler.timed(estimator, solverNanos));
        double[][] dz = {new double[0]};
        return new MethodHead(method, (costs, targets, step, pending) -> {
            DiscreteLayer.Sample sample = layer.forward(costs.neg(), step);
            // the Hamming loss to the labelled paths has no parameters: its value and dL/dz come
            // from Java (the same floats as the NDArray loss's, HammingLoss), so the step has no
            // loss graph and no first backward call
            double[] z = sample.pass().structures();
            if (dz[0].length != z.length) {
                dz[0] = new double[z.length];
            }
            double[] grad = dz[0];
            float value = HammingLoss.value(z, k * k, sample.pass().samples(), targets.paths().data(), grad);
            pending.add(collector -> sample.backward(collector, grad));
            return new StepLoss(value, null);
        });
    }

    /** Costs and shortest paths of every map, with the network in evaluation mode and no graph. */
    private ShortestPathExperiment.Predictions predict(Block net, ParameterStore store, NDManager manager,
            WarcraftDataset data, InputScaling.ChannelAffine scaling, MapOracle oracle) {
        int n = data.cells();
        double[] costs = new double[data.size() * n];
        double[] paths = new double[data.size() * n];
        WarcraftBatches batches = new WarcraftBatches(data, scaling);
        StagingBuffer images = new StagingBuffer();
        float[] chunk = new float[PREDICT_BATCH * n];
        for (int from = 0; from < data.size(); from += PREDICT_BATCH) {
            int to = Math.min(data.size(), from + PREDICT_BATCH);
            int[] idx = java.util.stream.IntStream.range(from, to).toArray();
            try (NDManager step = manager.newSubManager()) {
                NDArray c = costs(net, store, stageImages(step, images, batches, idx), false);
                StagingBuffer.read(c, chunk);
                for (int i = 0; i < (to - from) * n; i++) {
                    costs[from * n + i] = chunk[i];
                }
            }
        }
        double[] theta = new double[costs.length];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = -costs[i];
        }
        executor.run(data.size(), map -> oracle.solve(theta, map * n, paths, map * n));
        return new ShortestPathExperiment.Predictions(costs, paths);
    }

    /** The epoch's order of examples, as imle-train's trainer draws it: a function of (seed, epoch) only. */
    static int[] permutation(long seed, int n, int epoch) {
        SplittableRandom r = new SplittableRandom(seed);
        for (int e = 0; e < epoch; e++) {
            r = r.split();
        }
        r = r.split();
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
