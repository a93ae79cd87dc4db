package org.imle.api.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.imle.api.StructuredLoss;
import org.imle.api.exact.EnumeratedOracle;
import org.imle.api.exact.StructureSet;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.pool.SolutionPool;
import org.imle.api.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * NCE, CMAP and the three learning-to-rank losses against their formulas: on hand-made pools with
 * numbers worked out by hand, and with the pool holding the whole set C (the k-subsets of 5
 * items), where they become expectations and maxima over C computed by enumeration; gradients
 * against central finite differences of the loss value.
 */
class PoolLossesTest {

    private static final StructureSet SET = StructureSet.kSubsets(5, 2);
    private static final EnumeratedOracle ORACLE = new EnumeratedOracle(SET);

    private static SolutionPool fullPool() {
        SolutionPool pool = SolutionPool.of(5);
        for (int c = 0; c < SET.size(); c++) {
            pool.add(SET.get(c), 0);
        }
        pool.commit();
        return pool;
    }

    private static SolutionPool pool(double[]... rows) {
        SolutionPool pool = SolutionPool.of(rows[0].length);
        pool.addAll(rows);
        pool.commit();
        return pool;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double value(StructuredLoss loss, double[] theta, double[] supervision) {
        return loss.evaluate(theta, supervision, 1, 0, new double[theta.length]).losses()[0];
    }

    /** Central differences of the loss value; the pool must not change between calls (it holds all of C). */
    private static void assertGradientMatchesFiniteDifferences(StructuredLoss loss, double[] theta, double[] sup) {
        double[] grad = new double[theta.length];
        loss.evaluate(theta, sup, 1, 0, grad);
        double h = 1e-6;
        for (int i = 0; i < theta.length; i++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[i] += h;
            minus[i] -= h;
            double fd = (value(loss, plus, sup) - value(loss, minus, sup)) / (2 * h);
            assertEquals(fd, grad[i], 1e-5, loss.name() + " coordinate " + i);
        }
    }

    @Test
    void nceOnAHandMadePool() {
        // theta = (1, 2, 3); pool {(1,0,0), (0,1,1), (1,1,0)}; target (0,1,1) scores 5
        // mean pooled score (1 + 5 + 3) / 3 = 3, loss 3 - 5 = -2; grad = mean (2/3, 2/3, 1/3) - target
        NceLoss nce = NceLoss.builder(new EnumeratedOracle(StructureSet.binary(3, z -> true)))
                .pool(pool(new double[] {1, 0, 0}, new double[] {0, 1, 1}, new double[] {1, 1, 0}))
                .executor(SolveExecutor.sequential()).build();
        double[] grad = new double[3];
        StructuredLoss.Evaluation e = nce.evaluate(new double[] {1, 2, 3}, new double[] {0, 1, 1}, 1, 0, grad);
        // MAP(theta) over all of {0,1}^3 is (1,1,1): it joins the pool only at the next commit
        assertEquals(-2.0, e.losses()[0], 1e-12);
        assertArrayEquals(new double[] {2.0 / 3, -1.0 / 3, -2.0 / 3}, grad, 1e-12);
        assertArrayEquals(new double[] {1, 1, 1}, e.structures(), 0.0);
        nce.pool().commit();
        assertEquals(4, nce.pool().size());
    }

    @Test
    void cmapOnAHandMadePool() {
        // theta = (3, -1, 2); pool {(1,0,0) -> 3, (0,1,1) -> 1, (1,0,1) -> 5}; target (0,1,1)
        CmapLoss cmap = CmapLoss.builder(new EnumeratedOracle(StructureSet.binary(3, z -> true))).pool(pool(new double[] {1, 0, 0}, new double[] {0, 1, 1}, new double[] {1, 0, 1}))
                .executor(SolveExecutor.sequential()).build();
        double[] grad = new double[3];
        double loss = cmap.evaluate(new double[] {3, -1, 2}, new double[] {0, 1, 1}, 1, 0, grad).losses()[0];
        assertEquals(5 - 1, loss, 1e-12);
        assertArrayEquals(new double[] {1, -1, 0}, grad, 0.0);
    }

    @Test
    void withTheWholeSetPooledNceIsTheMeanAndCmapTheMaxOverC() {
        SplittableRandom rng = new SplittableRandom(5);
        NceLoss nce = NceLoss.builder(ORACLE).pool(fullPool()).executor(SolveExecutor.sequential()).build();
        CmapLoss cmap = CmapLoss.builder(ORACLE).pool(fullPool()).executor(SolveExecutor.sequential()).build();
        for (int trial = 0; trial < 200; trial++) {
            double[] theta = Fixtures.gaussian(rng, 5, 1);
            double[] target = SET.get(rng.nextInt(SET.size()));
            double mean = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < SET.size(); c++) {
                mean += SET.score(c, theta) / SET.size();
                max = Math.max(max, SET.score(c, theta));
            }
            assertEquals(mean - dot(theta, target), value(nce, theta, target), 1e-12);
            double c = value(cmap, theta, target);
            assertEquals(max - dot(theta, target), c, 1e-12);
            assertTrue(c >= 0);
            assertGradientMatchesFiniteDifferences(nce, theta, target);
            assertGradientMatchesFiniteDifferences(cmap, theta, target);
        }
    }

