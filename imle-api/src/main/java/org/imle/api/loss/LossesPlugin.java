package org.imle.api.loss;

import java.util.List;
import org.imle.api.estimator.PerturbedEstimator;
import org.imle.api.registry.EstimatorFactory;
import org.imle.api.registry.EstimatorPlugin;
import org.imle.api.registry.Setting;

/**
 * Registers the structured losses of this package by name: {@code fenchel-young} (supervised by
 * gold structures, {@code target}) and {@code spo+} (supervised by the true objective,
 * {@code trueTheta}). Listed in {@code META-INF/services/org.imle.api.registry.EstimatorPlugin} of
 * imle-api.
 */
public final class LossesPlugin extends EstimatorPlugin {

    @Override
    protected void registerEstimators() {
        register(EstimatorFactory.loss("fenchel-young", "target",
                "the perturbed Fenchel-Young loss (Berthet et al. 2020) against gold structures: grad = mean of"
                        + " MAP(theta + T Z) - target",
                FenchelYoungLoss::builder, List.<Setting.Bound<? super FenchelYoungLoss.Builder>>of(
                        PerturbedEstimator.Builder.NOISE.on(FenchelYoungLoss.Builder::noise),
                        PerturbedEstimator.Builder.TEMPERATURE.on(FenchelYoungLoss.Builder::temperature),
                        PerturbedEstimator.Builder.SAMPLES.on(FenchelYoungLoss.Builder::samples))));
        register(EstimatorFactory.loss("spo+", "trueTheta",
                "SPO+ (Elmachtoub and Grigas 2022) against the true objective: z = MAP(theta), grad ="
                        + " 2 (MAP(2 theta - trueTheta) - MAP(trueTheta))",
                SpoPlusLoss::builder, List.of()));
    }
}
