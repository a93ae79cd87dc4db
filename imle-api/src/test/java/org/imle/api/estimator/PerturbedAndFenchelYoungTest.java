package org.imle.api.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.imle.api.exact.EnumeratedOracle;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.loss.FenchelYoungLoss;
import org.imle.api.testing.Fixtures;
import org.junit.jupiter.api.Test;

class PerturbedAndFenchelYoungTest {

    private static final int N = 5;
    private static final EnumeratedOracle TOP2 = Fixtures.topK(N, 2);

    @Test
    void additiveBackwardIsTheScoreIdentityOfTheNoise() {
        SplittableRandom rng = new SplittableRandom(31);
        for (int trial = 0; trial < 200; trial++) {
            int b = 1 + rng.nextInt(2);
            int s = 1 + rng.nextInt(4);
            double t = 0.2 + rng.nextDouble();
            PerturbedEstimator est = Estimators.perturbed(TOP2).noise(LogisticTestNoise.INSTANCE)
                    .temperature(t).samples(s).seed(trial).executor(SolveExecutor.sequential()).build();
            double[] theta = Fixtures.gaussian(rng, b * N, 1);
            double[] g = Fixtures.gaussian(rng, b * s * N, 1);
            PerturbedEstimator.Pass pass = est.forward(theta, b, 2);
            double[] grad = pass.backward(g);
            for (int row = 0; row < b; row++) {
                double[] expected = new double[N];
                double[] mean = new double[N];
                for (int k = 0; k < s; k++) {
                    double[] eps = LogisticTestNoise.draws(trial, 2, row, k, N);
                    double[] z = Fixtures.solve(TOP2, Fixtures.axpy(1, Fixtures.row(theta, row, N), t, eps));
                    assertArrayEquals(z, Fixtures.row(pass.structures(), row * s + k, N), 0.0);
                    double dot = 0;
                    for (int i = 0; i < N; i++) {
                        dot += z[i] * g[(row * s + k) * N + i];
                        mean[i] += z[i] / s;
                    }
                    for (int i = 0; i < N; i++) {
                        expected[i] += dot * Math.tanh(eps[i] / 2) / (s * t);
                    }
                }
                assertArrayEquals(expected, Fixtures.row(grad, row, N), 1e-12, "trial " + trial);
                assertArrayEquals(mean, Fixtures.row(pass.mean(), row, N), 1e-15);
            }
        }
    }

    @Test
    void theLeaveOneOutBaselineSubtractsTheMeanDotOfTheRowsOtherSamples() {
        SplittableRandom rng = new SplittableRandom(34);
        for (int trial = 0; trial < 200; trial++) {
            int b = 1 + rng.nextInt(2);
            int s = 2 + rng.nextInt(4);
            double t = 0.2 + rng.nextDouble();
            PerturbedEstimator est = Estimators.perturbed(TOP2).noise(LogisticTestNoise.INSTANCE).temperature(t)
                    .samples(s).baseline(Baseline.leaveOneOut()).seed(trial).executor(SolveExecutor.sequential())
                    .build();
            double[] theta = Fixtures.gaussian(rng, b * N, 1);
            double[] g = Fixtures.gaussian(rng, b * s * N, 1);
            double[] gMean = Fixtures.gaussian(rng, b * N, 1);
            PerturbedEstimator.Pass pass = est.forward(theta, b, 5);
            double[] grad = pass.backward(g);
            double[] fromMean = new double[b * N];
            pass.backwardFromMean(gMean, fromMean);
            for (int row = 0; row < b; row++) {
                double[] dots = new double[s];
                double[] dotsOfMean = new double[s];
                double[][] eps = new double[s][];
                for (int k = 0; k < s; k++) {
                    eps[k] = LogisticTestNoise.draws(trial, 5, row, k, N);
                    double[] z = Fixtures.row(pass.structures(), row * s + k, N);
                    for (int i = 0; i < N; i++) {
                        dots[k] += z[i] * g[(row * s + k) * N + i];
                        dotsOfMean[k] += z[i] * gMean[row * N + i];
                    }
                }
                double[] expected = new double[N];
                double[] expectedFromMean = new double[N];
                for (int k = 0; k < s; k++) {
                    double others = 0;
                    double othersOfMean = 0;
                    for (int j = 0; j < s; j++) {
                        if (j != k) {
                            others += dots[j] / (s - 1);
                            othersOfMean += dotsOfMean[j] / (s - 1);
                        }
                    }
                    for (int i = 0; i < N; i++) {
                        expected[i] += (dots[k] - others) * Math.tanh(eps[k][i] / 2) / (s * t);
                        expectedFromMean[i] += (dotsOfMean[k] - othersOfMean) * Math.tanh(eps[k][i] / 2) / (s * t);
                    }
                }
                assertArrayEquals(expected, Fixtures.row(grad, row, N), 1e-12, "trial " + trial);
                assertArrayEquals(expectedFromMean, Fixtures.row(fromMean, row, N), 1e-12, "trial " + trial);
            }
        }
    }

