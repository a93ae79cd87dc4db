package org.imle.examples.shortestpath;

import org.imle.data.warcraft.WarcraftDataset;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.imle.api.EstimatorPass;
import org.imle.api.GradientEstimator;

/**
 * Where the time of one training step of a {@link ShortestPathExperiment} goes: the
 * {@link TrainingStep} is run with a clock around each phase, on batches drawn at random from the
 * training maps, after warm-up steps that are not counted (JIT compilation). Phases: assembling
 * the batch, the network's forward pass (up to the costs), the learner's forward (the solves of the
 * estimator's forward and the loss), the estimator's backward (its solves), the rest of the
 * backward (the network), and the optimiser step. Wall-clock times, so the numbers are only as
 * quiet as the machine; with one thread the profile also counts the CPU time of the thread that
 * does all the work, which other processes on a busy machine do not inflate.
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
     * @param cpu the same phases in CPU milliseconds of the one working thread, or null when the
     *     work ran on several threads (or the JVM cannot measure thread CPU time)
     */
    public record Profile(int steps, double batch, double networkForward, double headForward,
            double solverBackward, double networkBackward, double optimizer, Profile cpu) {

        /** The whole step. */
        public double total() {
            return batch + networkForward + headForward + solverBackward + networkBackward + optimizer;
        }

        /** A small table, one phase a line: wall-clock and (with one thread) CPU ms and share. */
        public String table() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-34s %12s %12s %7s%n", "phase",
                    "wall ms/step", "cpu ms/step", "share"));
            Profile c = cpu;
            row(sb, "assemble batch", batch, c == null ? Double.NaN : c.batch);
            row(sb, "network forward", networkForward, c == null ? Double.NaN : c.networkForward);
            row(sb, "estimator forward (solves) + loss", headForward, c == null ? Double.NaN : c.headForward);
            row(sb, "estimator backward (solves)", solverBackward, c == null ? Double.NaN : c.solverBackward);
            row(sb, "network backward", networkBackward, c == null ? Double.NaN : c.networkBackward);
            row(sb, "optimiser step", optimizer, c == null ? Double.NaN : c.optimizer);
            row(sb, "total", total(), c == null ? Double.NaN : c.total());
            return sb.toString();
        }

        private void row(StringBuilder sb, String name, double wall, double cpuMs) {
            // the share is of CPU time when there is one (it does not depend on the machine's load)
            double share = Double.isNaN(cpuMs) ? wall / total() : cpuMs / cpu.total();
            sb.append(String.format(Locale.ROOT, "%-34s %12.2f %12s %6.1f%%%n", name, wall,
                    Double.isNaN(cpuMs) ? "-" : String.format(Locale.ROOT, "%.2f", cpuMs), 100 * share));
        }
    }

    private StepProfiler() {
    }

    /** Times {@code steps} steps of {@link TrainingStep} after {@code warmup} uncounted ones. */
    public static Profile profile(ShortestPathExperiment experiment, WarcraftDataset train, int warmup, int steps) {
        if (steps < 1 || warmup < 0) {
            throw new IllegalArgumentException("need steps >= 1 and warmup >= 0, got " + steps + " and " + warmup);
        }
        AtomicLong solverBackward = new AtomicLong();
        TrainingStep step = new TrainingStep(experiment, train, e -> timed(e, solverBackward));
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        boolean cpu = experiment.config().threads() == 1 && mx.isCurrentThreadCpuTimeSupported();
        if (cpu && !mx.isThreadCpuTimeEnabled()) {
            mx.setThreadCpuTimeEnabled(true);
        }
        int phases = TrainingStep.PHASES;
        long[] t = new long[phases];
        long[] c = new long[phases];
        long[] w = new long[phases + 1];
        long[] u = new long[phases + 1];
        AtomicLong solverBackwardCpu = new AtomicLong();
        for (int s = 0; s < warmup + steps; s++) {
            if (s == warmup) {
                Arrays.fill(t, 0);
                Arrays.fill(c, 0);
                solverBackward.set(0);
                solverBackwardCpu.set(0);
            }
            long before = solverBackward.get();
            step.run(boundary -> mark(w, u, boundary, mx, cpu));
            for (int p = 0; p < phases; p++) {
                t[p] += w[p + 1] - w[p];
                c[p] += u[p + 1] - u[p];
            }
            if (cpu) {
                // the estimator's backward ran on this thread: split its CPU time by its wall share
                long wallBackward = w[4] - w[3];
                long solverWall = solverBackward.get() - before;
                solverBackwardCpu.addAndGet(wallBackward == 0 ? 0
                        : Math.round((double) (u[4] - u[3]) * solverWall / wallBackward));
            }
        }
        double ms = 1e6 * steps;
        double sb = solverBackward.get() / ms;
        Profile cpuProfile = null;
        if (cpu) {
            double sc = solverBackwardCpu.get() / ms;
            cpuProfile = new Profile(steps, c[0] / ms, c[1] / ms, c[2] / ms, sc, c[3] / ms - sc, c[4] / ms, null);
        }
        return new Profile(steps, t[0] / ms, t[1] / ms, t[2] / ms, sb, t[3] / ms - sb, t[4] / ms, cpuProfile);
    }

    private static void mark(long[] wall, long[] cpuTime, int i, ThreadMXBean mx, boolean cpu) {
        wall[i] = System.nanoTime();
        cpuTime[i] = cpu ? mx.getCurrentThreadCpuTime() : 0;
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
