package org.imle.api.estimator;

import org.apache.commons.rng.UniformRandomProvider;
import org.imle.api.MapOracle;
import org.imle.api.NoiseDistribution;
import org.imle.api.check.Checks;
import org.imle.api.execution.RandomStreams;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.execution.ThetaRows;

/**
 * The sampling half shared by the perturbation-based estimators: draws eps for every (row, sample,
 * marginal sample), hands the solves of {@code MAP(theta + T * eps)} to the executor as one
 * row-batch request and averages the M marginal solves of each sample. The noise is kept so that a target solve can reuse exactly the same eps.
 *
 * <p>Stream keys: the noise of row b, sample s, marginal sample m at step t comes from
 * {@code RandomStreams.open(seed, t, b, s * M + m)}.
 */
public final class PerturbAndMap {

    private final MapOracle oracle;
    private final NoiseDistribution noise;
    private final double temperature;
    private final int samples;
    private final int marginalSamples;
    private final long seed;
    private final SolveExecutor executor;
    /** Per-thread rows for {@link #solve} without caller scratch: perturbed scores, then a single solve. */
    private final ThreadLocal<double[]> rowBuffers;

    /**
     * @param temperature T, multiplying the noise (0 allowed: plain MAP)
     * @param samples S >= 1 structures per row
     * @param marginalSamples M >= 1 solves averaged into each structure
     */
    public PerturbAndMap(MapOracle oracle, NoiseDistribution noise, double temperature, int samples,
            int marginalSamples, long seed, SolveExecutor executor) {
        if (oracle == null || noise == null || executor == null) {
            throw new IllegalArgumentException("oracle, noise and executor must not be null");
        }
        this.oracle = oracle;
        this.noise = noise;
        this.temperature = Checks.nonNegative("temperature", temperature);
        this.samples = Checks.atLeast("samples", samples, 1);
        this.marginalSamples = Checks.atLeast("marginal samples", marginalSamples, 1);
        this.seed = seed;
        this.executor = executor;
        int n = oracle.dimension();
        this.rowBuffers = ThreadLocal.withInitial(() -> new double[2 * n]);
    }

    public MapOracle oracle() {
        return oracle;
    }

    public NoiseDistribution noise() {
        return noise;
    }

    public double temperature() {
        return temperature;
    }

    public int samples() {
        return samples;
    }

    public int marginalSamples() {
        return marginalSamples;
    }

    public long seed() {
        return seed;
    }

    public SolveExecutor executor() {
        return executor;
    }

    /** True when no noise is drawn (zero noise or zero temperature). */
    public boolean noiseFree() {
        return noise.isZero() || temperature == 0.0;
    }

