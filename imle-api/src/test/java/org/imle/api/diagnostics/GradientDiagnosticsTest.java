package org.imle.api.diagnostics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.imle.api.EstimatorPass;
import org.imle.api.GradientEstimator;
import org.imle.api.estimator.AbstractPass;
import org.imle.api.estimator.Estimators;
import org.imle.api.exact.EnumeratedOracle;
import org.imle.api.exact.KSubsetFamily;
import org.imle.api.exact.StructureSet;
import org.imle.api.execution.SolveExecutor;
import org.junit.jupiter.api.Test;

class GradientDiagnosticsTest {

    private static final StructureSet ONE_HOT = StructureSet.oneHot(2);

    /** Returns (2, 0) on even steps and (0, 2) on odd ones, whatever the loss. */
    private static final class Alternating implements GradientEstimator {
        @Override
        public int dimension() {
            return 2;
        }

        @Override
        public int samples() {
            return 1;
        }

        @Override
        public String name() {
            return "alternating";
        }

        @Override
        public EstimatorPass forward(double[] theta, int batchSize, long step) {
            return new AbstractPass(1, 1, 2, new double[] {1, 0}) {
                @Override
                public void backward(double[] dLdz, double[] gradTheta) {
                    gradTheta[0] = step % 2 == 0 ? 2 : 0;
                    gradTheta[1] = step % 2 == 0 ? 0 : 2;
                }
            };
        }
    }

    @Test
    void straightThroughOnALinearLossMatchesTheHandComputation() {
        // p = softmax(0.3, -0.2); E[<c, z>] = p1 c1 + p2 c2 has gradient p1 p2 (c1 - c2) (1, -1)
        double[] theta = {0.3, -0.2};
        double[] c = {1, -2};
        double p1 = 1 / (1 + Math.exp(-0.5));
        double p2 = 1 - p1;
        double[] exact = {3 * p1 * p2, -3 * p1 * p2};
        GradientDiagnostics d = new GradientDiagnostics(ONE_HOT);
        assertArrayEquals(exact, d.exactGradient(theta, DifferentiableLoss.linear(c)), 1e-15);
        GradientDiagnostics.Report r = d.evaluate(Estimators.straightThrough(new EnumeratedOracle(ONE_HOT))
                .executor(SolveExecutor.sequential()).build(), theta, DifferentiableLoss.linear(c), 5);
        // straight-through returns c itself every time: no variance, cosine 3 / sqrt(10)
        assertArrayEquals(c, r.meanGradient(), 0.0);
        assertEquals(0.0, r.variance(), 0.0);
        assertEquals(3 / Math.sqrt(10), r.cosine(), 1e-15);
        assertEquals(3 / Math.sqrt(10), r.meanCosine(), 1e-15);
        assertEquals(Math.hypot(1 - exact[0], -2 - exact[1]), r.biasNorm(), 1e-15);
        assertArrayEquals(new double[] {1 - exact[0], -2 - exact[1]}, r.bias(), 1e-15);
    }

    @Test
    void varianceAndCosinesOfAnAlternatingEstimator() {
        GradientDiagnostics d = new GradientDiagnostics(ONE_HOT);
        GradientDiagnostics.Report r = d.evaluate(new Alternating(), new double[] {0.3, -0.2},
                DifferentiableLoss.linear(new double[] {1, -2}), 4);
        // draws (2,0),(0,2),(2,0),(0,2): mean (1,1), variance 4 * 2 / 3, mean cosine (1/sqrt2 - 1/sqrt2)/2
        assertArrayEquals(new double[] {1, 1}, r.meanGradient(), 0.0);
        assertEquals(8.0 / 3, r.variance(), 1e-15);
        assertEquals(0.0, r.cosine(), 1e-15);
        assertEquals(0.0, r.meanCosine(), 1e-15);
        assertEquals(4, r.draws());
    }

    @Test
    void scoreFunctionIsUnbiasedAndStraightThroughIsNot() {
        StructureSet set = StructureSet.kSubsets(4, 2);
        double[] theta = {0.5, -0.5, 0.2, 0.0};
        DifferentiableLoss loss = DifferentiableLoss.squaredDistance(new double[] {1, 0.2, 0.7, 0.1});
        List<GradientDiagnostics.Report> reports = new GradientDiagnostics(set).compare(List.of(
                Estimators.scoreFunction(KSubsetFamily.of(4, 2)).samples(4).seed(1)
                        .executor(SolveExecutor.sequential()).build(),
                Estimators.straightThrough(new EnumeratedOracle(set)).executor(SolveExecutor.sequential()).build()),
                theta, loss, 4000);
        GradientDiagnostics.Report sf = reports.get(0);
        GradientDiagnostics.Report st = reports.get(1);
        assertEquals("score-function", sf.estimator());
        // bias of a mean of 4000 draws: within 5 standard errors of zero in norm
        assertTrue(sf.biasNorm() < 5 * Math.sqrt(sf.variance() / 4000), sf.toString());
        assertTrue(sf.cosine() > 0.95, sf.toString());
        assertEquals(0.0, st.variance(), 1e-20);
        assertTrue(st.biasNorm() > 0.1, st.toString());
    }

    @Test
    void badArgumentsAreRejected() {
        GradientDiagnostics d = new GradientDiagnostics(ONE_HOT);
        assertEquals("estimator 'straight-through' has dimension 3 but the structure set has dimension 2",
                assertThrows(IllegalArgumentException.class, () -> d.evaluate(
                        Estimators.straightThrough(new EnumeratedOracle(StructureSet.oneHot(3))).build(),
                        new double[] {0, 0}, DifferentiableLoss.linear(new double[] {1, 1}), 3)).getMessage());
        assertEquals("draws must be >= 1, got 0", assertThrows(IllegalArgumentException.class,
                () -> d.evaluate(new Alternating(), new double[] {0, 0},
                        DifferentiableLoss.linear(new double[] {1, 1}), 0)).getMessage());
    }
}
