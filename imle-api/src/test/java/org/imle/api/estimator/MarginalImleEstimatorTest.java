package org.imle.api.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.imle.api.exact.ExactDistribution;
import org.imle.api.exact.KSubsetFamily;
import org.imle.api.exact.StructureSet;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.testing.Fixtures;
import org.junit.jupiter.api.Test;

class MarginalImleEstimatorTest {

    @Test
    void backwardIsTheDifferenceOfExactMarginals() {
        SplittableRandom rng = new SplittableRandom(61);
        ExactDistribution exact = new ExactDistribution(StructureSet.kSubsets(6, 3));
        for (int trial = 0; trial < 300; trial++) {
            double lambda = 0.1 + 5 * rng.nextDouble();
            double alpha = rng.nextDouble() * 1.5;
            boolean divide = rng.nextBoolean();
            int s = 1 + rng.nextInt(3);
            MarginalImleEstimator est = Estimators.marginalImle(Fixtures.topK(6, 3), KSubsetFamily.of(6, 3))
                    .lambda(lambda).alpha(alpha).samples(s)
                    .scaling(divide ? Scaling.DIVIDE_BY_LAMBDA : Scaling.NONE)
                    .executor(SolveExecutor.sequential()).build();
            double[] theta = Fixtures.gaussian(rng, 2 * 6, 1);
            double[] g = Fixtures.gaussian(rng, 2 * s * 6, 1);
            double[] grad = est.forward(theta, 2, 0).backward(g);
            for (int row = 0; row < 2; row++) {
                double[] th = Fixtures.row(theta, row, 6);
                double[] mu = exact.marginals(th);
                double[] expected = new double[6];
                for (int k = 0; k < s; k++) {
                    double[] target = Fixtures.axpy(alpha, th, -lambda, Fixtures.row(g, row * s + k, 6));
                    double[] muTarget = exact.marginals(target);
                    for (int i = 0; i < 6; i++) {
                        expected[i] += (mu[i] - muTarget[i]) / s / (divide ? lambda : 1);
                    }
                }
                assertArrayEquals(expected, Fixtures.row(grad, row, 6), 1e-9, "trial " + trial);
            }
        }
    }

    @Test
    void mismatchedDimensionsAreRejected() {
        assertEquals("marginal oracle has dimension 5 but the MAP oracle has dimension 6",
                assertThrows(IllegalArgumentException.class,
                        () -> Estimators.marginalImle(Fixtures.topK(6, 3), KSubsetFamily.of(5, 3)).build())
                        .getMessage());
    }
}
