package org.imle.api.estimator;

import org.imle.api.DifferentiableNoise;
import org.imle.api.EstimatorPass;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.check.Checks;
import org.imle.api.execution.RandomStreams;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.registry.EstimatorBuilder;
import org.imle.api.registry.NoiseRegistry;
import org.imle.api.registry.Setting;

/**
 * The perturbed optimizer (Berthet, Blondel, Teboul, Cuturi, Vert, Bach, NeurIPS 2020): the smooth
 * layer {@code y(theta) = E_Z[MAP(eta(theta, Z))]}, estimated with S samples, differentiated by the
 * score-function identity of the perturbation, so the solver is never differentiated.
 *
 * <ul>
 *   <li>Additive: {@code eta = theta + T Z}. With Z of density proportional to {@code exp(-nu(z))},
 *       {@code J = E[MAP(theta + T Z) nu'(Z)^T] / T} (their Prop. 3.1); Gaussian Z gives
 *       {@code nu'(Z) = Z}, Gumbel Z gives {@code 1 - exp(-Z)}.</li>
 *   <li>Multiplicative (Dalle et al., 2022): {@code eta = theta * exp(T Z - T^2 / 2)} elementwise,
 *       which keeps the sign of every coordinate. As {@code log|eta| = log|theta| + T Z - T^2/2}, the
 *       additive identity in {@code log|theta|} and the chain rule give
 *       {@code J_ij = E[MAP(eta)_i nu'(Z_j)] / (T theta_j)}; theta must have no zero entry.</li>
 * </ul>
 * Forward: samples {@code z_bs = MAP(eta(theta_b, Z_bs))} (B * S rows) and their mean, the estimate
 * of {@code y(theta_b)} ({@link Pass#mean()}). Backward, for upstream {@code g_bs = dL/dz_bs}:
 * <pre>{@code
 *   dL/dtheta_bj = 1/(S T [theta_bj]) sum_s <z_bs, g_bs> nu'(Z_bsj)
 * }</pre>
 * ([theta_bj] only for the multiplicative form). With every g_bs equal to the gradient g with
 * respect to the mean, this is the unbiased estimate of {@code J^T g}; {@link Pass#backwardFromMean}
 * takes that g directly. With the leave-one-out baseline ({@link Builder#BASELINE}, S >= 2),
 * {@code <z_bs, g_bs>} becomes {@code <z_bs, g_bs> - mean_{t != s} <z_bt, g_bt>}: the other samples
 * do not depend on Z_bs and {@code E[nu'(Z)] = 0}, so the estimate stays unbiased with less
 * variance (PyEPO's DPO does the same by default, as its variance reduction). Noise of sample s of row b at step t comes from
 * {@code RandomStreams.open(seed, t, b, s)}.
 *
 * <p>Defaults: additive, T = 1, S = 10, no baseline, standard Gaussian noise (any {@link DifferentiableNoise}
 * works: GaussianNoise or GumbelNoise of imle-noise; the default is found by name through
 * {@link NoiseRegistry#standard()}, so it needs imle-noise on the class path), seed 0, all cores.
 * Stateless, thread-safe.
 */
public final class PerturbedEstimator implements GradientEstimator {

    /** How the noise enters theta. */
    public enum Perturbation {
        /** {@code theta + T Z}. */
        ADDITIVE,
        /** {@code theta * exp(T Z - T^2 / 2)}, elementwise. */
        MULTIPLICATIVE;

        /** Parses {@code additive} or {@code multiplicative} (case-insensitive). */
        public static Perturbation parse(String text) {
            for (Perturbation p : values()) {
                if (p.name().equalsIgnoreCase(text.trim())) {
                    return p;
                }
            }
            throw new IllegalArgumentException(
                    "perturbation must be 'additive' or 'multiplicative', got '" + text + "'");
        }
    }

    private final MapOracle oracle;
    private final DifferentiableNoise noise;
    private final Perturbation perturbation;
    private final double temperature;
    private final int samples;
    private final Baseline baseline;
    private final long seed;
    private final SolveExecutor executor;

    private PerturbedEstimator(Builder b, DifferentiableNoise noise) {
        if (b.perturbation == null) {
            throw new IllegalArgumentException("perturbation must not be null");
        }
        this.oracle = b.oracle;
        this.noise = noise;
        this.perturbation = b.perturbation;
        this.temperature = Checks.positive("temperature", b.temperature);
        this.samples = Checks.atLeast("samples", b.samples, 1);
        if (b.baseline == null) {
            throw new IllegalArgumentException("baseline must not be null");
        }
        if (b.baseline.kind() == Baseline.Kind.MOVING_AVERAGE) {
            throw new IllegalArgumentException("the perturbed estimator's baseline must be 'none' or 'leave-one-out',"
                    + " got '" + b.baseline + "'");
        }
        if (b.baseline.kind() == Baseline.Kind.LEAVE_ONE_OUT && samples < 2) {
            throw new IllegalArgumentException("the leave-one-out baseline needs samples >= 2, got " + samples);
        }
        this.baseline = b.baseline;
        this.seed = b.seed();
        this.executor = b.executor();
    }

