package org.imle.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.imle.api.EstimatorPass;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.NoiseDistribution;
import org.imle.api.execution.RandomStreams;

/**
 * An estimator, a batch and its dL/dz, plus the exact oracle calls one forward+backward makes, so
 * a benchmark can time the pass and, separately, the same solves alone: the difference is the
 * estimator's own overhead (noise, perturbation, targets, buffers, reductions).
 *
 * <p>The calls are recorded once at setup by running the pass through an oracle that copies every
 * theta row it is asked to solve; the estimator under test must run its solves on the calling
 * thread for that recording ({@code SolveExecutor.sequential()}), which the benchmarks use anyway
 * to measure one core.
 */
final class EstimatorFixture {

    private final GradientEstimator estimator;
    private final MapOracle oracle;
    private final double[] theta;
    private final double[] dLdz;
    private final double[] grad;
    private final int batchSize;
    private final double[] recorded;
    private final double[] z;
    private long step;

    /**
     * @param build makes the estimator around the given oracle; called twice (recording, timing)
     */
    EstimatorFixture(MapOracle oracle, Function<MapOracle, GradientEstimator> build, double[] theta,
            double[] dLdz, int batchSize) {
        this.oracle = oracle;
        this.theta = theta;
        this.dLdz = dLdz;
        this.batchSize = batchSize;
        int n = oracle.dimension();
        this.grad = new double[batchSize * n];
        this.z = new double[n];
        Recorder recorder = new Recorder(oracle);
        EstimatorPass pass = build.apply(recorder).forward(theta, batchSize, 0);
        pass.backward(dLdz, new double[batchSize * n]);
        this.recorded = new double[recorder.rows.size() * n];
        for (int r = 0; r < recorder.rows.size(); r++) {
            System.arraycopy(recorder.rows.get(r), 0, recorded, r * n, n);
        }
        this.estimator = build.apply(oracle);
    }

    /** The number of oracle calls of one forward+backward. */
    int calls() {
        return recorded.length / oracle.dimension();
    }

    /** One forward and one backward pass, with fresh noise (a new step) each time. */
    double[] forwardBackward() {
        EstimatorPass pass = estimator.forward(theta, batchSize, step++);
        pass.backward(dLdz, grad);
        return grad;
    }

    /** The oracle calls of one forward+backward, alone, on the calling thread. */
    double[] oracleCalls() {
        int n = oracle.dimension();
        for (int off = 0; off < recorded.length; off += n) {
            oracle.solve(recorded, off, z, 0);
        }
        return z;
    }

    /**
     * Draws the noise of one pass alone into {@code out}: {@code rows} rows of n, row r from the
     * stream of (seed, step, r / samples, r % samples), which is where a pass with S samples per
     * theta row (and one solve per sample) takes them from.
     */
    static double[] drawNoise(NoiseDistribution noise, long seed, long step, int rows, int samples,
            double[] out, int n) {
        for (int row = 0; row < rows; row++) {
            noise.sample(RandomStreams.open(seed, step, row / samples, row % samples), out, row * n, n);
        }
        return out;
    }

    /** Copies every row it solves, in call order. */
    private static final class Recorder implements MapOracle {
        private final MapOracle inner;
        private final List<double[]> rows = new ArrayList<>();

        Recorder(MapOracle inner) {
            this.inner = inner;
        }

        @Override
        public int dimension() {
            return inner.dimension();
        }

        @Override
        public void solve(double[] theta, double[] z) {
            solve(theta, 0, z, 0);
        }

        @Override
        public synchronized void solve(double[] theta, int thetaOffset, double[] z, int zOffset) {
            rows.add(java.util.Arrays.copyOfRange(theta, thetaOffset, thetaOffset + inner.dimension()));
            inner.solve(theta, thetaOffset, z, zOffset);
        }
    }
}
