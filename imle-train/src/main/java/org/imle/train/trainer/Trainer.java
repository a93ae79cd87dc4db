package org.imle.train.trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.BooleanSupplier;
import org.imle.api.TrainingState;
import org.imle.train.nn.Module;
import org.imle.train.nn.StateFile;
import org.imle.train.optim.LearningRateSchedule;
import org.imle.train.optim.Optimizer;
import org.imle.train.tensor.Compute;
import org.imle.train.tensor.StepBuffers;
import org.imle.train.tensor.Tensor;

/**
 * Runs epochs of seeded, shuffled mini-batches: for each batch, forward ({@link TrainStep}),
 * backward, optimiser step; after each epoch the hooks, the metrics log, and a checkpoint.
 *
 * <p>Reproducibility: the order of examples in epoch e is a Fisher-Yates shuffle driven by
 * {@code SplittableRandom(seed)} split e times, a function of (seed, e) only; kernels split work
 * without thread-dependent reductions ({@link Compute}); so a run is bit-identical for a seed
 * whatever the thread count.
 *
 * <p>Epochs are numbered from 1 wherever they leave the trainer: the {@code epoch} metric,
 * {@link EpochMetrics#epoch()}, the argument of {@link EpochHook#afterEpoch} and the progress lines.
 *
 * <p>Checkpoints: after every epoch, the model's parameters, buffers and counters, the
 * optimiser's state, the epoch and step counts and the metrics history go to one
 * {@link StateFile} (CRC-checked, written atomically). With {@link Builder#checkpoint} set and the
 * file present, {@link #fit} resumes after the last completed epoch, and the result is
 * bit-identical to a run that never stopped. With {@link Builder#checkpointEvery} the trainer also
 * checkpoints every N steps inside an epoch, with the position in the epoch and its running
 * loss, so a run killed mid-epoch resumes at the next batch. {@link Builder#configHash} stores a
 * hash of the run's settings in the checkpoint; a checkpoint with another hash, another seed, or
 * a corrupt or truncated one is refused with a {@link BadCheckpointException}.
 *
 * <p>Stopping: {@link Builder#stopWhen} is asked after every step; when it answers true the
 * trainer writes a checkpoint at that step (if it has a checkpoint file) and the metrics of the
 * finished epochs, and throws {@link TrainingStoppedException}.
 *
 * <p>Faults: a {@link RuntimeException} thrown by the training step or its backward pass is
 * handled by the {@link FaultPolicy} (default {@link FaultPolicy#STOP}). Under both policies the
 * failed step leaves parameters, optimiser state, buffers and counters as they were before it;
 * under {@link FaultPolicy#SKIP} the batch is dropped, a warning logged and the epoch's
 * {@code skipped_batches} metric counts it.
 */
public final class Trainer {

    private final Module model;
    private final Optimizer optimizer;
    private final LearningRateSchedule schedule;
    private final int epochs;
    private final int batchSize;
    private final boolean dropLast;
    private final long seed;
    private final Path checkpoint;
    private final MetricsLog metricsLog;
    private final ProgressBar progress;
    private final List<EpochHook> hooks;
    private final int threads;
    private final FaultPolicy faultPolicy;
    private final int checkpointEvery;
    private final long configHash;
    private final BooleanSupplier stopRequested;
    private final Path finalModel;
    private final EpochBatches plan;
    private final boolean summedLoss;
    private final Map<String, CheckpointedState> states;
    private final StepBuffers buffers = new StepBuffers();

    private static final System.Logger LOG = System.getLogger(Trainer.class.getName());

    private Trainer(Builder b) {
        this.model = b.model;
        this.optimizer = b.optimizer;
        this.schedule = b.schedule;
        this.epochs = b.epochs;
        this.batchSize = b.batchSize;
        this.dropLast = b.dropLast;
        this.seed = b.seed;
        this.checkpoint = b.checkpoint;
        this.metricsLog = b.metrics;
        this.progress = b.progress;
        this.hooks = List.copyOf(b.hooks);
        this.threads = b.threads;
        this.faultPolicy = b.faultPolicy;
        this.checkpointEvery = b.checkpointEvery;
        this.configHash = b.configHash;
        this.stopRequested = b.stopRequested;
        this.finalModel = b.finalModel;
        this.plan = b.plan;
        this.summedLoss = b.summedLoss;
        this.states = new LinkedHashMap<>(b.states);
    }

