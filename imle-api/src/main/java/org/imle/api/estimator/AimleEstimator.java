package org.imle.api.estimator;

import java.util.LinkedHashMap;
import java.util.Map;
import org.imle.api.EstimatorPass;
import org.imle.api.MapOracle;
import org.imle.api.TrainingState;
import org.imle.api.check.Checks;
import org.imle.api.execution.ThetaRows;
import org.imle.api.registry.Setting;

/**
 * Adaptive I-MLE (AIMLE; Minervini, Franceschi, Niepert, AAAI 2023): I-MLE whose perturbation
 * strength lambda adapts to the size of the upstream gradient, with an optional two-sided
 * (symmetric) difference. The gradient is always divided by lambda.
 *
 * <p>Forward, as I-MLE: {@code z_bs = MAP(theta_b + T_in * eps_bs)} (mean of M solves when M > 1).
 * Backward, with the same eps and {@code g = dL/dz}:
 * <pre>
 *   forward difference: dL/dtheta_b = 1/(lambda S) sum_s [ z_bs - MAP(alpha theta_b - lambda g_bs + T_t eps_bs) ]
 *   symmetric:          dL/dtheta_b = 1/(2 lambda S) sum_s [ MAP(alpha theta_b + lambda g_bs + T_t eps_bs)
 *                                                         - MAP(alpha theta_b - lambda g_bs + T_t eps_bs) ]
 * </pre>
 * With a fixed lambda and the forward difference this is exactly {@link ImleEstimator} with
 * {@link org.imle.api.estimator.Scaling#DIVIDE_BY_LAMBDA}. The left term of the forward difference is the forward
 * sample itself, as in I-MLE; the reference implementation re-solves it at {@code alpha theta + T_t eps},
 * which differs only when alpha != 1 or T_in != T_t.
 *
 * <p><b>Adaptive lambda.</b> For a batch, {@code lambda = beta * ||theta~|| / ||g||} where theta~ is
 * theta repeated once per sample (B * S rows, so {@code ||theta~|| = sqrt(S) ||theta||}) and g holds
 * the B * S rows of dL/dz: the ratio of the root-mean-square row norms of the two. After each
 * backward call the fraction f of non-zero entries of the B * S per-sample differences enters an
 * exponential moving average {@code a <- d a + (1 - d) f}, and beta moves by a fixed step towards
 * making a equal the target c: {@code u = m u_prev + (a < c ? +step : -step)},
 * {@code beta <- max(beta + u, 0)}. A zero dL/dz, or lambda = 0 (beta = 0 or theta = 0), gives a zero
 * gradient and counts as a fully sparse one.
 *
 * <p>Deviations from torch-adaptive-imle (EdinburghNLP), each deliberate: (1) the reference computes
 * the perturbation with the norm of the sample-repeated theta and divides the gradient by a lambda
 * computed from the plain theta, so the two differ by sqrt(S); here one lambda (the repeated form)
 * serves both, so the estimator is a true finite-difference quotient. (2) The reference tracks the
 * mean number of non-zero entries per sample; here it is the fraction, so a reference target c
 * equals a target of c / n here; the default, one non-zero entry per sample, is the reference's.
 *
 * <p><b>State and threads.</b> beta, the moving average and the last update belong to this estimator
 * instance and change once per backward call, in call order; {@link #state()} returns a snapshot.
 * Each backward call holds the instance's lock from reading beta to updating it (the solves inside
 * still run in parallel on the executor), so concurrent calls are serialised, and the same sequence
 * of calls gives the same numbers; use one instance per independent model. With a fixed lambda there
 * is no state.
 *
 * <p>Defaults: adaptive, beta = 1, step = 1e-4, momentum = 0, decay d = 0.9, target c = 1/n with the
 * average starting at c, forward difference, alpha = 1, T_in = T_t = 1, S = M = 1, zero noise, seed 0,
 * all cores. The adaptive defaults are the reference's.
 */
public final class AimleEstimator extends SamplingEstimator implements TrainingState {

    /** A snapshot of the adaptive state. */
    public record State(double beta, double nonZeroAverage, double lastUpdate, long updates) {
    }

