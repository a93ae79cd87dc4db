package org.imle.train.node;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.imle.api.EstimatorPass;
import org.imle.api.MapOracle;
import org.imle.api.NoiseDistribution;
import org.imle.api.estimator.ImleEstimator;
import org.imle.api.exact.EnumeratedOracle;
import org.imle.api.exact.StructureSet;
import org.imle.api.execution.SolveExecutor;
import org.imle.train.loss.Losses;
import org.imle.train.nn.Linear;
import org.imle.train.optim.Adam;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The discrete node against the estimator it wraps, and a linear model trained through top-k.
 * The oracle is MAP by enumeration over the k-subsets; {@code org.imle.solvers.topk.TopKOracle}
 * computes the same maximiser and can replace it.
 */
class DiscreteNodeTest {

    private static final int N = 8;
    private static final int K = 3;

    /** Gumbel(0, 1) noise by inversion, enough for these tests. */
    private static final NoiseDistribution GUMBEL = new NoiseDistribution() {
        @Override
        public void sample(UniformRandomProvider random, double[] out, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                out[i] = -Math.log(-Math.log(random.nextDouble() * (1 - 1e-12) + 1e-12));
            }
        }

        @Override
        public String name() {
            return "gumbel";
        }
    };

    private static MapOracle topK() {
        return new EnumeratedOracle(StructureSet.kSubsets(N, K));
    }

    @Test
    void forwardAndBackwardAreTheEstimatorsConvertedToFloat() {
        ImleEstimator est = ImleEstimator.builder(topK()).noise(GUMBEL).samples(3).lambda(5).seed(11)
                .executor(SolveExecutor.sequential()).build();
        SplittableRandom rnd = new SplittableRandom(1);
        int b = 4;
        float[] theta = new float[b * N];
        double[] thetaD = new double[b * N];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = (float) rnd.nextGaussian();
            thetaD[i] = theta[i];
        }
        Tensor t = Tensor.leaf(theta, b, N);
        Tensor z = new DiscreteNode(est).apply(t, 9);
        assertArrayEquals(new int[] {b * 3, N}, z.shape());
        EstimatorPass pass = est.forward(thetaD, b, 9);
        for (int i = 0; i < z.size(); i++) {
            assertEquals(pass.structures()[i], z.data()[i], 0.0);
        }
        float[] up = new float[z.size()];
        double[] upD = new double[z.size()];
        for (int i = 0; i < up.length; i++) {
            up[i] = (float) rnd.nextGaussian();
            upD[i] = up[i];
        }
        z.backward(up);
        double[] expected = pass.backward(upD);
        for (int i = 0; i < expected.length; i++) {
            assertEquals((float) expected[i], t.grad()[i], 0f, "coordinate " + i);
        }
    }

    @Test
    void thetaOfTheWrongShapeIsNamed() {
        DiscreteNode node = new DiscreteNode(ImleEstimator.builder(topK()).build());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> node.apply(Tensor.zeros(2, N + 1), 0));
        assertTrue(e.getMessage().contains("[2, 9]") && e.getMessage().contains("[B, 8]"), e.getMessage());
    }

    @Test
    void trainsALinearModelThroughTopK() {
        int d = 6;
        int trainSize = 200;
        int testSize = 200;
        SplittableRandom rnd = new SplittableRandom(2024);
        float[] wTrue = new float[d * N];
        for (int i = 0; i < wTrue.length; i++) {
            wTrue[i] = (float) rnd.nextGaussian();
        }
        float[][] xs = new float[2][];
        float[][] ys = new float[2][];
        int[] sizes = {trainSize, testSize};
        MapOracle oracle = topK();
        for (int part = 0; part < 2; part++) {
            xs[part] = new float[sizes[part] * d];
            ys[part] = new float[sizes[part] * N];
            for (int r = 0; r < sizes[part]; r++) {
                double[] th = new double[N];
                for (int j = 0; j < d; j++) {
                    float v = (float) rnd.nextGaussian();
                    xs[part][r * d + j] = v;
                    for (int i = 0; i < N; i++) {
                        th[i] += v * wTrue[j * N + i];
                    }
                }
                double[] z = new double[N];
                oracle.solve(th, z);
                for (int i = 0; i < N; i++) {
                    ys[part][r * N + i] = (float) z[i];
                }
            }
        }
        Linear model = new Linear(d, N, false, new SplittableRandom(7));
        ImleEstimator est = ImleEstimator.builder(oracle).noise(GUMBEL).lambda(10).seed(3).build();
        DiscreteNode node = new DiscreteNode(est);
        double before = exactMatch(model, oracle, xs[1], ys[1], testSize, d);
        Adam opt = new Adam(model.parameters(), 0.05);
        int batch = 20;
        long step = 0;
        for (int epoch = 0; epoch < 15; epoch++) {
            for (int start = 0; start < trainSize; start += batch) {
                Tensor x = Tensor.of(Arrays.copyOfRange(xs[0], start * d, (start + batch) * d), batch, d);
                Tensor y = Tensor.of(Arrays.copyOfRange(ys[0], start * N, (start + batch) * N), batch, N);
                opt.zeroGrad();
                Tensor loss = Losses.hamming(node.apply(model.forward(x), step++), y);
                loss.backward();
                opt.step();
            }
        }
        double after = exactMatch(model, oracle, xs[1], ys[1], testSize, d);
        assertTrue(before < 0.3, "untrained exact-match rate " + before);
        assertTrue(after >= 0.8, "exact-match rate after training through top-k: " + after + " (before " + before + ")");
    }

    private static double exactMatch(Linear model, MapOracle oracle, float[] x, float[] y, int rows, int d) {
        float[] theta = model.forward(Tensor.of(x, rows, d)).data();
        int hits = 0;
        double[] th = new double[N];
        double[] z = new double[N];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < N; i++) {
                th[i] = theta[r * N + i];
            }
            oracle.solve(th, z);
            boolean same = true;
            for (int i = 0; i < N; i++) {
                same &= z[i] == y[r * N + i];
            }
            hits += same ? 1 : 0;
        }
        return hits / (double) rows;
    }
}