    public static Builder builder(Module model, Optimizer optimizer) {
        return new Builder(model, optimizer);
    }

    /**
     * Trains, resuming from the checkpoint if one exists.
     *
     * @return the metrics of every epoch, including those of a run this one resumed
     * @throws IOException if a checkpoint or the metrics log cannot be written
     * @throws BadCheckpointException if a checkpoint exists but is corrupt, truncated, or was made
     *     with other settings (the message names the file)
     * @throws TrainingStoppedException if {@link Builder#stopWhen} asked to stop
     */
    public <B> List<EpochMetrics> fit(Dataset<B> data, TrainStep<B> step) throws IOException {
        if (data.size() < 1) {
            throw new IllegalArgumentException("the training set is empty");
        }
        if (threads > 0) {
            Compute.setThreads(threads);
        }
        List<EpochMetrics> history = new ArrayList<>();
        stopAt = -1;
        int startEpoch = 0;
        long globalStep = 0;
        TrainingCheckpoint.Position resumeAt = null;
        if (checkpoint != null && Files.exists(checkpoint)) {
            resumeAt = restore(history);
            startEpoch = resumeAt.epochsDone();
            globalStep = resumeAt.step();
        }
        int n = data.size();
        if (plan == null && (dropLast ? n / batchSize : (n + batchSize - 1) / batchSize) == 0) {
            throw new IllegalArgumentException("batch size " + batchSize + " with dropLast leaves no batch of "
                    + n + " examples");
        }
        ModelSnapshot snapshot = new ModelSnapshot(model);
        for (int epoch = startEpoch; epoch < epochs; epoch++) {
            if (schedule != null) {
                optimizer.setLearningRate(schedule.at(epoch));
            }
            model.train(true);
            int[][] epochBatches = batchesOf(epoch, n);
            int batches = epochBatches.length;
            long t0 = System.nanoTime();
            double lossSum = 0;
            int seen = 0;
            int skipped = 0;
            int firstBatch = 0;
            if (resumeAt != null && resumeAt.batchesDone() > 0) {
                if (resumeAt.batchesDone() >= batches) {
                    throw new BadCheckpointException(checkpoint + ": checkpoint is at batch " + resumeAt.batchesDone()
                            + " of an epoch of " + batches + " batches");
                }
                firstBatch = resumeAt.batchesDone();
                lossSum = resumeAt.lossSum();
                seen = resumeAt.seen();
                skipped = resumeAt.skipped();
            }
            resumeAt = null;
            for (int bIdx = firstBatch; bIdx < batches; bIdx++) {
                int[] idx = epochBatches[bIdx];
                // the step's activations and gradients reuse the previous step's arrays; nothing
                // of the step is read after the next one starts
                try (StepBuffers.Scope reuse = buffers.step()) {
                    optimizer.zeroGrad();
                    snapshot.take();
                    Tensor loss;
                    try {
                        loss = step.loss(data.batch(idx), globalStep);
                    } catch (RuntimeException e) {
                        skipped += fault(e, snapshot, epoch, bIdx, globalStep);
                        globalStep++;
                        afterStep(epoch, bIdx + 1, batches, globalStep, lossSum, seen, skipped, history);
                        continue;
                    }
                    if (loss.size() != 1) {
                        throw new IllegalStateException("the training step returned a loss of shape "
                                + java.util.Arrays.toString(loss.shape()) + ", expected a scalar");
                    }
                    if (!Float.isFinite(loss.item())) {
                        throw new IllegalStateException("loss is " + loss.item() + " at epoch " + (epoch + 1) + ", step "
                                + globalStep);
                    }
                    try {
                        loss.backward();
                    } catch (RuntimeException e) {
                        skipped += fault(e, snapshot, epoch, bIdx, globalStep);
                        globalStep++;
                        afterStep(epoch, bIdx + 1, batches, globalStep, lossSum, seen, skipped, history);
                        continue;
                    }
                    optimizer.step();
                    globalStep++;
                    lossSum += summedLoss ? loss.item() : loss.item() * (double) idx.length;
                    seen += idx.length;
                }
                if (progress != null) {
                    double secs = (System.nanoTime() - t0) / 1e9;
                    progress.update(epoch + 1, epochs, bIdx + 1, batches, lossSum / seen,
                            seen / Math.max(secs, 1e-9));
                }
                afterStep(epoch, bIdx + 1, batches, globalStep, lossSum, seen, skipped, history);
            }
            double secs = (System.nanoTime() - t0) / 1e9;
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("epoch", (double) (epoch + 1));
            values.put("train_loss", seen == 0 ? Double.NaN : lossSum / seen);
            values.put("lr", optimizer.learningRate());
            values.put("seconds", secs);
            values.put("examples_per_second", seen / Math.max(secs, 1e-9));
            if (faultPolicy == FaultPolicy.SKIP) {
                values.put("skipped_batches", (double) skipped);
            }
            for (EpochHook h : hooks) {
                values.putAll(h.afterEpoch(epoch + 1));
            }
            EpochMetrics m = new EpochMetrics(epoch + 1, values);
            history.add(m);
            if (progress != null) {
                progress.endEpoch(m);
            }
            if (checkpoint != null) {
                save(TrainingCheckpoint.Position.afterEpoch(epoch + 1, globalStep), history);
            }
            if (metricsLog != null) {
                metricsLog.write(history);
            }
            if (stopAt >= 0 && epoch + 1 < epochs) {
                throw stopped(epoch + 1, 0, globalStep, history);
            }
            stopAt = -1;
        }
        if (finalModel != null) {
            StateFile.save(model, finalModel);
        }
        return history;
    }

