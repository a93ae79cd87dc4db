package org.imle.train.trainer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.imle.train.nn.Module;
import org.imle.train.nn.StateFile;
import org.imle.train.optim.LearningRateSchedule;
import org.imle.train.optim.Optimizer;
import org.imle.train.tensor.Compute;
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
 * bit-identical to a run that never stopped.
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
    }

    public static Builder builder(Module model, Optimizer optimizer) {
        return new Builder(model, optimizer);
    }

    /**
     * Trains, resuming from the checkpoint if one exists.
     *
     * @return the metrics of every epoch, including those of a run this one resumed
     * @throws IOException if a checkpoint or the metrics log cannot be written, or a checkpoint
     *     exists but is corrupt (the message names the file)
     */
    public <B> List<EpochMetrics> fit(Dataset<B> data, TrainStep<B> step) throws IOException {
        if (data.size() < 1) {
            throw new IllegalArgumentException("the training set is empty");
        }
        if (threads > 0) {
            Compute.setThreads(threads);
        }
        List<EpochMetrics> history = new ArrayList<>();
        int startEpoch = 0;
        long globalStep = 0;
        if (checkpoint != null && Files.exists(checkpoint)) {
            long[] counts = restore(history);
            startEpoch = (int) counts[0];
            globalStep = counts[1];
        }
        int n = data.size();
        int batches = dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
        if (batches == 0) {
            throw new IllegalArgumentException("batch size " + batchSize + " with dropLast leaves no batch of "
                    + n + " examples");
        }
        ModelSnapshot snapshot = new ModelSnapshot(model);
        for (int epoch = startEpoch; epoch < epochs; epoch++) {
            if (schedule != null) {
                optimizer.setLearningRate(schedule.at(epoch));
            }
            model.train(true);
            int[] order = permutation(n, epoch);
            long t0 = System.nanoTime();
            double lossSum = 0;
            int seen = 0;
            int skipped = 0;
            for (int bIdx = 0; bIdx < batches; bIdx++) {
                int from = bIdx * batchSize;
                int to = Math.min(n, from + batchSize);
                int[] idx = java.util.Arrays.copyOfRange(order, from, to);
                optimizer.zeroGrad();
                snapshot.take();
                Tensor loss;
                try {
                    loss = step.loss(data.batch(idx), globalStep);
                } catch (RuntimeException e) {
                    skipped += fault(e, snapshot, epoch, bIdx, globalStep);
                    globalStep++;
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
                    continue;
                }
                optimizer.step();
                globalStep++;
                lossSum += loss.item() * (double) idx.length;
                seen += idx.length;
                if (progress != null) {
                    double secs = (System.nanoTime() - t0) / 1e9;
                    progress.update(epoch + 1, epochs, bIdx + 1, batches, lossSum / seen,
                            seen / Math.max(secs, 1e-9));
                }
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
                save(epoch + 1, globalStep, history);
            }
            if (metricsLog != null) {
                metricsLog.write(history);
            }
        }
        return history;
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

    private void save(int epochsDone, long globalStep, List<EpochMetrics> history) throws IOException {
        Map<String, Long> longs = new LinkedHashMap<>();
        longs.put("trainer.epochs_done", (long) epochsDone);
        longs.put("trainer.step", globalStep);
        longs.put("trainer.seed", seed);
        model.counters().forEach((k, v) -> longs.put("model." + k, v[0]));
        optimizer.counters().forEach((k, v) -> longs.put("optim." + k, v));
        for (EpochMetrics m : history) {
            for (Map.Entry<String, Double> e : m.values().entrySet()) {
                longs.put("metric." + m.epoch() + "." + e.getKey(), Double.doubleToRawLongBits(e.getValue()));
            }
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.state().forEach((k, v) -> tensors.put("model." + k, v));
        optimizer.state().forEach((k, v) -> tensors.put("optim." + k, v));
        new StateFile(longs, tensors).write(checkpoint);
    }

    /** Loads the checkpoint into model, optimiser and history; returns {epochs done, step}. */
    private long[] restore(List<EpochMetrics> history) throws IOException {
        StateFile f = StateFile.read(checkpoint);
        Map<String, Long> longs = f.longs();
        Long saved = longs.get("trainer.seed");
        if (saved == null || saved != seed) {
            throw new IOException(checkpoint + ": checkpoint was written with seed " + saved + ", this run uses " + seed);
        }
        try {
            model.loadState(strip(f.tensors(), "model."), strip(longs, "model."));
            optimizer.loadState(strip(f.tensors(), "optim."), strip(longs, "optim."));
        } catch (IllegalArgumentException e) {
            throw new IOException(checkpoint + ": " + e.getMessage(), e);
        }
        if (!longs.containsKey("trainer.epochs_done") || !longs.containsKey("trainer.step")) {
            throw new IOException(checkpoint + ": not a trainer checkpoint (no epoch and step counts)");
        }
        long done = longs.get("trainer.epochs_done");
        Map<Integer, Map<String, Double>> metrics = new java.util.TreeMap<>();
        for (Map.Entry<String, Long> e : longs.entrySet()) {
            if (e.getKey().startsWith("metric.")) {
                String rest = e.getKey().substring(7);
                int dot = rest.indexOf('.');
                int ep = Integer.parseInt(rest.substring(0, dot));
                metrics.computeIfAbsent(ep, k -> new LinkedHashMap<>())
                        .put(rest.substring(dot + 1), Double.longBitsToDouble(e.getValue()));
            }
        }
        metrics.forEach((ep, v) -> history.add(new EpochMetrics(ep, v)));
        return new long[] {done, longs.get("trainer.step")};
    }

    private static <V> Map<String, V> strip(Map<String, V> all, String prefix) {
        Map<String, V> out = new LinkedHashMap<>();
        all.forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.put(k.substring(prefix.length()), v);
            }
        });
        return out;
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

        public Trainer build() {
            return new Trainer(this);
        }
    }
}
