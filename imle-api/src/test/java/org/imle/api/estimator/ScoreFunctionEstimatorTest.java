package org.imle.api.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.imle.api.diagnostics.DifferentiableLoss;
import org.imle.api.exact.ExactDistribution;
import org.imle.api.exact.KSubsetFamily;
import org.imle.api.exact.StructureSet;
import org.imle.api.execution.RandomStreams;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.testing.Fixtures;
import org.junit.jupiter.api.Test;

class ScoreFunctionEstimatorTest {

    private static final int N = 5;
    private static final KSubsetFamily FAMILY = KSubsetFamily.of(N, 2);

    @Test
    void leaveOneOutBackwardMatchesTheFormulaOnExactSamples() {
        SplittableRandom rng = new SplittableRandom(51);
        int s = 3;
        ScoreFunctionEstimator est = Estimators.scoreFunction(FAMILY).samples(s).seed(6)
                .executor(SolveExecutor.sequential()).build();
        for (int trial = 0; trial < 200; trial++) {
            double[] theta = Fixtures.gaussian(rng, 2 * N, 1);
            double[] losses = Fixtures.gaussian(rng, 2 * s, 3);
            ScoreFunctionEstimator.Pass pass = est.forward(theta, 2, trial);
            double[] grad = new double[2 * N];
            pass.backwardFromLosses(losses, grad);
            for (int row = 0; row < 2; row++) {
                double[] mu = FAMILY.marginals(Fixtures.row(theta, row, N));
                assertArrayEquals(mu, Fixtures.row(pass.marginals(), row, N), 1e-15);
                double[] expected = new double[N];
                double sum = losses[row * s] + losses[row * s + 1] + losses[row * s + 2];
                for (int k = 0; k < s; k++) {
                    double[] z = new double[N];
                    FAMILY.sample(theta, row * N, RandomStreams.open(6, trial, row, k), z, 0);
                    assertArrayEquals(z, Fixtures.row(pass.structures(), row * s + k, N), 0.0);
                    double l = losses[row * s + k];
                    double baseline = (sum - l) / (s - 1);
                    for (int i = 0; i < N; i++) {
                        expected[i] += (l - baseline) * (z[i] - mu[i]) / s;
                    }
                }
                assertArrayEquals(expected, Fixtures.row(grad, row, N), 1e-12);
            }
            double[] g = Fixtures.gaussian(rng, 2 * s * N, 1);
            double[] linear = new double[2 * s];
            for (int r = 0; r < 2 * s; r++) {
                for (int i = 0; i < N; i++) {
                    linear[r] += g[r * N + i] * pass.structures()[r * N + i];
                }
            }
            double[] viaLosses = new double[2 * N];
            pass.backwardFromLosses(linear, viaLosses);
            assertArrayEquals(viaLosses, pass.backward(g), 0.0, "dL/dz backward uses the linear loss <g, z>");
        }
    }

    @Test
    void meanOverDrawsIsTheExactGradientWithinFiveStandardErrors() {
        double[] theta = {0.4, -0.3, 1.0, 0.1, -0.8};
        double[] b = {0.9, 0.1, 0.4, 1.3, 0.2};
        DifferentiableLoss loss = DifferentiableLoss.squaredDistance(b);
        double[] exact = new ExactDistribution(StructureSet.kSubsets(N, 2)).expectedLossGradient(theta, loss::value);
        for (Baseline baseline : new Baseline[] {Baseline.none(), Baseline.leaveOneOut(), Baseline.movingAverage(0.9)}) {
            ScoreFunctionEstimator est = Estimators.scoreFunction(FAMILY).samples(2).baseline(baseline).seed(77)
                    .executor(SolveExecutor.sequential()).build();
            int draws = 20_000;
            double[] sum = new double[N];
            double[] sumSq = new double[N];
            double[] grad = new double[N];
            for (int d = 0; d < draws; d++) {
                ScoreFunctionEstimator.Pass pass = est.forward(theta, 1, d);
                double[] z = pass.structures();
                double[] losses = {loss.value(Fixtures.row(z, 0, N)), loss.value(Fixtures.row(z, 1, N))};
                pass.backwardFromLosses(losses, grad);
                for (int i = 0; i < N; i++) {
                    sum[i] += grad[i];
                    sumSq[i] += grad[i] * grad[i];
                }
            }
            for (int i = 0; i < N; i++) {
                double mean = sum[i] / draws;
                double se = Math.sqrt((sumSq[i] / draws - mean * mean) / draws);
                assertEquals(exact[i], mean, 5 * se, baseline + " coordinate " + i);
            }
        }
    }

    @Test
    void movingAverageBaselineMovesOncePerBackwardInCallOrder() {
        ScoreFunctionEstimator est = Estimators.scoreFunction(FAMILY).baseline(Baseline.movingAverage(0.5))
                .executor(SolveExecutor.sequential()).build();
        double[] theta = new double[2 * N];
        double[] grad = new double[2 * N];
        double expected = 0;
        double[][] calls = {{1, 3}, {4, 0}, {-2, 2}};
        for (double[] losses : calls) {
            ScoreFunctionEstimator.Pass pass = est.forward(theta, 2, 0);
            double baseline = est.baselineValue();
            pass.backwardFromLosses(losses, grad);
            double[] mu = pass.marginals();
            for (int i = 0; i < N; i++) {
                assertEquals((losses[1] - baseline) * (pass.structures()[N + i] - mu[N + i]), grad[N + i], 1e-12);
            }
            expected = 0.5 * expected + 0.5 * (losses[0] + losses[1]) / 2;
            assertEquals(expected, est.baselineValue(), 1e-15);
        }
    }

    @Test
    void badParametersAreRejected() {
        assertEquals("the leave-one-out baseline needs samples >= 2, got 1", assertThrows(
                IllegalArgumentException.class,
                () -> Estimators.scoreFunction(FAMILY).baseline(Baseline.leaveOneOut()).build()).getMessage());
        assertEquals("baseline decay must be in [0, 1), got 1.0", assertThrows(IllegalArgumentException.class,
                () -> Baseline.movingAverage(1.0)).getMessage());
        ScoreFunctionEstimator.Pass pass = Estimators.scoreFunction(FAMILY).samples(2).build()
                .forward(new double[N], 1, 0);
        assertEquals("loss of row 0 sample 1 is NaN", assertThrows(IllegalArgumentException.class,
                () -> pass.backwardFromLosses(new double[] {0, Double.NaN}, new double[N])).getMessage());
        assertEquals("baseline must be 'none', 'leave-one-out' or 'moving-average', got 'mean'",
                assertThrows(IllegalArgumentException.class, () -> Baseline.parse("mean", 0.9)).getMessage());
    }
}