    private final double alpha;
    private final double targetTemperature;
    private final boolean symmetric;
    private final double fixedLambda;
    private final double betaStep;
    private final double betaMomentum;
    private final double decay;
    private final double targetFraction;
    private final Object lock = new Object();
    private double beta;
    private double average;
    private double lastUpdate;
    private long updates;

    private AimleEstimator(Builder b) {
        super(b.sampler());
        this.alpha = Checks.finite("alpha", b.alpha);
        this.targetTemperature = Checks.nonNegative("target temperature", b.targetTemperature);
        this.symmetric = b.symmetric;
        this.fixedLambda = b.lambdaFixed ? Checks.positive("lambda", b.fixedLambda) : Double.NaN;
        this.beta = Checks.nonNegative("initial beta", b.initialBeta);
        this.betaStep = Checks.nonNegative("beta step", b.betaStep);
        this.betaMomentum = b.betaMomentum;
        if (!(b.betaMomentum >= 0 && b.betaMomentum < 1)) {
            throw new IllegalArgumentException("beta momentum must be in [0, 1), got " + b.betaMomentum);
        }
        this.decay = b.decay;
        if (!(b.decay >= 0 && b.decay < 1)) {
            throw new IllegalArgumentException("non-zero average decay must be in [0, 1), got " + b.decay);
        }
        double target = Double.isNaN(b.targetFraction) ? 1.0 / b.oracle.dimension() : b.targetFraction;
        if (!(target > 0 && target <= 1)) {
            throw new IllegalArgumentException("target non-zero fraction must be in (0, 1], got " + target);
        }
        this.targetFraction = target;
        double start = Double.isNaN(b.initialAverage) ? target : b.initialAverage;
        if (!(start >= 0 && start <= 1)) {
            throw new IllegalArgumentException("initial non-zero average must be in [0, 1], got " + start);
        }
        this.average = start;
    }

    /** Starts a builder around any oracle. */
    public static Builder builder(MapOracle oracle) {
        return new Builder(oracle);
    }

    @Override
    public String name() {
        return "aimle";
    }

    public boolean symmetric() {
        return symmetric;
    }

    /** True when lambda adapts; false when it was fixed with {@link Builder#lambda(double)}. */
    public boolean adaptive() {
        return Double.isNaN(fixedLambda);
    }

    public double targetNonZeroFraction() {
        return targetFraction;
    }

    /** The adaptive state now (for a fixed lambda, beta holds the initial value and never moves). */
    public State state() {
        synchronized (lock) {
            return new State(beta, average, lastUpdate, updates);
        }
    }

    /** beta, the moving average and the last update as raw bits, and the update count. */
    @Override
    public Map<String, Long> saveState() {
        State s = state();
        Map<String, Long> out = new LinkedHashMap<>();
        out.put("beta", Double.doubleToRawLongBits(s.beta()));
        out.put("nonZeroAverage", Double.doubleToRawLongBits(s.nonZeroAverage()));
        out.put("lastUpdate", Double.doubleToRawLongBits(s.lastUpdate()));
        out.put("updates", s.updates());
        return out;
    }

    /**
     * Puts a state of {@link #saveState()} back.
     *
     * @throws IllegalArgumentException naming the entry that is missing, or a beta below zero, an
     *     average outside [0, 1], a non-finite update or a negative count
     */
    @Override
    public void restoreState(Map<String, Long> saved) {
        double b = Double.longBitsToDouble(entry(saved, "beta"));
        double a = Double.longBitsToDouble(entry(saved, "nonZeroAverage"));
        double u = Double.longBitsToDouble(entry(saved, "lastUpdate"));
        long count = entry(saved, "updates");
        if (!(b >= 0) || Double.isInfinite(b) || !(a >= 0 && a <= 1) || !Double.isFinite(u) || count < 0) {
            throw new IllegalArgumentException("aimle state out of range: beta " + b + ", non-zero average " + a
                    + ", last update " + u + ", updates " + count);
        }
        synchronized (lock) {
            beta = b;
            average = a;
            lastUpdate = u;
            updates = count;
        }
    }

    private static long entry(Map<String, Long> saved, String name) {
        Long v = saved.get(name);
        if (v == null) {
            throw new IllegalArgumentException("aimle state has no entry " + name);
        }
        return v;
    }