    /**
     * After a step inside an epoch (not after its last batch, which the end of the epoch
     * handles): the periodic checkpoint, and the stop request.
     */
    private void afterStep(int epoch, int batchesDone, int batches, long globalStep, double lossSum, int seen,
            int skipped, List<EpochMetrics> history) throws IOException {
        if (batchesDone == batches) {
            if (stopRequested != null && stopRequested.getAsBoolean()) {
                stopAt = globalStep;
            }
            return;
        }
        boolean stop = stopAt >= 0 || (stopRequested != null && stopRequested.getAsBoolean());
        boolean periodic = checkpointEvery > 0 && globalStep % checkpointEvery == 0;
        if (checkpoint != null && (stop || periodic)) {
            save(new TrainingCheckpoint.Position(epoch, globalStep, batchesDone, lossSum, seen, skipped), history);
        }
        if (stop) {
            throw stopped(epoch, batchesDone, globalStep, history);
        }
    }

    /** The step at which a stop was requested during an epoch's last batch, or -1. */
    private long stopAt = -1;

    private TrainingStoppedException stopped(int epoch, int batchesDone, long globalStep, List<EpochMetrics> history)
            throws IOException {
        if (metricsLog != null && !history.isEmpty()) {
            metricsLog.write(history);
        }
        return new TrainingStoppedException(List.copyOf(history), epoch, batchesDone, globalStep,
                checkpoint != null);
    }

    /**
     * Undoes what a failed step left behind (gradients, buffers and counters its forward pass
     * updated), then rethrows under {@link FaultPolicy#STOP} or logs and returns 1 under
     * {@link FaultPolicy#SKIP}. The step counter still advances on a skip, so later steps draw the
     * same random streams as they would have.
     */
    private int fault(RuntimeException e, ModelSnapshot snapshot, int epoch, int batch, long globalStep) {
        snapshot.restore();
        optimizer.zeroGrad();
        if (faultPolicy == FaultPolicy.STOP) {
            throw e;
        }
        LOG.log(System.Logger.Level.WARNING, "epoch " + (epoch + 1) + ", batch " + (batch + 1) + " (step " + globalStep
                + ") skipped: " + e);
        return 1;
    }

    /** The batches of an epoch: the plan's, or the seeded shuffle cut into batches of the batch size. */
    private int[][] batchesOf(int epoch, int n) {
        if (plan != null) {
            int[][] b = plan.of(epoch);
            if (b == null || b.length == 0) {
                throw new IllegalStateException("the batch plan gave no batch for epoch " + (epoch + 1));
            }
            return b;
        }
        int[] order = permutation(n, epoch);
        int count = dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
        int[][] b = new int[count][];
        for (int i = 0; i < count; i++) {
            b[i] = java.util.Arrays.copyOfRange(order, i * batchSize, Math.min(n, (i + 1) * batchSize));
        }
        return b;
    }

