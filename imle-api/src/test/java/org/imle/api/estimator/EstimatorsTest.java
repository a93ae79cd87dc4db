package org.imle.api.estimator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.imle.api.exact.EnumeratedOracle;
import org.imle.api.exact.KSubsetFamily;
import org.imle.api.testing.Fixtures;
import org.junit.jupiter.api.Test;

class EstimatorsTest {

    @Test
    void everyBuilderMakesTheNamedEstimatorWithItsDocumentedDefaults() {
        EnumeratedOracle o = Fixtures.topK(4, 2);
        assertEquals("imle", Estimators.imle(o).build().name());
        AimleEstimator aimle = Estimators.aimle(o).build();
        assertEquals("aimle", aimle.name());
        assertEquals(new AimleEstimator.State(1.0, 0.25, 0.0, 0), aimle.state());
        assertEquals(0.25, aimle.targetNonZeroFraction());
        BlackboxEstimator bb = Estimators.blackbox(o).build();
        assertEquals("blackbox", bb.name());
        assertEquals(10.0, bb.lambda());
        PerturbedEstimator p = Estimators.perturbed(o).noise(LogisticTestNoise.INSTANCE).build();
        assertEquals("perturbed", p.name());
        assertEquals(10, p.samples());
        assertEquals(PerturbedEstimator.Perturbation.ADDITIVE, p.perturbation());
        assertEquals("fenchel-young", Estimators.fenchelYoung(o).noise(LogisticTestNoise.INSTANCE).build().name());
        assertEquals("straight-through", Estimators.straightThrough(o).build().name());
        ScoreFunctionEstimator sf = Estimators.scoreFunction(KSubsetFamily.of(4, 2)).build();
        assertEquals("score-function", sf.name());
        assertEquals(Baseline.Kind.NONE, sf.baseline().kind());
        assertEquals(Baseline.Kind.LEAVE_ONE_OUT,
                Estimators.scoreFunction(KSubsetFamily.of(4, 2)).samples(2).build().baseline().kind());
        assertEquals("spo+", Estimators.spoPlus(o).build().name());
        assertEquals("imle-marginals", Estimators.marginalImle(o, KSubsetFamily.of(4, 2)).build().name());
    }
}
