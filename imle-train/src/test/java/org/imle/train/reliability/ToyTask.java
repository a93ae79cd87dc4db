package org.imle.train.reliability;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.imle.api.MapOracle;
import org.imle.api.estimator.ImleEstimator;
import org.imle.api.exact.EnumeratedOracle;
import org.imle.api.exact.StructureSet;
import org.imle.api.execution.SolveExecutor;
import org.imle.noise.GumbelNoise;
import org.imle.solvers.SolverTimeoutException;
import org.imle.train.loss.Losses;
import org.imle.train.nn.BatchNorm2d;
import org.imle.train.nn.Conv2d;
import org.imle.train.nn.Layers;
import org.imle.train.nn.Linear;
import org.imle.train.nn.Module;
import org.imle.train.nn.Sequential;
import org.imle.train.node.DiscreteNode;
import org.imle.train.optim.Optimizer;
import org.imle.train.tensor.Tensor;
import org.imle.train.trainer.Dataset;
import org.imle.train.trainer.TrainStep;

/**
 * A small deterministic training task for the reliability tests: 2 x 6 x 6 images whose target is
 * the top-3 of 6 row scores; a convolution with batch norm (so a forward pass updates buffers)
 * feeds an I-MLE node over top-3 subsets; Hamming loss. The oracle can be told to fail on chosen
 * calls, as an ILP solver that times out would.
 */
final class ToyTask {

    static final int N = 6;
    static final int SIDE = 6;

    private ToyTask() {
    }

    static Module model(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Sequential(new Conv2d(2, 4, 3, 1, 1, false, rng), new BatchNorm2d(4), Layers.relu(),
                Layers.flatten(), new Linear(4 * SIDE * SIDE, N, rng));
    }

    /** The examples: a function of (n, seed) only. */
    static Dataset<Tensor[]> data(int n, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        float[] x = new float[n * 2 * SIDE * SIDE];
        float[] y = new float[n * N];
        EnumeratedOracle oracle = new EnumeratedOracle(StructureSet.kSubsets(N, 3));
        for (int e = 0; e < n; e++) {
            double[] score = new double[N];
            for (int p = 0; p < 2 * SIDE * SIDE; p++) {
                float v = (float) rnd.nextGaussian();
                x[e * 2 * SIDE * SIDE + p] = v;
                score[(p % (SIDE * SIDE)) / SIDE] += v;
            }
            double[] z = new double[N];
            oracle.solve(score, z);
            for (int i = 0; i < N; i++) {
                y[e * N + i] = (float) z[i];
            }
        }
        return new Dataset<>() {
            @Override
            public int size() {
                return n;
            }

            @Override
            public Tensor[] batch(int[] idx) {
                int img = 2 * SIDE * SIDE;
                float[] bx = new float[idx.length * img];
                float[] by = new float[idx.length * N];
                for (int i = 0; i < idx.length; i++) {
                    System.arraycopy(x, idx[i] * img, bx, i * img, img);
                    System.arraycopy(y, idx[i] * N, by, i * N, N);
                }
                return new Tensor[] {Tensor.of(bx, idx.length, 2, SIDE, SIDE), Tensor.of(by, idx.length, N)};
            }
        };
    }

    /** Which solves fail: given the training step and the index of the call within that step. */
    @FunctionalInterface
    interface FaultPlan {
        boolean fails(long step, long callInStep);
    }

    /**
     * The top-3 oracle, failing with a {@link SolverTimeoutException} on the calls its plan picks.
     * With a batch of B and S samples, calls 0 .. B*S-1 of a step are its forward solves and the
     * next B*S its I-MLE backward solves (the executor is sequential, so the order is fixed).
     */
    static final class FaultyOracle implements MapOracle {
        private final MapOracle exact = new EnumeratedOracle(StructureSet.kSubsets(N, 3));
        private final FaultPlan plan;
        private final AtomicLong calls = new AtomicLong();
        private volatile long step;

        FaultyOracle(FaultPlan plan) {
            this.plan = plan;
        }

        void beginStep(long s) {
            step = s;
            calls.set(0);
        }

        @Override
        public int dimension() {
            return N;
        }

        @Override
        public void solve(double[] theta, double[] z) {
            long call = calls.getAndIncrement();
            if (plan.fails(step, call)) {
                throw new SolverTimeoutException("toy solver: time limit reached on call " + call + " of step " + step);
            }
            exact.solve(theta, z);
        }

        @Override
        public String infeasibility(double[] z) {
            return exact.infeasibility(z);
        }
    }

    /** The training step: model, I-MLE node over the oracle (2 samples), Hamming loss. */
    static TrainStep<Tensor[]> step(Module m, FaultyOracle oracle) {
        ImleEstimator est = ImleEstimator.builder(oracle).noise(GumbelNoise.standard()).samples(2).lambda(10)
                .seed(5).executor(SolveExecutor.sequential()).build();
        DiscreteNode node = new DiscreteNode(est);
        return (b, s) -> {
            oracle.beginStep(s);
            return Losses.hamming(node.apply(m.forward(b[0]), s), b[1]);
        };
    }

    /**
     * A fingerprint of everything a step may change: a content hash of each model tensor (over the
     * floats' bits) and counter, and of the optimiser's state; equal maps mean unchanged state.
     */
    static Map<String, Object> snapshot(Module m, Optimizer opt) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.state().forEach((k, v) -> out.put("model." + k, java.util.Arrays.hashCode(v.data())));
        m.counters().forEach((k, v) -> out.put("counter." + k, v[0]));
        opt.state().forEach((k, v) -> out.put("optim." + k, java.util.Arrays.hashCode(v.data())));
        opt.counters().forEach((k, v) -> out.put("optim-counter." + k, v));
        return out;
    }
}