    /** The order of examples in an epoch: a function of (seed, epoch) only. */
    int[] permutation(int n, int epoch) {
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

    private void save(TrainingCheckpoint.Position at, List<EpochMetrics> history) throws IOException {
        Map<String, Long> longs = new LinkedHashMap<>();
        model.counters().forEach((k, v) -> longs.put("model." + k, v[0]));
        optimizer.counters().forEach((k, v) -> longs.put("optim." + k, v));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.state().forEach((k, v) -> tensors.put("model." + k, v));
        optimizer.state().forEach((k, v) -> tensors.put("optim." + k, v));
        states.forEach((name, st) -> {
            st.longs().forEach((k, v) -> longs.put("state." + name + "." + k, v));
            st.tensors().forEach((k, v) -> tensors.put("state." + name + "." + k, v));
        });
        TrainingCheckpoint.write(checkpoint, at, seed, configHash, history, longs, tensors);
    }

    /** Loads the checkpoint into model, optimiser, kept state and history; returns where it stands. */
    private TrainingCheckpoint.Position restore(List<EpochMetrics> history) throws IOException {
        TrainingCheckpoint.Restored r = TrainingCheckpoint.read(checkpoint, seed, configHash, epochs);
        try {
            model.loadState(strip(r.tensors(), "model."), strip(r.longs(), "model."));
            optimizer.loadState(strip(r.tensors(), "optim."), strip(r.longs(), "optim."));
            for (Map.Entry<String, CheckpointedState> st : states.entrySet()) {
                String prefix = "state." + st.getKey() + ".";
                st.getValue().restore(strip(r.longs(), prefix), strip(r.tensors(), prefix));
            }
        } catch (IllegalArgumentException e) {
            throw new BadCheckpointException(checkpoint + ": " + e.getMessage(), e);
        }
        history.addAll(r.history());
        return r.at();
    }

    private static <V> Map<String, V> strip(Map<String, V> all, String prefix) {
        return TrainingCheckpoint.strip(all, prefix);
    }

    /** Configures a {@link Trainer}; arguments are checked when set. */
    public static final class Builder {
        private final Module model;
        private final Optimizer optimizer;
        private LearningRateSchedule schedule;
        private int epochs = 1;
        private int batchSize = 32;
        private boolean dropLast;
        private long seed;
        private Path checkpoint;
        private MetricsLog metrics;
        private ProgressBar progress;
        private final List<EpochHook> hooks = new ArrayList<>();
        private int threads;
        private FaultPolicy faultPolicy = FaultPolicy.STOP;
        private int checkpointEvery;
        private long configHash;
        private BooleanSupplier stopRequested;
        private Path finalModel;
        private EpochBatches plan;
        private boolean summedLoss;
        private final Map<String, CheckpointedState> states = new LinkedHashMap<>();

        private Builder(Module model, Optimizer optimizer) {
            if (model == null || optimizer == null) {
                throw new IllegalArgumentException("model and optimizer must not be null");
            }
            this.model = model;
            this.optimizer = optimizer;
        }

        /** Sets the learning rate at the start of every epoch (default: the optimiser's own, fixed). */
        public Builder schedule(LearningRateSchedule s) {
            this.schedule = s;
            return this;
        }

        /** The total number of epochs, counting those of a resumed run (default 1). */
        public Builder epochs(int e) {
            if (e < 1) {
                throw new IllegalArgumentException("epochs must be at least 1, got " + e);
            }
            this.epochs = e;
            return this;
        }

        public Builder batchSize(int b) {
            if (b < 1) {
                throw new IllegalArgumentException("batch size must be at least 1, got " + b);
            }
            this.batchSize = b;
            return this;
        }

        /** Drops the last, smaller batch of each epoch (default false). */
        public Builder dropLast(boolean d) {
            this.dropLast = d;
            return this;
        }

        /** The seed of the shuffles (default 0). */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /** Where checkpoints go; if the file exists, training resumes from it. */
        public Builder checkpoint(Path p) {
            this.checkpoint = p;
            return this;
        }

        /** The metrics log: JSON if the name ends in .json, CSV otherwise; null for none. */
        public Builder metrics(Path p) {
            this.metrics = p == null ? null : new MetricsLog(p);
            return this;
        }

        /** The metrics log, rewritten after every epoch (for example {@link MetricsLog#csvAndJson}). */
        public Builder metrics(MetricsLog log) {
            this.metrics = log;
            return this;
        }

        /** Shows progress (use {@link ProgressBar#stderr()}); default none. */
        public Builder progress(ProgressBar p) {
            this.progress = p;
            return this;
        }

        public Builder hook(EpochHook h) {
            this.hooks.add(h);
            return this;
        }

        /** Sets {@link Compute#setThreads} when fitting (default: leave it as it is). */
        public Builder threads(int t) {
            if (t < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + t);
            }
            this.threads = t;
            return this;
        }

        /**
         * What to do when a training step throws (default {@link FaultPolicy#STOP}). The trainer's
         * own checks (a non-scalar or non-finite loss) always stop.
         */
        public Builder onFault(FaultPolicy policy) {
            if (policy == null) {
                throw new IllegalArgumentException("fault policy must not be null");
            }
            this.faultPolicy = policy;
            return this;
        }

        /**
         * Also checkpoints inside epochs, after every {@code steps} global steps (default 0: only
         * after each epoch). Needs {@link #checkpoint}.
         */
        public Builder checkpointEvery(int steps) {
            if (steps < 0) {
                throw new IllegalArgumentException("checkpoint interval must be >= 0 steps, got " + steps);
            }
            this.checkpointEvery = steps;
            return this;
        }

        /**
         * A hash of the settings that determine the run's numbers, stored in every checkpoint; a
         * checkpoint with another hash is refused on resume (default 0).
         */
        public Builder configHash(long hash) {
            this.configHash = hash;
            return this;
        }

        /**
         * Asked after every step; when it returns true the trainer checkpoints at that step and
         * throws {@link TrainingStoppedException} (default: never stop).
         */
        public Builder stopWhen(BooleanSupplier stop) {
            this.stopRequested = stop;
            return this;
        }

        /** Where the trained model's state ({@link StateFile#save}) goes at the end; null for nowhere. */
        public Builder finalModel(Path p) {
            this.finalModel = p;
            return this;
        }

        /**
         * The batches of every epoch (default: a shuffle of (seed, epoch) cut into batches of
         * {@link #batchSize}); for batches that must share a property, such as sentences of one length.
         */
        public Builder batches(EpochBatches p) {
            this.plan = p;
            return this;
        }

        /**
         * Says the step's loss is a sum over the batch's examples rather than a mean, so the epoch's
         * {@code train_loss} (the mean per example) adds the losses as they are (default false).
         */
        public Builder summedLoss(boolean summed) {
            this.summedLoss = summed;
            return this;
        }

        /**
         * Keeps {@code s} in every checkpoint under {@code name} and restores it on resume.
         *
         * @throws IllegalArgumentException if the name is taken or not a plain word
         */
        /**
         * Keeps the {@link TrainingState} of an estimator or loss (AIMLE's adaptive lambda) in the
         * checkpoints, so that a resumed run continues it; a method without such state is ignored.
         *
         * @throws IllegalArgumentException as {@link #keep}
         */
        public Builder keepStateOf(String name, Object method) {
            if (method instanceof TrainingState state) {
                keep(name, new CheckpointedState() {
                    @Override
                    public Map<String, Long> longs() {
                        return state.saveState();
                    }

                    @Override
                    public Map<String, Tensor> tensors() {
                        return Map.of();
                    }

                    @Override
                    public void restore(Map<String, Long> longs, Map<String, Tensor> tensors) {
                        state.restoreState(longs);
                    }
                });
            }
            return this;
        }

        public Builder keep(String name, CheckpointedState s) {
            if (name == null || !name.matches("[A-Za-z0-9_]+") || s == null) {
                throw new IllegalArgumentException("checkpointed state needs a name of letters, digits and _, got "
                        + name);
            }
            if (states.putIfAbsent(name, s) != null) {
                throw new IllegalArgumentException("checkpointed state " + name + " is kept twice");
            }
            return this;
        }

        public Trainer build() {
            return new Trainer(this);
        }
    }
}