    /** Starts a builder around any oracle. */
    public static Builder builder(MapOracle oracle) {
        return new Builder(oracle);
    }

    @Override
    public int dimension() {
        return oracle.dimension();
    }

    @Override
    public int samples() {
        return samples;
    }

    @Override
    public String name() {
        return "perturbed";
    }

    public Perturbation perturbation() {
        return perturbation;
    }

    public double temperature() {
        return temperature;
    }

    public DifferentiableNoise noise() {
        return noise;
    }

    public Baseline baseline() {
        return baseline;
    }

    @Override
    public Pass forward(double[] theta, int batchSize, long step) {
        Checks.atLeast("batch size", batchSize, 1);
        int n = dimension();
        Checks.length("theta", theta, batchSize * n);
        Checks.finiteRows("theta", theta, n);
        if (perturbation == Perturbation.MULTIPLICATIVE) {
            for (int i = 0; i < theta.length; i++) {
                if (theta[i] == 0.0) {
                    throw new IllegalArgumentException("theta row " + (i / n) + " coordinate " + (i % n)
                            + " is 0, which a multiplicative perturbation cannot move or differentiate");
                }
            }
        }
        double[] thetaCopy = theta.clone();
        int rows = batchSize * samples;
        double[] eps = new double[rows * n];
        double[] z = new double[rows * n];
        double t = temperature;
        // Each row's noise is drawn where the executor asks for the row (kept in eps for the
        // backward), so the solves go out as one request with no batch-sized perturbed array.
        executor.solve(oracle, rows, (row, eta, off) -> {
            int e = row * n;
            noise.sample(RandomStreams.open(seed, step, row / samples, row % samples), eps, e, n);
            int base = (row / samples) * n;
            if (perturbation == Perturbation.ADDITIVE) {
                for (int i = 0; i < n; i++) {
                    eta[off + i] = thetaCopy[base + i] + t * eps[e + i];
                }
            } else {
                for (int i = 0; i < n; i++) {
                    eta[off + i] = thetaCopy[base + i] * Math.exp(t * eps[e + i] - 0.5 * t * t);
                }
            }
        }, z);
        return new Pass(batchSize, thetaCopy, eps, z);
    }

    /** A forward pass of the perturbed optimizer: the samples, their mean and the backward rule. */
    public final class Pass extends AbstractPass {
        private final double[] theta;
        private final double[] eps;
        /** Computed on first use: the plain backward does not need it. */
        private double[] mean;

        private Pass(int batchSize, double[] theta, double[] eps, double[] z) {
            super(batchSize, PerturbedEstimator.this.samples, oracle.dimension(), z);
            this.theta = theta;
            this.eps = eps;
        }

        /** The perturbed mean, B rows: the estimate of {@code y(theta)}. Owned by the pass; read only. */
        public double[] mean() {
            if (mean == null) {
                int n = dimension;
                double[] m = new double[batchSize * n];
                for (int row = 0; row < batchSize; row++) {
                    for (int s = 0; s < samples; s++) {
                        for (int i = 0; i < n; i++) {
                            m[row * n + i] += structures[(row * samples + s) * n + i];
                        }
                    }
                    for (int i = 0; i < n; i++) {
                        m[row * n + i] /= samples;
                    }
                }
                mean = m;
            }
            return mean;
        }

        /** The noise draws Z, B * S rows. Owned by the pass; read only. */
        public double[] noise() {
            return eps;
        }

        @Override
        public void backward(double[] dLdz, double[] gradTheta) {
            checkBackward(dLdz, gradTheta);
            accumulate(dLdz, true, gradTheta);
        }

        /** Backward from dL/dy for the mean y (B rows): the estimate of {@code J^T dL/dy}. */
        public void backwardFromMean(double[] dLdMean, double[] gradTheta) {
            Checks.length("dL/dmean", dLdMean, batchSize * dimension);
            Checks.finiteRows("dL/dmean", dLdMean, dimension);
            Checks.length("dL/dtheta output", gradTheta, batchSize * dimension);
            accumulate(dLdMean, false, gradTheta);
        }

        private void accumulate(double[] g, boolean perSample, double[] grad) {
            // one task per row of theta, samples summed in order: the same numbers on any executor
            executor.run(batchSize, row -> accumulateRow(row, g, perSample, grad));
        }