    @Test
    void theLeaveOneOutBaselineKeepsTheMeanGradientAndCutsItsVariance() {
        double[] theta = {0.8, 0.3, -0.2, 0.1, -0.6};
        double[] gMean = {1.0, 0.7, 0.9, 0.8, 1.1}; // all of one sign: the dots share a large offset
        int draws = 4000;
        double[][] sum = new double[2][N];
        double[][] squares = new double[2][N];
        for (int variant = 0; variant < 2; variant++) {
            PerturbedEstimator est = Estimators.perturbed(TOP2).noise(LogisticTestNoise.INSTANCE).temperature(0.7)
                    .samples(4).baseline(variant == 0 ? Baseline.none() : Baseline.leaveOneOut()).seed(9)
                    .executor(SolveExecutor.sequential()).build();
            for (int step = 0; step < draws; step++) {
                double[] grad = new double[N];
                est.forward(theta, 1, step).backwardFromMean(gMean, grad);
                for (int i = 0; i < N; i++) {
                    sum[variant][i] += grad[i];
                    squares[variant][i] += grad[i] * grad[i];
                }
            }
        }
        for (int i = 0; i < N; i++) {
            double meanNone = sum[0][i] / draws;
            double meanLoo = sum[1][i] / draws;
            double varNone = squares[0][i] / draws - meanNone * meanNone;
            double varLoo = squares[1][i] / draws - meanLoo * meanLoo;
            // the two means estimate the same J^T g: their difference is within 5 standard errors
            double stdError = Math.sqrt((varNone + varLoo) / draws);
            assertTrue(Math.abs(meanNone - meanLoo) < 5 * stdError, "coordinate " + i + ": " + meanNone + " against "
                    + meanLoo + " (standard error " + stdError + ")");
            assertTrue(varLoo < 0.5 * varNone, "coordinate " + i + ": variance " + varLoo + " against " + varNone);
        }
    }

    @Test
    void multiplicativeBackwardDividesByTheta() {
        SplittableRandom rng = new SplittableRandom(32);
        double t = 0.5;
        int s = 3;
        PerturbedEstimator est = Estimators.perturbed(TOP2).noise(LogisticTestNoise.INSTANCE)
                .perturbation(PerturbedEstimator.Perturbation.MULTIPLICATIVE).temperature(t).samples(s)
                .seed(7).executor(SolveExecutor.sequential()).build();
        for (int trial = 0; trial < 100; trial++) {
            double[] theta = Fixtures.gaussian(rng, N, 1);
            double[] gMean = Fixtures.gaussian(rng, N, 1);
            PerturbedEstimator.Pass pass = est.forward(theta, 1, trial);
            double[] grad = new double[N];
            pass.backwardFromMean(gMean, grad);
            double[] expected = new double[N];
            for (int k = 0; k < s; k++) {
                double[] eps = LogisticTestNoise.draws(7, trial, 0, k, N);
                double[] eta = new double[N];
                for (int i = 0; i < N; i++) {
                    eta[i] = theta[i] * Math.exp(t * eps[i] - t * t / 2);
                }
                double[] z = Fixtures.solve(TOP2, eta);
                double dot = 0;
                for (int i = 0; i < N; i++) {
                    dot += z[i] * gMean[i];
                }
                for (int i = 0; i < N; i++) {
                    expected[i] += dot * Math.tanh(eps[i] / 2) / (s * t * theta[i]);
                }
            }
            assertArrayEquals(expected, grad, 1e-12);
        }
    }

