package org.imle.api.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.imle.api.StructuredLoss;
import org.imle.api.exact.EnumeratedOracle;
import org.imle.api.exact.StructureSet;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * PG against PyEPO's cost-convention formulas and against its limit, minus the true value of the
 * decision; the structured SVM against brute-force loss-augmented inference over C.
 */
class PerturbationGradientAndHingeTest {

    private static final StructureSet SET = StructureSet.kSubsets(6, 3);
    private static final EnumeratedOracle ORACLE = new EnumeratedOracle(SET);

    private static double[] argmin(double[] c) {
        int best = 0;
        double bestCost = Double.POSITIVE_INFINITY;
        for (int i = 0; i < SET.size(); i++) {
            double cost = SET.score(i, c);
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

    private static double[] negate(double[] a) {
        return Fixtures.axpy(-1, a, 0, a);
    }

    @Test
    void pgMatchesPyEposCostFormulasAfterTheSignChange() {
        SplittableRandom rng = new SplittableRandom(3);
        for (boolean central : new boolean[] {false, true}) {
            double sigma = 0.3;
            PerturbationGradientLoss pg = PerturbationGradientLoss.builder(ORACLE).sigma(sigma).central(central)
                    .executor(SolveExecutor.sequential()).build();
            for (int trial = 0; trial < 300; trial++) {
                double[] cHat = Fixtures.gaussian(rng, 6, 1);
                double[] c = Fixtures.gaussian(rng, 6, 1);
                double expected;
                double[] costGrad;
                if (central) {
                    // (<c^ + s c, w(c^ + s c)> - <c^ - s c, w(c^ - s c)>) / (2 s), grad (w+ - w-) / (2 s)
                    double[] plus = Fixtures.axpy(1, cHat, sigma, c);
                    double[] minus = Fixtures.axpy(1, cHat, -sigma, c);
                    double[] wp = argmin(plus);
                    double[] wm = argmin(minus);
                    expected = (dot(plus, wp) - dot(minus, wm)) / (2 * sigma);
                    costGrad = Fixtures.axpy(1 / (2 * sigma), wp, -1 / (2 * sigma), wm);
                } else {
                    double[] minus = Fixtures.axpy(1, cHat, -sigma, c);
                    double[] w = argmin(cHat);
                    double[] wm = argmin(minus);
                    expected = (dot(cHat, w) - dot(minus, wm)) / sigma;
                    costGrad = Fixtures.axpy(1 / sigma, w, -1 / sigma, wm);
                }
                double[] grad = new double[6];
                double v = pg.evaluate(negate(cHat), negate(c), 1, trial, grad).losses()[0];
                assertEquals(expected, v, 1e-9, "central " + central);
                // theta = -c^: dL/dtheta = -dL/dc^
                assertArrayEquals(negate(costGrad), grad, 1e-9, "central " + central);
            }
        }
    }

    @Test
    void pgTendsToMinusTheTrueValueOfTheDecision() {
        SplittableRandom rng = new SplittableRandom(4);
        PerturbationGradientLoss pg = PerturbationGradientLoss.builder(ORACLE).sigma(1e-7)
                .executor(SolveExecutor.sequential()).build();
        for (int trial = 0; trial < 100; trial++) {
            double[] theta = Fixtures.gaussian(rng, 6, 1);
            double[] trueTheta = Fixtures.gaussian(rng, 6, 1);
            double v = pg.evaluate(theta, trueTheta, 1, 0, new double[6]).losses()[0];
            assertEquals(-dot(trueTheta, Fixtures.solve(ORACLE, theta)), v, 1e-5);
        }
    }

    @Test
    void hingeIsLossAugmentedInferenceByBruteForce() {
        SplittableRandom rng = new SplittableRandom(6);
        for (double alpha : new double[] {1, 0.4}) {
            StructuredHingeLoss svm = StructuredHingeLoss.builder(ORACLE).margin(alpha)
                    .executor(SolveExecutor.sequential()).build();
            for (int trial = 0; trial < 300; trial++) {
                double[] theta = Fixtures.gaussian(rng, 6, 1);
                double[] target = SET.get(rng.nextInt(SET.size()));
                double best = Double.NEGATIVE_INFINITY;
                double[] zBest = null;
                for (int c = 0; c < SET.size(); c++) {
                    double[] z = SET.get(c);
                    double hamming = 0;
                    for (int i = 0; i < 6; i++) {
                        hamming += Math.abs(z[i] - target[i]);
                    }
                    double score = dot(theta, z) + alpha * hamming;
                    if (score > best) {
                        best = score;
                        zBest = z;
                    }
                }
                double[] grad = new double[6];
                StructuredLoss.Evaluation e = svm.evaluate(theta, target, 1, 0, grad);
                assertEquals(best - dot(theta, target), e.losses()[0], 1e-12);
                assertTrue(e.losses()[0] >= 0);
                assertArrayEquals(zBest, e.structures(), 0.0);
                assertArrayEquals(Fixtures.axpy(1, zBest, -1, target), grad, 0.0);
            }
        }
    }

    @Test
    void hingeIsZeroWhenTheTargetWinsByTheMargin() {
        StructuredHingeLoss svm = StructuredHingeLoss.builder(ORACLE).executor(SolveExecutor.sequential()).build();
        double[] target = {1, 1, 1, 0, 0, 0};
        double[] theta = {3, 3, 3, -3, -3, -3};
        double[] grad = new double[6];
        assertEquals(0.0, svm.evaluate(theta, target, 1, 0, grad).losses()[0], 0.0);
        assertArrayEquals(new double[6], grad, 0.0);
    }

    @Test
    void badSettingsAndShapesAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> PerturbationGradientLoss.builder(ORACLE).sigma(0).build()).getMessage().contains("sigma"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> StructuredHingeLoss.builder(ORACLE).margin(-1).build()).getMessage().contains("margin"));
        PerturbationGradientLoss pg = PerturbationGradientLoss.builder(ORACLE).build();
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> pg.evaluate(new double[6], new double[5], 1, 0, new double[6])).getMessage()
                .contains("trueTheta"));
    }
}
