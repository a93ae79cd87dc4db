package org.imle.api.estimator;

import org.imle.api.GradientEstimator;
import org.imle.api.LossValuePass;
import org.imle.api.check.Checks;
import org.imle.api.exact.TractableFamily;
import org.imle.api.execution.RandomStreams;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.registry.EstimatorBuilder;
import org.imle.api.registry.Setting;

/**
 * The score-function estimator (REINFORCE; Williams 1992) of {@code grad_theta E_{z ~ p(theta)}[L(z)]}
 * for families where exact sampling and {@code log p(z; theta) = <z, theta> - A(theta)} are tractable
 * ({@link TractableFamily}: one-hot and k-subsets by dynamic programming, any small C by enumeration):
 * <pre>
 *   z_bs ~ p(.; theta_b) exactly,   dL/dtheta_b = (1/S) sum_s (L(z_bs) - b_bs) (z_bs - mu(theta_b))
 * </pre>
 * using {@code grad log p(z; theta) = z - mu(theta)}, with a {@link Baseline} b. Unbiased, and the only
 * estimator here that needs no solver, only exact inference.
 *
 * <p>Two backward forms: {@link LossValuePass#backwardFromLosses} takes the loss values L(z_bs), the
 * estimator proper; {@link org.imle.api.EstimatorPass#backward} takes dL/dz as every estimator does and
 * uses {@code L(z_bs) = <dL/dz_bs, z_bs>}, exact when the loss is linear in z (such as the cost
 * {@code <c, z>} of a structure) and the first-order surrogate otherwise.
 *
 * <p>Sample s of row b at step t is drawn from {@code RandomStreams.open(seed, t, b, s)}. Defaults:
 * S = 1, baseline none when S = 1 and leave-one-out when S >= 2, seed 0, all cores. Thread-safe;
 * with a moving-average baseline the state is per instance (see {@link Baseline}).
 */
public final class ScoreFunctionEstimator implements GradientEstimator {

    private final TractableFamily family;
    private final int samples;
    private final Baseline baseline;
    private final long seed;
    private final SolveExecutor executor;
    private final Object lock = new Object();
    private double average;

    private ScoreFunctionEstimator(Builder b) {
        this.family = b.family;
        this.samples = Checks.atLeast("samples", b.samples, 1);
        this.baseline = b.baseline != null ? b.baseline
                : (samples >= 2 ? Baseline.leaveOneOut() : Baseline.none());
        if (baseline.kind() == Baseline.Kind.LEAVE_ONE_OUT && samples < 2) {
            throw new IllegalArgumentException("the leave-one-out baseline needs samples >= 2, got " + samples);
        }
        this.seed = b.seed();
        this.executor = b.executor();
    }

    /** Starts a builder around a family with exact sampling and marginals. */
    public static Builder builder(TractableFamily family) {
        return new Builder(family);
    }

    @Override
    public int dimension() {
        return family.dimension();
    }

    @Override
    public int samples() {
        return samples;
    }

    @Override
    public String name() {
        return "score-function";
    }

    /** True: every pass is a {@link LossValuePass}. */
    @Override
    public boolean takesLossValues() {
        return true;
    }

    public Baseline baseline() {
        return baseline;
    }

    /** The moving-average baseline's current value (0 before the first backward call). */
    public double baselineValue() {
        synchronized (lock) {
            return average;
        }
    }

    @Override
    public Pass forward(double[] theta, int batchSize, long step) {
        Checks.atLeast("batch size", batchSize, 1);
        int n = dimension();
        Checks.length("theta", theta, batchSize * n);
        Checks.finiteRows("theta", theta, n);
        double[] thetaCopy = theta.clone();
        double[] z = new double[batchSize * samples * n];
        double[] mu = new double[batchSize * n];
        executor.run(batchSize * (samples + 1), task -> {
            int row = task / (samples + 1);
            int s = task % (samples + 1);
            if (s == samples) {
                family.marginals(thetaCopy, row * n, mu, row * n);
            } else {
                family.sample(thetaCopy, row * n, RandomStreams.open(seed, step, row, s), z,
                        (row * samples + s) * n);
            }
        });
        return new Pass(batchSize, z, mu);
    }

    /** A forward pass: exact samples and the marginals mu(theta) of every row. */
    public final class Pass extends AbstractPass implements LossValuePass {
        private final double[] mu;

        private Pass(int batchSize, double[] z, double[] mu) {
            super(batchSize, ScoreFunctionEstimator.this.samples, family.dimension(), z);
            this.mu = mu;
        }

        /** mu(theta), B rows. Owned by the pass; read only. */
        public double[] marginals() {
            return mu;
        }

