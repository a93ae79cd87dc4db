package org.imle.api.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.imle.api.estimator.Estimators;
import org.imle.api.exact.StructureSet;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.testing.Fixtures;
import org.junit.jupiter.api.Test;

class SpoPlusLossTest {

    private static final StructureSet SET = StructureSet.kSubsets(5, 2);
    private static final SpoPlusLoss LOSS = Estimators.spoPlus(new org.imle.api.exact.EnumeratedOracle(SET))
            .executor(SolveExecutor.sequential()).build();

    /** argmin over C of <c, w>, first minimiser in the set's order: the paper's cost convention. */
    private static double[] argmin(double[] c) {
        int best = 0;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int i = 0; i < SET.size(); i++) {
            double[] w = SET.get(i);
            double cost = 0;
            for (int j = 0; j < c.length; j++) {
                cost += c[j] * w[j];
            }
            if (cost < bestCost) {
                bestCost = cost;
                best = i;
            }
        }
        return SET.get(best);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    @Test
    void matchesThePapersCostFormulaAfterTheSignChange() {
        SplittableRandom rng = new SplittableRandom(41);
        for (int trial = 0; trial < 1000; trial++) {
            double[] cHat = Fixtures.gaussian(rng, 5, 1);
            double[] c = Fixtures.gaussian(rng, 5, 1);
            double[] wStar = argmin(c);
            double[] shifted = Fixtures.axpy(1, c, -2, cHat);
            double[] wPrime = argmin(Fixtures.axpy(2, cHat, -1, c));
            // SPO+(c^, c) = max_w <c - 2 c^, w> + 2 <c^, w*> - <c, w*>; subgradient 2 (w* - w*(2c^ - c))
            double expected = dot(shifted, wPrime) + 2 * dot(cHat, wStar) - dot(c, wStar);
            double[] costGrad = Fixtures.axpy(2, wStar, -2, wPrime);
            double[] theta = Fixtures.axpy(-1, cHat, 0, cHat);
            double[] trueTheta = Fixtures.axpy(-1, c, 0, c);
            double[] grad = new double[5];
            org.imle.api.StructuredLoss.Evaluation ev = LOSS.evaluate(theta, trueTheta, 1, 0, grad);
            double value = ev.losses()[0];
            assertArrayEquals(argmin(cHat), ev.structures(), 0.0, "the decision MAP(theta) is returned");
            assertEquals(expected, value, 1e-12, "trial " + trial);
            assertArrayEquals(Fixtures.axpy(-1, costGrad, 0, costGrad), grad, 0.0, "trial " + trial);
            // non-negative and an upper bound of the regret of the predicted solution
            double[] predicted = argmin(cHat);
            double regret = dot(c, predicted) - dot(c, wStar);
            assertTrue(value >= regret - 1e-12 && regret >= -1e-12, "trial " + trial);
        }
    }

    @Test
    void isZeroWithZeroGradientAtTheTruth() {
        double[] t = {0.3, -1, 2, 0.5, -0.2, 1, 1, 1, 0, -3};
        double[] grad = new double[10];
        assertArrayEquals(new double[] {0, 0}, LOSS.evaluate(t, t, 2, 0, grad).losses(), 1e-12);
        assertArrayEquals(new double[10], grad, 0.0);
    }

    @Test
    void badSupervisionIsRejected() {
        assertEquals("trueTheta has length 4, expected 5", assertThrows(IllegalArgumentException.class,
                () -> LOSS.evaluate(new double[5], new double[4], 1, 0, new double[5])).getMessage());
        double[] bad = new double[10];
        bad[7] = Double.NEGATIVE_INFINITY;
        assertEquals("trueTheta row 1 coordinate 2 is -Infinity", assertThrows(IllegalArgumentException.class,
                () -> LOSS.evaluate(new double[10], bad, 2, 0, new double[10])).getMessage());
    }
}