    @Test
    void pointwiseOnAHandMadePool() {
        // theta* - theta = (1, -2); pool {(1,0) -> 1, (1,1) -> -1}: loss (1 + 1) / 2 = 1
        // grad = -(2/2) (1 * (1,0) + (-1) * (1,1)) = -(0, -1) = (0, 1)
        PointwiseRankLoss loss = PointwiseRankLoss.builder(new EnumeratedOracle(StructureSet.binary(2, z -> true)))
                .pool(pool(new double[] {1, 0}, new double[] {1, 1})).executor(SolveExecutor.sequential()).build();
        double[] grad = new double[2];
        double v = loss.evaluate(new double[] {0, 3}, new double[] {1, 1}, 1, 0, grad).losses()[0];
        assertEquals(1.0, v, 1e-12);
        assertArrayEquals(new double[] {0, 1}, grad, 1e-12);
    }

    @Test
    void pairwiseHingesEachPooledSolutionAgainstTheTrulyBest() {
        // truly best under theta* = (0, 0, 1): (0,0,1). theta = (2, 1, 1.5):
        // (1,0,0): 2 - 1.5 = 0.5 active; (0,1,0): 1 - 1.5 < 0; loss 0.5 / 2; grad ((1,0,0) - (0,0,1)) / 2
        PairwiseRankLoss loss = PairwiseRankLoss.builder(new EnumeratedOracle(StructureSet.oneHot(3)))
                .pool(pool(new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 1}))
                .executor(SolveExecutor.sequential()).build();
        double[] grad = new double[3];
        double v = loss.evaluate(new double[] {2, 1, 1.5}, new double[] {0, 0, 1}, 1, 0, grad).losses()[0];
        assertEquals(0.25, v, 1e-12);
        assertArrayEquals(new double[] {0.5, 0, -0.5}, grad, 1e-12);
        PairwiseRankLoss margin = PairwiseRankLoss.builder(new EnumeratedOracle(StructureSet.oneHot(3))).margin(1)
                .pool(pool(new double[] {1, 0, 0}, new double[] {0, 1, 0}, new double[] {0, 0, 1}))
                .executor(SolveExecutor.sequential()).build();
        // with m = 1 both are active: (1.5 + 0.5) / 2
        assertEquals(1.0, value(margin, new double[] {2, 1, 1.5}, new double[] {0, 0, 1}), 1e-12);
    }

    @Test
    void listwiseIsTheCrossEntropyOfTwoSoftmaxes() {
        // two pooled solutions, predicted scores (1, 0), true scores (0, 2):
        // p = (e/(e+1), 1/(e+1)), q = (1/(1+e^2), e^2/(1+e^2)); loss = -(q1 log p1 + q2 log p2)
        ListwiseRankLoss loss = ListwiseRankLoss.builder(new EnumeratedOracle(StructureSet.oneHot(2)))
                .pool(pool(new double[] {1, 0}, new double[] {0, 1})).executor(SolveExecutor.sequential()).build();
        double e = Math.E;
        double p1 = e / (e + 1);
        double q1 = 1 / (1 + e * e);
        double expected = -(q1 * Math.log(p1) + (1 - q1) * Math.log(1 - p1));
        double[] grad = new double[2];
        double v = loss.evaluate(new double[] {1, 0}, new double[] {0, 2}, 1, 0, grad).losses()[0];
        assertEquals(expected, v, 1e-12);
        assertArrayEquals(new double[] {p1 - q1, (1 - p1) - (1 - q1)}, grad, 1e-12);
    }

    @Test
    void rankingGradientsMatchFiniteDifferencesOverTheWholeSet() {
        SplittableRandom rng = new SplittableRandom(9);
        StructuredLoss[] losses = {
            PointwiseRankLoss.builder(ORACLE).pool(fullPool()).executor(SolveExecutor.sequential()).build(),
            PairwiseRankLoss.builder(ORACLE).pool(fullPool()).margin(0.3).executor(SolveExecutor.sequential()).build(),
            ListwiseRankLoss.builder(ORACLE).pool(fullPool()).temperature(0.7).executor(SolveExecutor.sequential())
                    .build()};
        for (int trial = 0; trial < 100; trial++) {
            double[] theta = Fixtures.gaussian(rng, 5, 1);
            double[] trueTheta = Fixtures.gaussian(rng, 5, 1);
            for (StructuredLoss loss : losses) {
                assertGradientMatchesFiniteDifferences(loss, theta, trueTheta);
            }
        }
    }

    @Test
    void ownPoolGrowsWithTargetsAndDecisionsOneBatchLate() {
        NceLoss nce = NceLoss.builder(ORACLE).executor(SolveExecutor.sequential()).build();
        double[] theta = {5, 4, 0, 0, 0};
        double[] target = {0, 0, 0, 1, 1};
        nce.evaluate(theta, target, 1, 0, new double[5]);
        // the target was committed before scoring; MAP(theta) = (1,1,0,0,0) is pending
        assertEquals(1, nce.pool().size());
        nce.evaluate(theta, target, 1, 1, new double[5]);
        assertEquals(2, nce.pool().size());
        assertArrayEquals(new double[] {1, 1, 0, 0, 0}, nce.pool().get(1), 0.0);
    }

    @Test
    void rankingLossWithAnEmptyPoolScoresAgainstItsOwnDecisions() {
        PointwiseRankLoss loss = PointwiseRankLoss.builder(ORACLE).executor(SolveExecutor.sequential()).build();
        double[] theta = {5, 4, 0, 0, 0};
        double v = value(loss, theta, new double[] {1, 1, 1, 1, 1});
        // pool = {(1,1,0,0,0)}: <theta* - theta, w> = 2 - 9 = -7
        assertEquals(49.0, v, 1e-12);
        assertEquals(1, loss.pool().size());
    }

    @Test
    void aPoolOfTheWrongLengthIsRefused() {
        assertThrows(IllegalArgumentException.class,
                () -> NceLoss.builder(ORACLE).pool(SolutionPool.of(3)).build());
    }

    @Test
    void namesAndSupervision() {
        assertEquals("nce", NceLoss.builder(ORACLE).build().name());
        assertEquals("target", CmapLoss.builder(ORACLE).build().supervisionName());
        assertEquals("trueTheta", ListwiseRankLoss.builder(ORACLE).build().supervisionName());
        NceLoss nce = NceLoss.builder(ORACLE).build();
        assertSame(nce.pool(), nce.pool());
    }
}