    @Test
    void fenchelYoungGradientIsThePerturbedMeanMinusTheGoldAndItsValueTheSampledGap() {
        SplittableRandom rng = new SplittableRandom(33);
        FenchelYoungLoss loss = Estimators.fenchelYoung(TOP2).noise(LogisticTestNoise.INSTANCE).samples(4)
                .temperature(0.8).seed(3).executor(SolveExecutor.sequential()).build();
        for (int trial = 0; trial < 200; trial++) {
            double[] theta = Fixtures.gaussian(rng, 2 * N, 1);
            double[] gold = new double[2 * N];
            gold[rng.nextInt(N)] = 1;
            gold[N + rng.nextInt(N)] = 1;
            double[] grad = new double[2 * N];
            org.imle.api.StructuredLoss.Evaluation ev = loss.evaluate(theta, gold, 2, trial, grad);
            double[] values = ev.losses();
            assertEquals(4, ev.samples());
            for (int row = 0; row < 2; row++) {
                double f = 0;
                double[] mean = new double[N];
                for (int k = 0; k < 4; k++) {
                    double[] eps = LogisticTestNoise.draws(3, trial, row, k, N);
                    double[] perturbed = Fixtures.axpy(1, Fixtures.row(theta, row, N), 0.8, eps);
                    double[] z = Fixtures.solve(TOP2, perturbed);
                    assertArrayEquals(z, Fixtures.row(ev.structures(), row * 4 + k, N), 0.0);
                    for (int i = 0; i < N; i++) {
                        f += z[i] * perturbed[i] / 4;
                        mean[i] += z[i] / 4;
                    }
                }
                double linear = 0;
                for (int i = 0; i < N; i++) {
                    linear += theta[row * N + i] * gold[row * N + i];
                    assertEquals(mean[i] - gold[row * N + i], grad[row * N + i], 1e-15);
                }
                assertEquals(f - linear, values[row], 1e-12);
            }
        }
    }

    @Test
    void badParametersAreRejected() {
        // imle-api alone has no Gaussian noise: the default is named, and the error says where it lives
        assertEquals("the default noise 'gaussian' is not on the class path (imle-noise registers it; known: "
                + "[none]); set one explicitly", assertThrows(IllegalArgumentException.class,
                        () -> Estimators.perturbed(TOP2).build()).getMessage());
        assertEquals("temperature must be positive and finite, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> Estimators.perturbed(TOP2).noise(LogisticTestNoise.INSTANCE).temperature(0).build())
                .getMessage());
        PerturbedEstimator mult = Estimators.perturbed(TOP2).noise(LogisticTestNoise.INSTANCE)
                .perturbation(PerturbedEstimator.Perturbation.parse("Multiplicative")).build();
        assertEquals("theta row 0 coordinate 2 is 0, which a multiplicative perturbation cannot move or "
                + "differentiate", assertThrows(IllegalArgumentException.class,
                        () -> mult.forward(new double[] {1, 2, 0, 3, 4}, 1, 0)).getMessage());
        assertEquals("perturbation must be 'additive' or 'multiplicative', got 'sideways'",
                assertThrows(IllegalArgumentException.class,
                        () -> PerturbedEstimator.Perturbation.parse("sideways")).getMessage());
        assertEquals("the leave-one-out baseline needs samples >= 2, got 1", assertThrows(
                IllegalArgumentException.class, () -> Estimators.perturbed(TOP2).noise(LogisticTestNoise.INSTANCE)
                        .samples(1).baseline(Baseline.leaveOneOut()).build()).getMessage());
        assertEquals("the perturbed estimator's baseline must be 'none' or 'leave-one-out', got "
                + "'moving-average(0.9)'", assertThrows(IllegalArgumentException.class, () -> Estimators
                        .perturbed(TOP2).noise(LogisticTestNoise.INSTANCE).baseline(Baseline.movingAverage(0.9))
                        .build()).getMessage());
        FenchelYoungLoss fy = Estimators.fenchelYoung(TOP2).noise(LogisticTestNoise.INSTANCE).build();
        double[] gold = new double[N];
        gold[3] = Double.NaN;
        assertEquals("target row 0 coordinate 3 is NaN", assertThrows(IllegalArgumentException.class,
                () -> fy.evaluate(new double[N], gold, 1, 0, new double[N])).getMessage());
    }
}
