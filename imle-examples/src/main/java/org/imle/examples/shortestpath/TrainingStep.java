package org.imle.examples.shortestpath;

import org.imle.data.warcraft.WarcraftDataset;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import org.imle.api.GradientEstimator;
import org.imle.train.nn.Module;
import org.imle.train.optim.Adam;
import org.imle.train.tensor.Compute;
import org.imle.train.tensor.StepBuffers;
import org.imle.train.tensor.Tensor;

/**
 * One training step of a {@link ShortestPathExperiment}, run by hand instead of by the trainer, so
 * that it can be timed: {@link StepProfiler} clocks each phase, the JMH benchmark
 * {@code ShortestPathStepBenchmark} the whole step. The phases, in order: assembling a batch of
 * {@code min(batchSize, maps)} maps drawn uniformly with replacement from the training maps, the
 * network's forward pass up to the costs, the learner's forward (the estimator's solves and the
 * loss), the backward pass (the estimator's solves, then the network), and an Adam step at the
 * configured initial learning rate. That is one iteration of the trainer's loop without its
 * schedule, fault handling and metrics.
 *
 * <p>Cost per step: the network's forward and backward, O(B (8K)^2 c^2) multiply-adds for the
 * patch network of width c on B maps of K x K cells, plus the estimator's solves, 2 B S Dijkstra
 * runs of at most O(K^2 log K) each for the sampling estimators (B + B for blackbox, none for
 * {@code mse}).
 *
 * <p>Reproducible: the batches come from a generator seeded with the configuration's seed, the
 * network, the noise and the kernels are seeded or deterministic, and none depends on the thread
 * count, so two instances made from equal configurations and data give the same losses and
 * weights, step after step, on any number of threads. Not thread-safe: one instance, one thread.
 */
public final class TrainingStep {

    /** The phases of a step, between the boundaries that {@link Clock#mark} receives. */
    public static final int PHASES = 5;

    /**
     * Receives the boundaries of a step's phases: 0 before the batch is assembled, then
     * {@code p + 1} as phase {@code p} (batch, network forward, learner forward, backward,
     * optimiser) ends. Called on the thread that runs the step.
     */
    @FunctionalInterface
    public interface Clock {
        void mark(int boundary);
    }

    private static final Clock NO_CLOCK = boundary -> {
    };

    private final int threads;
    private final WarcraftDataset train;
    private final WarcraftBatches batches;
    private final Module network;
    private final PathEstimators.Head head;
    private final Adam adam;
    private final SplittableRandom rng;
    private final int batchSize;
    private final StepBuffers buffers = new StepBuffers();
    private long step;

    /** Steps of {@code experiment}'s configuration on the maps of {@code train}, from a fresh network. */
    public TrainingStep(ShortestPathExperiment experiment, WarcraftDataset train) {
        this(experiment, train, UnaryOperator.identity());
    }

    /** As {@link #TrainingStep(ShortestPathExperiment, WarcraftDataset)}, with the estimator wrapped (to time it). */
    TrainingStep(ShortestPathExperiment experiment, WarcraftDataset train, UnaryOperator<GradientEstimator> wrap) {
        if (train.size() < 1) {
            throw new IllegalArgumentException("the training maps are empty");
        }
        ShortestPathConfig config = experiment.config();
        int k = train.gridSize();
        this.threads = config.threads();
        this.train = train;
        this.batches = new WarcraftBatches(train);
        this.network = experiment.newNetwork(k);
        this.head = experiment.head(k, wrap);
        this.adam = new Adam(network.parameters(), config.learningRate());
        this.rng = new SplittableRandom(config.seed());
        this.batchSize = Math.min(config.batchSize(), train.size());
    }

    /** The network being trained (its parameters change with every step). */
    public Module network() {
        return network;
    }

    /** Maps per batch: the configured batch size, or all maps when there are fewer. */
    public int batchSize() {
        return batchSize;
    }

    /** Bytes of the activation and gradient arrays that the steps reuse (for tests and logs). */
    long reusedBytes() {
        return 4 * buffers.heldFloats();
    }

    /** The steps run so far; the next step's noise is keyed by this number. */
    public long steps() {
        return step;
    }

    /** Runs one step and returns its loss (before the update). */
    public float run() {
        return run(NO_CLOCK);
    }

    /** Runs one step, telling {@code clock} where each phase ends, and returns its loss (before the update). */
    public float run(Clock clock) {
        // the kernels' thread count is global: set it per step so that steps of differently
        // configured instances can alternate on one thread
        Compute.setThreads(threads);
        int[] idx = new int[batchSize];
        for (int i = 0; i < batchSize; i++) {
            idx[i] = rng.nextInt(train.size());
        }
        // as the trainer does: the step's activations and gradients reuse the last step's arrays
        try (StepBuffers.Scope reuse = buffers.step()) {
            clock.mark(0);
            WarcraftBatches.Batch batch = batches.batch(idx);
            clock.mark(1);
            adam.zeroGrad();
            Tensor costs = ShortestPathExperiment.costs(network, batch.images());
            clock.mark(2);
            Tensor loss = head.loss(costs, batch, step++);
            clock.mark(3);
            loss.backward();
            clock.mark(4);
            adam.step();
            clock.mark(5);
            return loss.item();
        }
    }
}
