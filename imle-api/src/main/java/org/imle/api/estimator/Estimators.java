package org.imle.api.estimator;

import org.imle.api.MapOracle;
import org.imle.api.exact.MarginalOracle;
import org.imle.api.exact.TractableFamily;
import org.imle.api.loss.FenchelYoungLoss;
import org.imle.api.loss.SpoPlusLoss;

/**
 * One entry point for every estimator and structured loss: each method starts the builder of one,
 * with its documented defaults, so a layer is one line:
 * <pre>{@code
 *   GradientEstimator est = Estimators.imle(oracle).noise(SumOfGammaNoise.of(k)).lambda(2).build();
 *   GradientEstimator ad  = Estimators.aimle(oracle).symmetric(true).build();
 * }</pre>
 */
public final class Estimators {

    private Estimators() {
    }

    /** I-MLE (Niepert et al. 2021). */
    public static ImleEstimator.Builder imle(MapOracle oracle) {
        return ImleEstimator.builder(oracle);
    }

    /** Adaptive I-MLE (Minervini et al. 2023). */
    public static AimleEstimator.Builder aimle(MapOracle oracle) {
        return AimleEstimator.builder(oracle);
    }

    /** Blackbox differentiation (Vlastelica et al. 2020). */
    public static BlackboxEstimator.Builder blackbox(MapOracle oracle) {
        return BlackboxEstimator.builder(oracle);
    }

    /** The perturbed optimizer (Berthet et al. 2020); needs a differentiable noise. */
    public static PerturbedEstimator.Builder perturbed(MapOracle oracle) {
        return PerturbedEstimator.builder(oracle);
    }

    /** The perturbed Fenchel-Young loss against gold structures. */
    public static FenchelYoungLoss.Builder fenchelYoung(MapOracle oracle) {
        return FenchelYoungLoss.builder(oracle);
    }

    /** Straight-through (identity backward). */
    public static StraightThroughEstimator.Builder straightThrough(MapOracle oracle) {
        return StraightThroughEstimator.builder(oracle);
    }

    /** Score function (REINFORCE) over a family with exact sampling. */
    public static ScoreFunctionEstimator.Builder scoreFunction(TractableFamily family) {
        return ScoreFunctionEstimator.builder(family);
    }

    /** SPO+ (Elmachtoub and Grigas) against the true objective. */
    public static SpoPlusLoss.Builder spoPlus(MapOracle oracle) {
        return SpoPlusLoss.builder(oracle);
    }

    /** The mu-mu variant of I-MLE with exact marginals. */
    public static MarginalImleEstimator.Builder marginalImle(MapOracle oracle, MarginalOracle marginals) {
        return MarginalImleEstimator.builder(oracle, marginals);
    }
}
