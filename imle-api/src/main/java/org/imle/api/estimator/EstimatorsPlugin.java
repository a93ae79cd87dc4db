package org.imle.api.estimator;

import java.util.List;
import org.imle.api.MapOracle;
import org.imle.api.exact.TractableFamily;
import org.imle.api.exact.TractableOracle;
import org.imle.api.registry.EstimatorFactory;
import org.imle.api.registry.EstimatorPlugin;
import org.imle.api.registry.Setting;
import org.imle.api.registry.ValidatingOracle;

/**
 * Registers the estimators of this package by name: {@code imle}, {@code aimle}, {@code blackbox},
 * {@code perturbed}, {@code straight-through}, {@code score-function}, {@code imle-marginals},
 * {@code nid} and {@code simple}.
 * Each lists the settings its builder declares, so the registry's defaults are the builder's.
 * Listed in {@code META-INF/services/org.imle.api.registry.EstimatorPlugin} of imle-api.
 */
public final class EstimatorsPlugin extends EstimatorPlugin {

    @Override
    protected void registerEstimators() {
        register(EstimatorFactory.estimator("imle",
                "I-MLE (Niepert et al. 2021): grad = mean of MAP(theta + T_in eps) - MAP(alpha theta - lambda dLdz"
                        + " + T_target eps)",
                ImleEstimator::builder, EstimatorsPlugin.<ImleEstimator.Builder>with(TargetBuilder.SETTINGS,
                        ImleEstimator.Builder.LAMBDA.on(ImleEstimator.Builder::lambda),
                        ImleEstimator.Builder.SCALING.on(ImleEstimator.Builder::scaling))));
        register(EstimatorFactory.estimator("aimle",
                "adaptive I-MLE (Minervini et al. 2023): lambda adapted to the gradient's size, gradient divided by"
                        + " lambda, optionally two-sided; the state starts afresh in every built estimator",
                AimleEstimator::builder, EstimatorsPlugin.<AimleEstimator.Builder>with(TargetBuilder.SETTINGS,
                        AimleEstimator.Builder.SYMMETRIC.on(AimleEstimator.Builder::symmetric),
                        AimleEstimator.Builder.LAMBDA.on(AimleEstimator.Builder::lambda),
                        AimleEstimator.Builder.INITIAL_BETA.on(AimleEstimator.Builder::initialBeta),
                        AimleEstimator.Builder.BETA_STEP.on(AimleEstimator.Builder::betaStep),
                        AimleEstimator.Builder.BETA_MOMENTUM.on(AimleEstimator.Builder::betaMomentum),
                        AimleEstimator.Builder.NON_ZERO_DECAY.on(AimleEstimator.Builder::nonZeroDecay),
                        AimleEstimator.Builder.TARGET_NON_ZERO_FRACTION.on(AimleEstimator.Builder::targetNonZeroFraction),
                        AimleEstimator.Builder.INITIAL_NON_ZERO_AVERAGE.on(
                                AimleEstimator.Builder::initialNonZeroAverage))));
        register(EstimatorFactory.estimator("blackbox",
                "blackbox differentiation (Vlastelica et al. 2020): z = MAP(theta), grad = (MAP(theta) -"
                        + " MAP(theta - lambda dLdz)) / lambda",
                BlackboxEstimator::builder, List.<Setting.Bound<? super BlackboxEstimator.Builder>>of(
                        BlackboxEstimator.Builder.LAMBDA.on(BlackboxEstimator.Builder::lambda))));
        register(EstimatorFactory.estimator("perturbed",
                "the perturbed optimizer (Berthet et al. 2020): z = MAP(theta + T Z), grad by the score identity of"
                        + " the noise's density",
                PerturbedEstimator::builder, List.<Setting.Bound<? super PerturbedEstimator.Builder>>of(
                        PerturbedEstimator.Builder.NOISE.on(PerturbedEstimator.Builder::noise),
                        PerturbedEstimator.Builder.TEMPERATURE.on(PerturbedEstimator.Builder::temperature),
                        PerturbedEstimator.Builder.SAMPLES.on(PerturbedEstimator.Builder::samples),
                        PerturbedEstimator.Builder.PERTURBATION.on(PerturbedEstimator.Builder::perturbation),
                        PerturbedEstimator.Builder.BASELINE.on(PerturbedEstimator.Builder::baseline))));
        register(EstimatorFactory.estimator("straight-through",
                "straight-through (Bengio et al. 2013): z = MAP(theta + T eps), grad = mean of the samples' dLdz",
                StraightThroughEstimator::builder, List.<Setting.Bound<? super StraightThroughEstimator.Builder>>of(
                        SamplingBuilder.NOISE.on(StraightThroughEstimator.Builder::noise),
                        SamplingBuilder.TEMPERATURE.on(StraightThroughEstimator.Builder::temperature),
                        SamplingBuilder.SAMPLES.on(StraightThroughEstimator.Builder::samples))));
        register(EstimatorFactory.estimator("score-function",
                "REINFORCE (Williams 1992) with exact samples of p(z; theta), for oracles with a tractable family"
                        + " (top-k, enumerated); dLdz gives the loss <dLdz, z> of each sample",
                oracle -> ScoreFunctionEstimator.builder(familyOf(oracle, "score-function")),
                List.<Setting.Bound<? super ScoreFunctionEstimator.Builder>>of(
                        ScoreFunctionEstimator.Builder.SAMPLES.on(ScoreFunctionEstimator.Builder::samples),
                        ScoreFunctionEstimator.Builder.BASELINE.on(ScoreFunctionEstimator.Builder::baselineName),
                        ScoreFunctionEstimator.Builder.BASELINE_DECAY.on(ScoreFunctionEstimator.Builder::baselineDecay))));
        register(EstimatorFactory.estimator("imle-marginals",
                "mu-mu I-MLE (Niepert et al. 2021): both sides of the difference are exact marginals, for oracles"
                        + " with a tractable family (top-k, enumerated); forward samples as I-MLE",
                oracle -> MarginalImleEstimator.builder(oracle, familyOf(oracle, "imle-marginals")),
                List.<Setting.Bound<? super MarginalImleEstimator.Builder>>of(
                        SamplingBuilder.NOISE.on(MarginalImleEstimator.Builder::noise),
                        SamplingBuilder.TEMPERATURE.on(MarginalImleEstimator.Builder::temperature),
                        SamplingBuilder.SAMPLES.on(MarginalImleEstimator.Builder::samples),
                        TargetBuilder.ALPHA.on(MarginalImleEstimator.Builder::alpha),
                        ImleEstimator.Builder.LAMBDA.on(MarginalImleEstimator.Builder::lambda),
                        ImleEstimator.Builder.SCALING.on(MarginalImleEstimator.Builder::scaling))));
        register(EstimatorFactory.estimator("nid",
                "negative identity (Sahoo et al. 2023; PyEPO's NID): z = MAP(theta), grad = dLdz, the identity in"
                        + " the maximisation convention (-dLdz for costs)",
                NidEstimator::builder, List.of()));
        register(EstimatorFactory.estimator("simple",
                "SIMPLE (Ahmed et al. 2023): exact samples of p(z; theta) forward, the gradient of the exact"
                        + " marginals backward (Cov[z] dLdz), for top-k and enumerated oracles",
                oracle -> SimpleEstimator.builder(familyOf(oracle, "simple")),
                List.<Setting.Bound<? super SimpleEstimator.Builder>>of(
                        SimpleEstimator.Builder.SAMPLES.on(SimpleEstimator.Builder::samples))));
    }

    /** The shared settings followed by a method's own. */
    @SafeVarargs
    private static <B> List<Setting.Bound<? super B>> with(List<? extends Setting.Bound<? super B>> shared,
            Setting.Bound<? super B>... own) {
        List<Setting.Bound<? super B>> all = new java.util.ArrayList<>(shared);
        all.addAll(List.of(own));
        return all;
    }

    /**
     * The exact family of an oracle that has one, looked up on the oracle itself when a validating
     * wrapper (as the tests install) hides it.
     *
     * @throws IllegalArgumentException naming the oracle's class otherwise
     */
    static TractableFamily familyOf(MapOracle oracle, String estimator) {
        MapOracle solver = ValidatingOracle.unwrap(oracle);
        if (solver instanceof TractableOracle t) {
            return t.family();
        }
        throw new IllegalArgumentException("needs exact sampling from p(z; theta), which imle offers for oracle"
                + " 'top-k' and enumerated oracles only, not for " + solver.getClass().getSimpleName());
    }
}