        @Override
        public void backward(double[] dLdz, double[] gradTheta) {
            checkBackward(dLdz, gradTheta);
            double[] losses = new double[batchSize * samples];
            for (int r = 0; r < losses.length; r++) {
                double v = 0;
                for (int i = 0; i < dimension; i++) {
                    v += dLdz[r * dimension + i] * structures[r * dimension + i];
                }
                losses[r] = v;
            }
            backwardFromLosses(losses, gradTheta);
        }

        @Override
        public void backwardFromLosses(double[] losses, double[] gradTheta) {
            Checks.length("losses", losses, batchSize * samples);
            for (int r = 0; r < losses.length; r++) {
                if (!Double.isFinite(losses[r])) {
                    throw new IllegalArgumentException("loss of row " + (r / samples) + " sample "
                            + (r % samples) + " is " + losses[r]);
                }
            }
            Checks.length("dL/dtheta output", gradTheta, batchSize * dimension);
            int n = dimension;
            synchronized (lock) {
                java.util.Arrays.fill(gradTheta, 0.0);
                double total = 0;
                for (int row = 0; row < batchSize; row++) {
                    double rowSum = 0;
                    for (int s = 0; s < samples; s++) {
                        rowSum += losses[row * samples + s];
                    }
                    total += rowSum;
                    for (int s = 0; s < samples; s++) {
                        double l = losses[row * samples + s];
                        double b;
                        switch (baseline.kind()) {
                            case LEAVE_ONE_OUT:
                                b = (rowSum - l) / (samples - 1);
                                break;
                            case MOVING_AVERAGE:
                                b = average;
                                break;
                            default:
                                b = 0;
                        }
                        int off = (row * samples + s) * n;
                        for (int i = 0; i < n; i++) {
                            gradTheta[row * n + i] += (l - b) * (structures[off + i] - mu[row * n + i]);
                        }
                    }
                    for (int i = 0; i < n; i++) {
                        gradTheta[row * n + i] /= samples;
                    }
                }
                if (baseline.kind() == Baseline.Kind.MOVING_AVERAGE) {
                    double mean = total / losses.length;
                    average = baseline.decay() * average + (1 - baseline.decay()) * mean;
                }
            }
        }
    }

    /** Builds a {@link ScoreFunctionEstimator}; arguments are validated at {@link #build()}. */
    public static final class Builder extends EstimatorBuilder<Builder, ScoreFunctionEstimator> {

        public static final Setting<Integer> SAMPLES = Setting.integer("samples", 1, "S, exact samples per row");
        /** The baseline by name; its default depends on S, so the builder computes it. */
        public static final Setting<String> BASELINE = Setting.choice("baseline",
                "none for 1 sample, else leave-one-out", null, Builder::checkedName,
                "the control variate: none, leave-one-out (S >= 2) or moving-average (state kept across calls)");
        /** The decay of the moving-average baseline, for the registry, which names baselines by string. */
        public static final Setting<Double> BASELINE_DECAY = Setting.real("baselineDecay", 0.9,
                "decay in [0, 1) of the moving-average baseline");

        private final TractableFamily family;
        private int samples = SAMPLES.defaultValue();
        /** Null: {@link #BASELINE}'s default. */
        private Baseline baseline;
        private String baselineName;
        /** Null: not given, {@link #BASELINE_DECAY}'s default. */
        private Double baselineDecay;

        private Builder(TractableFamily family) {
            if (family == null) {
                throw new IllegalArgumentException("family must not be null");
            }
            this.family = family;
        }

        /** S, the samples per row ({@link #SAMPLES}). */
        public Builder samples(int s) {
            this.samples = s;
            return this;
        }

        /** The control variate ({@link #BASELINE}). */
        public Builder baseline(Baseline baseline) {
            this.baseline = baseline;
            return this;
        }

        /** The baseline by name ({@link #BASELINE}), as a registry gives it; made at {@link #build()}. */
        Builder baselineName(String name) {
            this.baselineName = name;
            return this;
        }

        /** The decay of a moving-average baseline named by {@link #baselineName} ({@link #BASELINE_DECAY}). */
        Builder baselineDecay(double decay) {
            this.baselineDecay = decay;
            return this;
        }

        private static String checkedName(String text) {
            Baseline.parse(text, BASELINE_DECAY.defaultValue()); // refuses unknown names with the known ones
            return text;
        }

        @Override
        protected ScoreFunctionEstimator make() {
            if (baselineName != null) {
                baseline = Baseline.parse(baselineName,
                        baselineDecay != null ? baselineDecay : BASELINE_DECAY.defaultValue());
            }
            // a decay other than the default would be silently unused by any other baseline
            if (baselineDecay != null && baselineDecay != BASELINE_DECAY.defaultValue().doubleValue()
                    && (baseline == null || baseline.kind() != Baseline.Kind.MOVING_AVERAGE)) {
                throw new IllegalArgumentException("baselineDecay applies to baseline 'moving-average' only");
            }
            return new ScoreFunctionEstimator(this);
        }
    }
}