    /**
     * Checks theta (length B * n, finite) and that the B * S * M rows of noise fit in one array,
     * and returns B.
     */
    public int checkTheta(double[] theta, int batchSize) {
        Checks.atLeast("batch size", batchSize, 1);
        int n = oracle.dimension();
        if (theta == null) {
            throw new IllegalArgumentException("theta is null");
        }
        if (theta.length != (long) batchSize * n) {
            throw new IllegalArgumentException("theta has length " + theta.length + ", expected batch size "
                    + batchSize + " x dimension " + n + " = " + ((long) batchSize * n));
        }
        long cells = (long) batchSize * samples * marginalSamples * n;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("batch size " + batchSize + " x samples " + samples
                    + " x marginal samples " + marginalSamples + " x dimension " + n + " = " + cells
                    + " exceeds the largest array; split the batch");
        }
        Checks.finiteRows("theta", theta, n);
        return batchSize;
    }

    /**
     * Draws the noise of a batch: B * S * M rows of n, or {@code null} when {@link #noiseFree()}.
     */
    public double[] drawNoise(int batchSize, long step) {
        return noiseFree() ? null : drawNoiseIgnoringTemperature(batchSize, step);
    }

    /**
     * Draws the noise of a batch even when this sampler's own temperature is zero ({@code null}
     * only for zero noise). An estimator whose second solve has its own temperature (I-MLE's
     * T_target) needs this: with T_in = 0 and T_target > 0 the target solve must still be
     * perturbed, by the same eps the forward would have used.
     */
    public double[] drawNoiseIgnoringTemperature(int batchSize, long step) {
        if (noise.isZero()) {
            return null;
        }
        int n = oracle.dimension();
        int perRow = samples * marginalSamples;
        double[] eps = new double[batchSize * perRow * n];
        executor.run(batchSize * perRow, task -> {
            int b = task / perRow;
            int sm = task % perRow;
            UniformRandomProvider rng = RandomStreams.open(seed, step, b, sm);
            noise.sample(rng, eps, task * n, n);
        });
        return eps;
    }

    /**
     * Solves, for each of the B * S (row, sample) pairs, the M problems
     * {@code MAP(base_row + temperature * eps)} and writes their mean into {@code out} at row
     * {@code b * S + s}. {@code base} holds either B rows (one per theta row, {@code perSample =
     * false}) or B * S rows ({@code perSample = true}, as for a target that depends on dL/dz).
     * The solves go to the executor as one request ({@link SolveExecutor#solve}).
     */
    public void solve(double[] base, boolean perSample, double[] eps, double temperature, double[] out) {
        int n = oracle.dimension();
        ThetaRows rows;
        if (perSample || samples == 1) {
            rows = ThetaRows.stored(base, n);
        } else {
            int s = samples;
            rows = (row, target, offset) -> System.arraycopy(base, (row / s) * n, target, offset, n);
        }
        solve(rows, eps, temperature, out);
    }

    /**
     * The form of {@link #solve(double[], boolean, double[], double, double[])} from before the
     * row-batch contract; the scratch arrays are no longer used.
     *
     * @param scratch ignored
     * @param solved ignored
     * @deprecated the solves no longer need caller scratch: use the five-argument form
     */
    @Deprecated
    public void solve(double[] base, boolean perSample, double[] eps, double temperature,
            double[] out, double[] scratch, double[] solved) {
        solve(base, perSample, eps, temperature, out);
    }

    /**
     * Solves, for each of the B * S (row, sample) pairs {@code row = b * S + s}, the M problems
     * {@code MAP(base_row + temperature * eps_(row, m))} and writes their mean into {@code out} at
     * that row: the base rows are written by {@code baseRows} (a target computed on demand, say),
     * the noise is added here, and all B * S * M solves go to the executor as one request. With
     * {@code eps == null} or {@code temperature == 0} each row is the single solve of its base row.
     */
    public void solve(ThetaRows baseRows, double[] eps, double temperature, double[] out) {
        int n = oracle.dimension();
        int tasks = out.length / n;
        int m = marginalSamples;
        // At temperature 0 the perturbation adds exactly nothing (eps is finite): skip it, and
        // skip the M - 1 repeated solves of the same problem.
        double[] perturbation = temperature == 0.0 ? null : eps;
        if (perturbation == null) {
            executor.solve(oracle, tasks, baseRows, out);
            return;
        }
        ThetaRows perturbed = (q, target, offset) -> {
            baseRows.write(q / m, target, offset);
            addNoise(perturbation, q * n, temperature, target, offset, n);
        };
        if (m == 1) {
            executor.solve(oracle, tasks, perturbed, out);
            return;
        }
        double[] single = new double[tasks * m * n];
        executor.solve(oracle, tasks * m, perturbed, single);
        double inv = 1.0 / m;
        executor.run(tasks, row -> {
            int off = row * n;
            java.util.Arrays.fill(out, off, off + n, 0.0);
            for (int k = 0; k < m; k++) {
                int from = (row * m + k) * n;
                for (int i = 0; i < n; i++) {
                    out[off + i] += single[from + i];
                }
            }
            for (int i = 0; i < n; i++) {
                out[off + i] *= inv;
            }
        });
    }

    /** {@code row[off + i] += t * eps[epsOff + i]}: the perturbation of a base row written in place. */
    private static void addNoise(double[] eps, int epsOff, double t, double[] row, int off, int n) {
        for (int i = 0; i < n; i++) {
            row[off + i] = row[off + i] + t * eps[epsOff + i];
        }
    }

    /**
     * Solves the M problems {@code MAP(base[baseOff..baseOff+n) + temperature * eps_(row, m))} of
     * one (row, sample) pair, {@code row = b * S + s}, and writes their mean into {@code
     * out[off..off+n)}, in this thread's own row buffers: what {@link #solve} does for one row, for
     * callers that compute the base row themselves (a target) and want no batch-sized array. With
     * {@code eps == null} or {@code temperature == 0} it is the single solve of the base row.
     * {@code out} must not overlap {@code base}.
     *
     * @deprecated it solves on the calling thread, past the executor's row-batch contract, so a
     *     distributed executor never sees the solve: hand blocks of rows to
     *     {@link #solve(ThetaRows, double[], double, double[])} instead
     */
    @Deprecated
    public void solveRow(double[] base, int baseOff, double[] eps, int row, double temperature,
            double[] out, int off) {
        if (eps == null || temperature == 0.0) {
            oracle.solve(base, baseOff, out, off);
        } else {
            solveWithRowBuffer(base, baseOff, eps, row, temperature, out, off, oracle.dimension(), marginalSamples);
        }
    }

    /** The body of {@link #solve} for one (row, sample) pair, in this thread's own row buffers. */
    private void solveWithRowBuffer(double[] base, int baseOff, double[] eps, int row, double t,
            double[] out, int off, int n, int m) {
        double[] buffer = rowBuffers.get();
        if (m == 1) {
            perturb(base, baseOff, eps, row * n, t, buffer, 0, n);
            oracle.solve(buffer, 0, out, off);
            return;
        }
        java.util.Arrays.fill(out, off, off + n, 0.0);
        for (int k = 0; k < m; k++) {
            perturb(base, baseOff, eps, (row * m + k) * n, t, buffer, 0, n);
            oracle.solve(buffer, 0, buffer, n);
            for (int i = 0; i < n; i++) {
                out[off + i] += buffer[n + i];
            }
        }
        double inv = 1.0 / m;
        for (int i = 0; i < n; i++) {
            out[off + i] *= inv;
        }
    }

    private static void perturb(double[] base, int baseOff, double[] eps, int epsOff, double t,
            double[] out, int off, int n) {
        for (int i = 0; i < n; i++) {
            out[off + i] = base[baseOff + i] + t * eps[epsOff + i];
        }
    }
}
