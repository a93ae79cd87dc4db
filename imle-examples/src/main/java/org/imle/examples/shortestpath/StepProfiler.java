package org.imle.examples.shortestpath;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.imle.api.EstimatorPass;
import org.imle.api.GradientEstimator;
import org.imle.api.SolveExecutor;
import org.imle.train.nn.Module;
import org.imle.train.optim.Adam;
import org.imle.train.tensor.Compute;
import org.imle.train.tensor.Tensor;

/**
 * Where the time of one training step of a {@link ShortestPathExperiment} goes: the step is run
 * by hand (not by the trainer) with a clock around each phase, on batches drawn at random from
 * the training maps, after warm-up steps that are not counted (JIT compilation). Phases: assembling
 * the batch, the network's forward pass (up to the costs), the learner's forward (the solves of the
 * estimator's forward and the loss), the estimator's backward (its solves), the rest of the
 * backward (the network), and the optimiser step. Wall-clock times, so the numbers are only as
 * quiet as the machine.
 */
public final class StepProfiler {

    /**
     * Mean milliseconds per step of each phase.
     *
     * @param steps the timed steps
     * @param batch the data
     * @param networkForward the network up to the costs
     * @param headForward the learner's forward: estimator forward solves and the loss
     * @param solverBackward the estimator's backward solves (0 for learners without an estimator)
     * @param networkBackward the rest of the backward pass
     * @param optimizer the Adam step
     */
    public record Profile(int steps, double batch, double networkForward, double headForward,
            double solverBackward, double networkBackward, double optimizer) {

        /** The whole step. */
        public double total() {
            return batch + networkForward + headForward + solverBackward + networkBackward + optimizer;
        }

        /** A small table, one phase a line, with its share of the step. */
        public String table() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-34s %10s %7s%n", "phase",
                    "ms/step", "share"));
            row(sb, "assemble batch", batch);
            row(sb, "network forward", networkForward);
            row(sb, "estimator forward (solves) + loss", headForward);
            row(sb, "estimator backward (solves)", solverBackward);
            row(sb, "network backward", networkBackward);
            row(sb, "optimiser step", optimizer);
            row(sb, "total", total());
            return sb.toString();
        }

        private void row(StringBuilder sb, String name, double ms) {
            sb.append(String.format(Locale.ROOT, "%-34s %10.2f %6.1f%%%n", name, ms, 100 * ms / total()));
        }
    }

    private StepProfiler() {
    }

    /** Times {@code steps} steps after {@code warmup} uncounted ones. */
    public static Profile profile(ShortestPathExperiment experiment, WarcraftDataset train, int warmup, int steps) {
        if (steps < 1 || warmup < 0) {
            throw new IllegalArgumentException("need steps >= 1 and warmup >= 0, got " + steps + " and " + warmup);
        }
        ShortestPathConfig config = experiment.config();
        Compute.setThreads(config.threads());
        int k = train.gridSize();
        Module net = experiment.newNetwork(k);
        AtomicLong solverBackward = new AtomicLong();
        PathLearner.Head head = config.learner().head(ShortestPathExperiment.oracle(k),
                config.settings().forGrid(k), config.seed(), SolveExecutor.parallel(config.threads()),
                e -> timed(e, solverBackward));
        Adam adam = new Adam(net.parameters(), config.learningRate());
        WarcraftBatches batches = new WarcraftBatches(train);
        SplittableRandom rng = new SplittableRandom(config.seed());
        int b = Math.min(config.batchSize(), train.size());
        long[] t = new long[6];
        for (int step = 0; step < warmup + steps; step++) {
            if (step == warmup) {
                java.util.Arrays.fill(t, 0);
                solverBackward.set(0);
            }
            int[] idx = new int[b];
            for (int i = 0; i < b; i++) {
                idx[i] = rng.nextInt(train.size());
            }
            long t0 = System.nanoTime();
            WarcraftBatches.Batch batch = batches.batch(idx);
            long t1 = System.nanoTime();
            adam.zeroGrad();
            Tensor costs = ShortestPathExperiment.costs(net, batch.images());
            long t2 = System.nanoTime();
            Tensor loss = head.loss(costs, batch, step);
            long t3 = System.nanoTime();
            loss.backward();
            long t4 = System.nanoTime();
            adam.step();
            long t5 = System.nanoTime();
            t[0] += t1 - t0;
            t[1] += t2 - t1;
            t[2] += t3 - t2;
            t[3] += t4 - t3;
            t[4] += t5 - t4;
        }
        double ms = 1e6 * steps;
        double sb = solverBackward.get() / ms;
        return new Profile(steps, t[0] / ms, t[1] / ms, t[2] / ms, sb, t[3] / ms - sb, t[4] / ms);
    }

    /** The estimator, with the wall-clock time of its backward calls added to {@code nanos}. */
    static GradientEstimator timed(GradientEstimator inner, AtomicLong nanos) {
        return new GradientEstimator() {
            @Override
            public int dimension() {
                return inner.dimension();
            }

            @Override
            public int samples() {
                return inner.samples();
            }

            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public EstimatorPass forward(double[] theta, int batchSize, long step) {
                EstimatorPass pass = inner.forward(theta, batchSize, step);
                return new EstimatorPass() {
                    @Override
                    public int batchSize() {
                        return pass.batchSize();
                    }

                    @Override
                    public int samples() {
                        return pass.samples();
                    }

                    @Override
                    public int dimension() {
                        return pass.dimension();
                    }

                    @Override
                    public double[] structures() {
                        return pass.structures();
                    }

                    @Override
                    public void backward(double[] dLdz, double[] gradTheta) {
                        long start = System.nanoTime();
                        pass.backward(dLdz, gradTheta);
                        nanos.addAndGet(System.nanoTime() - start);
                    }
                };
            }
        };
    }
}