        private void accumulateRow(int row, double[] g, boolean perSample, double[] grad) {
            int n = dimension;
            int r = row * n;
            double scale = samples * temperature;
            boolean multiplicative = perturbation == Perturbation.MULTIPLICATIVE;
            boolean leaveOneOut = baseline.kind() == Baseline.Kind.LEAVE_ONE_OUT;
            double dotSum = 0;
            if (leaveOneOut) {
                for (int s = 0; s < samples; s++) {
                    dotSum += dot(row, s, g, perSample);
                }
            }
            // one pass per sample: the first writes where a zeroed row would be added to, the last
            // divides, so the row gets exactly the operations of zero, add S times, divide
            for (int s = 0; s < samples; s++) {
                int off = (row * samples + s) * n;
                double dot = dot(row, s, g, perSample);
                if (leaveOneOut) {
                    dot -= (dotSum - dot) / (samples - 1);
                }
                boolean first = s == 0;
                boolean last = s == samples - 1;
                for (int i = 0; i < n; i++) {
                    double sum = (first ? 0.0 : grad[r + i]) + dot * noise.negLogDensityDerivative(eps[off + i]);
                    grad[r + i] = last ? sum / (multiplicative ? scale * theta[r + i] : scale) : sum;
                }
            }
        }

        /** {@code <z_bs, g>}, g the sample's own upstream gradient or the row's (dL/dmean). */
        private double dot(int row, int s, double[] g, boolean perSample) {
            int n = dimension;
            int off = (row * samples + s) * n;
            int gOff = perSample ? off : row * n;
            double dot = 0;
            for (int i = 0; i < n; i++) {
                double z = structures[off + i];
                // an exact zero adds +-0.0, which leaves a sum that starts at +0.0 unchanged;
                // skipping it takes most of the dependent adds off a sparse structure
                if (z != 0.0) {
                    dot += z * g[gOff + i];
                }
            }
            return dot;
        }
    }

    /** Builds a {@link PerturbedEstimator}; arguments are validated at {@link #build()}. */
    public static final class Builder extends EstimatorBuilder<Builder, PerturbedEstimator> {

        /** Z's distribution; the default is resolved by name through {@link NoiseRegistry#standard()}. */
        public static final Setting<DifferentiableNoise> NOISE = Setting.noise("noise", "gaussian",
                DifferentiableNoise.class, "Z's distribution, with a smooth density: gaussian or gumbel");
        public static final Setting<Double> TEMPERATURE = Setting.real("temperature", 1.0, "T > 0, the noise scale");
        public static final Setting<Integer> SAMPLES = Setting.integer("samples", 10, "S, samples per row");
        public static final Setting<Perturbation> PERTURBATION = Setting.choice("perturbation", "additive",
                Perturbation.ADDITIVE, Perturbation::parse,
                "additive: theta + T Z; multiplicative: theta * exp(T Z - T^2 / 2), theta without zero entries");
        public static final Setting<Baseline> BASELINE = Setting.choice("baseline", "none", Baseline.none(),
                text -> Baseline.parse(text, 0.9),
                "none, or leave-one-out (S >= 2): each sample's <z, dL/dz> less the mean of the row's other samples'");

        private final MapOracle oracle;
        /** Null: {@link #NOISE}'s default. */
        private DifferentiableNoise noise;
        private Perturbation perturbation = PERTURBATION.defaultValue();
        private double temperature = TEMPERATURE.defaultValue();
        private int samples = SAMPLES.defaultValue();
        private Baseline baseline = BASELINE.defaultValue();

        private Builder(MapOracle oracle) {
            if (oracle == null) {
                throw new IllegalArgumentException("oracle must not be null");
            }
            this.oracle = oracle;
        }

        /** Z's distribution ({@link #NOISE}): GaussianNoise or GumbelNoise of imle-noise. */
        public Builder noise(DifferentiableNoise noise) {
            this.noise = noise;
            return this;
        }

        /** Additive or multiplicative ({@link #PERTURBATION}). */
        public Builder perturbation(Perturbation perturbation) {
            this.perturbation = perturbation;
            return this;
        }

        /** T > 0, the noise scale ({@link #TEMPERATURE}). */
        public Builder temperature(double t) {
            this.temperature = t;
            return this;
        }

        /** S, the samples per row ({@link #SAMPLES}). */
        public Builder samples(int s) {
            this.samples = s;
            return this;
        }

        /** The control variate ({@link #BASELINE}): none or leave-one-out. */
        public Builder baseline(Baseline baseline) {
            this.baseline = baseline;
            return this;
        }

        @Override
        protected PerturbedEstimator make() {
            return new PerturbedEstimator(this, noise != null ? noise : NOISE.defaultValue());
        }
    }
}
