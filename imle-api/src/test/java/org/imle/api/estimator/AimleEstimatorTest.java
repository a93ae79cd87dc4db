package org.imle.api.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.imle.api.EstimatorPass;
import org.imle.api.exact.EnumeratedOracle;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.testing.Fixtures;
import org.junit.jupiter.api.Test;

class AimleEstimatorTest {

    private static final int N = 6;
    private static final EnumeratedOracle TOP3 = Fixtures.topK(N, 3);

    @Test
    void fixedLambdaForwardDifferenceEqualsImleDividedByLambdaExactly() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 300; trial++) {
            int b = 1 + rng.nextInt(3);
            int s = 1 + rng.nextInt(3);
            int m = 1 + rng.nextInt(2);
            double lambda = 0.1 + 5 * rng.nextDouble();
            double alpha = rng.nextDouble() * 2;
            double tIn = rng.nextDouble() * 2;
            double tTarget = rng.nextDouble() * 2;
            long seed = rng.nextLong();
            ImleEstimator imle = Estimators.imle(TOP3).noise(LogisticTestNoise.INSTANCE).lambda(lambda)
                    .alpha(alpha).inputTemperature(tIn).targetTemperature(tTarget).samples(s)
                    .marginalSamples(m).scaling(Scaling.DIVIDE_BY_LAMBDA).seed(seed)
                    .executor(SolveExecutor.sequential()).build();
            AimleEstimator aimle = Estimators.aimle(TOP3).noise(LogisticTestNoise.INSTANCE).lambda(lambda)
                    .alpha(alpha).inputTemperature(tIn).targetTemperature(tTarget).samples(s)
                    .marginalSamples(m).seed(seed).executor(SolveExecutor.sequential()).build();
            double[] theta = Fixtures.gaussian(rng, b * N, 1.0);
            double[] dLdz = Fixtures.gaussian(rng, b * s * N, 1.0);
            EstimatorPass p1 = imle.forward(theta, b, trial);
            EstimatorPass p2 = aimle.forward(theta, b, trial);
            assertArrayEquals(p1.structures(), p2.structures(), 0.0);
            assertArrayEquals(p1.backward(dLdz), p2.backward(dLdz), 0.0, "trial " + trial);
        }
    }

    @Test
    void symmetricFormIsTheHalvedTwoSidedDifferenceAndDiffersFromTheForwardOne() {
        SplittableRandom rng = new SplittableRandom(12);
        int differing = 0;
        for (int trial = 0; trial < 200; trial++) {
            int b = 2;
            int s = 2;
            double lambda = 0.2 + 3 * rng.nextDouble();
            double alpha = 0.5 + rng.nextDouble();
            long seed = rng.nextLong();
            AimleEstimator sym = Estimators.aimle(TOP3).noise(LogisticTestNoise.INSTANCE).lambda(lambda)
                    .alpha(alpha).samples(s).symmetric(true).seed(seed)
                    .executor(SolveExecutor.sequential()).build();
            AimleEstimator fwd = Estimators.aimle(TOP3).noise(LogisticTestNoise.INSTANCE).lambda(lambda)
                    .alpha(alpha).samples(s).seed(seed).executor(SolveExecutor.sequential()).build();
            double[] theta = Fixtures.gaussian(rng, b * N, 1.0);
            double[] g = Fixtures.gaussian(rng, b * s * N, 1.0);
            double[] got = sym.forward(theta, b, 3).backward(g);
            double[] expected = new double[b * N];
            for (int row = 0; row < b; row++) {
                double[] th = Fixtures.row(theta, row, N);
                for (int k = 0; k < s; k++) {
                    double[] eps = LogisticTestNoise.draws(seed, 3, row, k, N);
                    double[] gs = Fixtures.row(g, row * s + k, N);
                    double[] base = Fixtures.axpy(alpha, th, 1.0, eps);
                    double[] left = Fixtures.solve(TOP3, Fixtures.axpy(1.0, base, lambda, gs));
                    double[] right = Fixtures.solve(TOP3, Fixtures.axpy(1.0, base, -lambda, gs));
                    for (int i = 0; i < N; i++) {
                        expected[row * N + i] += (left[i] - right[i]) / (2 * lambda * s);
                    }
                }
            }
            assertArrayEquals(expected, got, 1e-12, "trial " + trial);
            if (!java.util.Arrays.equals(got, fwd.forward(theta, b, 3).backward(g))) {
                differing++;
            }
        }
        assertTrue(differing > 50, "symmetric and forward differences should differ often, differed " + differing);
    }

    @Test
    void adaptiveLambdaIsTheNormRatioAndTheStateMovesOncePerBackwardInCallOrder() {
        SplittableRandom rng = new SplittableRandom(13);
        int b = 2;
        int s = 2;
        double beta = 0.7;
        double step = 0.05;
        double momentum = 0.5;
        double decay = 0.8;
        double target = 0.25;
        double average = 0.3;
        double last = 0;
        AimleEstimator est = Estimators.aimle(TOP3).noise(LogisticTestNoise.INSTANCE).samples(s)
                .initialBeta(beta).betaStep(step).betaMomentum(momentum).nonZeroDecay(decay)
                .targetNonZeroFraction(target).initialNonZeroAverage(average).seed(5)
                .executor(SolveExecutor.sequential()).build();
        for (int call = 0; call < 12; call++) {
            double[] theta = Fixtures.gaussian(rng, b * N, 1.0 + call);
            double[] g = Fixtures.gaussian(rng, b * s * N, 0.1 + 0.3 * call);
            double tt = 0;
            for (double x : theta) {
                tt += x * x;
            }
            double gg = 0;
            for (double x : g) {
                gg += x * x;
            }
            double lambda = beta * Math.sqrt(s * tt / gg);
            assertEquals(lambda, est.lambda(theta, g), 1e-12 * lambda);
            double[] expected = new double[b * N];
            int nonZero = 0;
            for (int row = 0; row < b; row++) {
                double[] th = Fixtures.row(theta, row, N);
                for (int k = 0; k < s; k++) {
                    double[] eps = LogisticTestNoise.draws(5, call, row, k, N);
                    double[] z = Fixtures.solve(TOP3, Fixtures.axpy(1.0, th, 1.0, eps));
                    double[] zr = Fixtures.solve(TOP3,
                            Fixtures.axpy(1.0, Fixtures.axpy(1.0, th, 1.0, eps), -lambda, Fixtures.row(g, row * s + k, N)));
                    for (int i = 0; i < N; i++) {
                        expected[row * N + i] += (z[i] - zr[i]) / lambda / s;
                        nonZero += z[i] != zr[i] ? 1 : 0;
                    }
                }
            }
            assertArrayEquals(expected, est.forward(theta, b, call).backward(g), 1e-12, "call " + call);
            average = decay * average + (1 - decay) * nonZero / (double) (b * s * N);
            last = momentum * last + (average < target ? step : -step);
            beta = Math.max(beta + last, 0);
            AimleEstimator.State state = est.state();
            assertEquals(beta, state.beta(), 1e-15, "beta after call " + call);
            assertEquals(average, state.nonZeroAverage(), 1e-15);
            assertEquals(last, state.lastUpdate(), 1e-15);
            assertEquals(call + 1, state.updates());
        }
    }

    /**
     * A fresh estimator given the saved state of one that ran 5 backward calls gives the same
     * gradients as the original over the next 5, bit for bit (a resumed run's continuation).
     */
    @Test
    void savedStatePutIntoAFreshEstimatorContinuesBitForBit() {
        SplittableRandom rng = new SplittableRandom(15);
        int b = 2;
        AimleEstimator original = adaptive();
        double[][] thetas = new double[10][];
        double[][] grads = new double[10][];
        for (int call = 0; call < 10; call++) {
            thetas[call] = Fixtures.gaussian(rng, b * N, 1.0 + call);
            grads[call] = Fixtures.gaussian(rng, b * 2 * N, 0.1 + 0.3 * call);
        }
        for (int call = 0; call < 5; call++) {
            original.forward(thetas[call], b, call).backward(grads[call]);
        }
        AimleEstimator resumed = adaptive();
        resumed.restoreState(original.saveState());
        assertEquals(original.state(), resumed.state());
        assertTrue(original.state().beta() != adaptive().state().beta(), "the state must have moved");
        for (int call = 5; call < 10; call++) {
            assertArrayEquals(original.forward(thetas[call], b, call).backward(grads[call]),
                    resumed.forward(thetas[call], b, call).backward(grads[call]), 0.0, "call " + call);
        }
        assertEquals(original.state(), resumed.state());
    }

    @Test
    void restoringAMissingOrOutOfRangeStateNamesIt() {
        AimleEstimator est = adaptive();
        java.util.Map<String, Long> saved = new java.util.HashMap<>(est.saveState());
        saved.remove("lastUpdate");
        assertEquals("aimle state has no entry lastUpdate",
                assertThrows(IllegalArgumentException.class, () -> est.restoreState(saved)).getMessage());
        java.util.Map<String, Long> negative = new java.util.HashMap<>(est.saveState());
        negative.put("beta", Double.doubleToRawLongBits(-1.0));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> est.restoreState(negative)).getMessage()
                .startsWith("aimle state out of range: beta -1.0"));
        assertEquals(adaptive().state(), est.state(), "a refused state changes nothing");
    }

    private static AimleEstimator adaptive() {
        return Estimators.aimle(TOP3).noise(LogisticTestNoise.INSTANCE).samples(2).initialBeta(0.7).betaStep(0.05)
                .betaMomentum(0.5).nonZeroDecay(0.8).targetNonZeroFraction(0.25).initialNonZeroAverage(0.3).seed(5)
                .executor(SolveExecutor.sequential()).build();
    }

    @Test
    void zeroUpstreamGradientGivesZeroAndCountsAsSparse() {
        AimleEstimator est = Estimators.aimle(TOP3).betaStep(0.1).initialBeta(1.0)
                .executor(SolveExecutor.sequential()).build();
        double[] grad = est.forward(new double[] {1, 2, 3, 4, 5, 6}, 1, 0).backward(new double[N]);
        assertArrayEquals(new double[N], grad, 0.0);
        AimleEstimator.State st = est.state();
        assertEquals(0.9 * (1.0 / N), st.nonZeroAverage(), 1e-15);
        assertEquals(1.1, st.beta(), 1e-15, "a sparse gradient pushes beta up");
    }

    @Test
    void betaIsClippedAtZeroAndThenTheGradientIsZero() {
        AimleEstimator est = Estimators.aimle(TOP3).initialBeta(0.05).betaStep(0.1)
                .targetNonZeroFraction(0.01).initialNonZeroAverage(1.0)
                .executor(SolveExecutor.sequential()).build();
        double[] theta = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6};
        double[] g = {1, -1, 1, -1, 1, -1};
        est.forward(theta, 1, 0).backward(g);
        assertEquals(0.0, est.state().beta(), 0.0);
        assertEquals(0.0, est.lambda(theta, g), 0.0);
        assertArrayEquals(new double[N], est.forward(theta, 1, 1).backward(g), 0.0);
    }

    @Test
    void sameNumbersWithAnyExecutor() {
        SplittableRandom rng = new SplittableRandom(14);
        double[] theta = Fixtures.gaussian(rng, 3 * N, 1);
        double[] g = Fixtures.gaussian(rng, 3 * 4 * N, 1);
        double[][] results = new double[2][];
        SolveExecutor[] executors = {SolveExecutor.sequential(), SolveExecutor.parallel(3)};
        for (int e = 0; e < 2; e++) {
            AimleEstimator est = Estimators.aimle(TOP3).noise(LogisticTestNoise.INSTANCE).samples(4)
                    .symmetric(true).betaStep(0.01).seed(9).executor(executors[e]).build();
            double[] last = null;
            for (int step = 0; step < 5; step++) {
                last = est.forward(theta, 3, step).backward(g);
            }
            results[e] = last;
        }
        assertArrayEquals(results[0], results[1], 0.0);
    }

    @Test
    void badParametersAreRejectedWithTheirNames() {
        assertEquals("lambda must be positive and finite, got -1.0", assertThrows(IllegalArgumentException.class,
                () -> Estimators.aimle(TOP3).lambda(-1).build()).getMessage());
        assertEquals("beta momentum must be in [0, 1), got 1.0", assertThrows(IllegalArgumentException.class,
                () -> Estimators.aimle(TOP3).betaMomentum(1).build()).getMessage());
        assertEquals("target non-zero fraction must be in (0, 1], got 0.0", assertThrows(
                IllegalArgumentException.class, () -> Estimators.aimle(TOP3).targetNonZeroFraction(0).build())
                .getMessage());
        assertEquals("non-zero average decay must be in [0, 1), got 1.5", assertThrows(IllegalArgumentException.class,
                () -> Estimators.aimle(TOP3).nonZeroDecay(1.5).build()).getMessage());
        assertEquals("initial beta must be >= 0 and finite, got -0.5", assertThrows(IllegalArgumentException.class,
                () -> Estimators.aimle(TOP3).initialBeta(-0.5).build()).getMessage());
        AimleEstimator est = Estimators.aimle(TOP3).build();
        EstimatorPass pass = est.forward(new double[N], 1, 0);
        double[] bad = new double[N];
        bad[4] = Double.NaN;
        assertEquals("dL/dz row 0 coordinate 4 is NaN", assertThrows(IllegalArgumentException.class,
                () -> pass.backward(bad)).getMessage());
    }
}
