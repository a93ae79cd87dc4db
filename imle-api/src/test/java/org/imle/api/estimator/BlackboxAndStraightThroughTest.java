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

class BlackboxAndStraightThroughTest {

    private static final EnumeratedOracle TOP2 = Fixtures.topK(5, 2);

    @Test
    void blackboxIsTheInterpolationQuotientInTheMaximisationConvention() {
        SplittableRandom rng = new SplittableRandom(21);
        for (int trial = 0; trial < 500; trial++) {
            double lambda = 0.1 + 20 * rng.nextDouble();
            BlackboxEstimator est = Estimators.blackbox(TOP2).lambda(lambda)
                    .executor(SolveExecutor.sequential()).build();
            double[] theta = Fixtures.gaussian(rng, 2 * 5, 1);
            double[] g = Fixtures.gaussian(rng, 2 * 5, 1);
            EstimatorPass pass = est.forward(theta, 2, trial);
            double[] grad = pass.backward(g);
            for (int row = 0; row < 2; row++) {
                double[] th = Fixtures.row(theta, row, 5);
                double[] z = Fixtures.solve(TOP2, th);
                double[] zPrime = Fixtures.solve(TOP2, Fixtures.axpy(1, th, -lambda, Fixtures.row(g, row, 5)));
                assertArrayEquals(z, Fixtures.row(pass.structures(), row, 5), 0.0);
                for (int i = 0; i < 5; i++) {
                    assertEquals((z[i] - zPrime[i]) / lambda, grad[row * 5 + i], 1e-15);
                }
            }
        }
    }

    @Test
    void theBlackboxGradientPointsUphillOnALinearLoss() {
        // loss <c, z>: the target z' = MAP(theta - lambda c) costs no more than z = MAP(theta), so the
        // gradient (z - z') / lambda has a non-negative inner product with c; a sign error breaks both
        SplittableRandom rng = new SplittableRandom(22);
        BlackboxEstimator est = Estimators.blackbox(TOP2).lambda(3).executor(SolveExecutor.sequential()).build();
        int strict = 0;
        for (int trial = 0; trial < 500; trial++) {
            double[] theta = Fixtures.gaussian(rng, 5, 1);
            double[] c = Fixtures.gaussian(rng, 5, 1);
            double[] grad = est.forward(theta, 1, 0).backward(c);
            double[] z = Fixtures.solve(TOP2, theta);
            double[] target = Fixtures.solve(TOP2, Fixtures.axpy(1, theta, -3, c));
            double dot = 0;
            double costZ = 0;
            double costTarget = 0;
            for (int i = 0; i < 5; i++) {
                dot += grad[i] * c[i];
                costZ += c[i] * z[i];
                costTarget += c[i] * target[i];
            }
            assertTrue(dot >= -1e-12, "trial " + trial);
            assertTrue(costTarget <= costZ + 1e-12, "trial " + trial);
            strict += dot > 1e-9 ? 1 : 0;
        }
        assertTrue(strict > 100, "the gradient should often be non-zero, was " + strict);
    }

    @Test
    void straightThroughPassesTheMeanUpstreamGradientAndSamplesWithItsNoise() {
        SplittableRandom rng = new SplittableRandom(23);
        StraightThroughEstimator est = Estimators.straightThrough(TOP2).noise(LogisticTestNoise.INSTANCE)
                .temperature(0.7).samples(3).seed(4).executor(SolveExecutor.sequential()).build();
        double[] theta = Fixtures.gaussian(rng, 2 * 5, 1);
        double[] g = Fixtures.gaussian(rng, 2 * 3 * 5, 1);
        EstimatorPass pass = est.forward(theta, 2, 8);
        double[] grad = pass.backward(g);
        for (int row = 0; row < 2; row++) {
            for (int s = 0; s < 3; s++) {
                double[] eps = LogisticTestNoise.draws(4, 8, row, s, 5);
                double[] z = Fixtures.solve(TOP2, Fixtures.axpy(1, Fixtures.row(theta, row, 5), 0.7, eps));
                assertArrayEquals(z, Fixtures.row(pass.structures(), row * 3 + s, 5), 0.0);
            }
            for (int i = 0; i < 5; i++) {
                double mean = (g[(row * 3) * 5 + i] + g[(row * 3 + 1) * 5 + i] + g[(row * 3 + 2) * 5 + i]) / 3;
                assertEquals(mean, grad[row * 5 + i], 1e-15);
            }
        }
        StraightThroughEstimator plain = Estimators.straightThrough(TOP2).build();
        assertArrayEquals(new double[] {0, 1, 0, 1, 0},
                plain.forward(new double[] {0, 3, 1, 2, -1}, 1, 0).structures(), 0.0);
    }

    @Test
    void badParametersAreRejected() {
        assertEquals("lambda must be positive and finite, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> Estimators.blackbox(TOP2).lambda(0).build()).getMessage());
        assertEquals("samples must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> Estimators.straightThrough(TOP2).samples(0).build()).getMessage());
        assertEquals("theta has length 4, expected batch size 1 x dimension 5 = 5",
                assertThrows(IllegalArgumentException.class,
                        () -> Estimators.straightThrough(TOP2).build().forward(new double[4], 1, 0)).getMessage());
        assertEquals("oracle must not be null", assertThrows(IllegalArgumentException.class,
                () -> Estimators.blackbox(null)).getMessage());
    }
}