    /**
     * The lambda a backward call would use now for this theta (B rows) and dL/dz (B * S rows):
     * {@code beta * sqrt(S) ||theta|| / ||dL/dz||}, or the fixed lambda.
     */
    public double lambda(double[] theta, double[] dLdz) {
        if (!adaptive()) {
            return fixedLambda;
        }
        double t = 0;
        for (double x : theta) {
            t += x * x;
        }
        double g = 0;
        for (double x : dLdz) {
            g += x * x;
        }
        synchronized (lock) {
            return g == 0 ? 0.0 : beta * Math.sqrt(samples() * t / g);
        }
    }

    @Override
    public EstimatorPass forward(double[] theta, int batchSize, long step) {
        sampler.checkTheta(theta, batchSize);
        int rows = batchSize * samples();
        int n = dimension();
        double[] thetaCopy = theta.clone();
        double[] eps = sampler.drawNoise(batchSize, step);
        double[] z = new double[rows * n];
        sampler.solve(thetaCopy, false, eps, sampler.temperature(), z);
        return new Pass(batchSize, thetaCopy, eps, z);
    }

    private void adapt(double nonZeroFraction) {
        average = decay * average + (1 - decay) * nonZeroFraction;
        double push = (average < targetFraction ? 1.0 : -1.0) * betaStep;
        double update = betaMomentum * lastUpdate + push;
        beta = Math.max(beta + update, 0.0);
        lastUpdate = update;
        updates++;
    }

    private final class Pass extends AbstractPass {
        private final double[] theta;
        private final double[] eps;

        Pass(int batchSize, double[] theta, double[] eps, double[] z) {
            super(batchSize, sampler.samples(), sampler.oracle().dimension(), z);
            this.theta = theta;
            this.eps = eps;
        }

        @Override
        public void backward(double[] dLdz, double[] gradTheta) {
            checkBackward(dLdz, gradTheta);
            synchronized (lock) {
                double lambda = lambda(theta, dLdz);
                if (lambda == 0.0) {
                    java.util.Arrays.fill(gradTheta, 0.0);
                    if (adaptive()) {
                        adapt(0.0);
                    }
                    return;
                }
                double c = (symmetric ? 0.5 / lambda : 1.0 / lambda) / samples;
                long[] nonZero = new long[batchSize];
                // right = MAP(alpha theta - lambda g + T_t eps); left = z, or the solve at +lambda
                double[] right = solveTargets(dLdz, -lambda);
                double[] left = symmetric ? solveTargets(dLdz, lambda) : structures;
                // One task per row of theta: the S differences are summed in sample order and the
                // non-zero counts are integers, so nothing depends on the executor.
                sampler.executor().run(batchSize, b -> nonZero[b] = rowGradient(b, left, right, c, gradTheta));
                long total = 0;
                for (long count : nonZero) {
                    total += count;
                }
                if (adaptive()) {
                    adapt((double) total / ((long) batchSize * samples * dimension));
                }
            }
        }

        /**
         * Solves the B * S targets {@code MAP(alpha theta_b + signedLambda g_bs + T_t eps_bs)} as one
         * request, the targets written on demand.
         */
        private double[] solveTargets(double[] dLdz, double signedLambda) {
            double[] solved = new double[batchSize * samples * dimension];
            sampler.solve(target(dLdz, signedLambda), eps, targetTemperature, solved);
            return solved;
        }

        /** The rows {@code alpha theta_b + signedLambda g_bs}, written on demand. */
        private ThetaRows target(double[] dLdz, double signedLambda) {
            int n = dimension;
            int s = samples;
            return (row, out, off) -> {
                int t = (row / s) * n;
                int d = row * n;
                for (int i = 0; i < n; i++) {
                    out[off + i] = alpha * theta[t + i] + signedLambda * dLdz[d + i];
                }
            };
        }

        /**
         * Writes row b of the gradient, {@code c * sum_s (left_bs - right_bs)}, and returns the
         * number of coordinates where left and right differ.
         */
        private long rowGradient(int b, double[] left, double[] right, double c, double[] gradTheta) {
            int n = dimension;
            int g = b * n;
            long nonZero = 0;
            for (int j = 0; j < samples; j++) {
                int off = (b * samples + j) * n;
                nonZero += addSampleDifference(left, off, right, off, gradTheta, g, n, j, samples, c);
            }
            return nonZero;
        }
    }

    /** Builds an {@link AimleEstimator}; arguments are validated at {@link #build()}. */
    public static final class Builder extends TargetBuilder<Builder, AimleEstimator> {

        public static final Setting<Boolean> SYMMETRIC = Setting.bool("symmetric", false,
                "the two-sided difference, halved, instead of the forward difference");
        public static final Setting<Double> LAMBDA = Setting.real("lambda", "adaptive",
                "a number fixes lambda (> 0) and turns adaptation off");
        public static final Setting<Double> INITIAL_BETA = Setting.real("initialBeta", 1.0,
                "the starting beta of lambda = beta ||theta|| / ||dLdz||");
        public static final Setting<Double> BETA_STEP = Setting.real("betaStep", 1e-4,
                "the fixed step by which beta moves after each backward call");
        public static final Setting<Double> BETA_MOMENTUM = Setting.real("betaMomentum", 0.0,
                "momentum in [0, 1) of the beta updates");
        public static final Setting<Double> NON_ZERO_DECAY = Setting.real("nonZeroDecay", 0.9,
                "decay in [0, 1) of the moving average of the non-zero fraction");
        public static final Setting<Double> TARGET_NON_ZERO_FRACTION = Setting.real("targetNonZeroFraction", "1/n",
                "the target in (0, 1] of the non-zero fraction of the gradient (1/n: one entry per sample)");
        public static final Setting<Double> INITIAL_NON_ZERO_AVERAGE = Setting.real("initialNonZeroAverage",
                "the target", "the starting value in [0, 1] of the moving average");

        private boolean symmetric = SYMMETRIC.defaultValue();
        /** NaN: adaptive ({@link #LAMBDA}). */
        private double fixedLambda = Double.NaN;
        private boolean lambdaFixed;
        private double initialBeta = INITIAL_BETA.defaultValue();
        private double betaStep = BETA_STEP.defaultValue();
        private double betaMomentum = BETA_MOMENTUM.defaultValue();
        private double decay = NON_ZERO_DECAY.defaultValue();
        /** NaN: 1/n ({@link #TARGET_NON_ZERO_FRACTION}). */
        private double targetFraction = Double.NaN;
        /** NaN: the target ({@link #INITIAL_NON_ZERO_AVERAGE}). */
        private double initialAverage = Double.NaN;

        private Builder(MapOracle oracle) {
            super(oracle);
        }

        /** The two-sided difference, halved ({@link #SYMMETRIC}). */
        public Builder symmetric(boolean symmetric) {
            this.symmetric = symmetric;
            return this;
        }

        /** Fixes lambda (> 0) and turns adaptation off ({@link #LAMBDA}). */
        public Builder lambda(double lambda) {
            this.fixedLambda = lambda;
            this.lambdaFixed = true;
            return this;
        }

        /** The starting beta ({@link #INITIAL_BETA}). */
        public Builder initialBeta(double beta) {
            this.initialBeta = beta;
            return this;
        }

        /** The fixed step by which beta moves after each backward call ({@link #BETA_STEP}). */
        public Builder betaStep(double step) {
            this.betaStep = step;
            return this;
        }

        /** Momentum m in [0, 1) of the beta updates ({@link #BETA_MOMENTUM}). */
        public Builder betaMomentum(double momentum) {
            this.betaMomentum = momentum;
            return this;
        }

        /** Decay d in [0, 1) of the moving average of the non-zero fraction ({@link #NON_ZERO_DECAY}). */
        public Builder nonZeroDecay(double decay) {
            this.decay = decay;
            return this;
        }

        /** The target c in (0, 1] of the non-zero fraction ({@link #TARGET_NON_ZERO_FRACTION}). */
        public Builder targetNonZeroFraction(double fraction) {
            this.targetFraction = fraction;
            return this;
        }

        /** The starting value of the moving average ({@link #INITIAL_NON_ZERO_AVERAGE}). */
        public Builder initialNonZeroAverage(double average) {
            this.initialAverage = average;
            return this;
        }

        @Override
        protected AimleEstimator make() {
            return new AimleEstimator(this);
        }
    }
}
