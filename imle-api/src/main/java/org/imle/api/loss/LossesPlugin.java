package org.imle.api.loss;

import java.util.List;
import org.imle.api.estimator.PerturbedEstimator;
import org.imle.api.registry.EstimatorFactory;
import org.imle.api.registry.EstimatorPlugin;
import org.imle.api.registry.Setting;

/**
 * Registers the structured losses of this package by name: {@code fenchel-young}, {@code nce},
 * {@code cmap} and {@code ssvm} (supervised by gold structures, {@code target}), {@code spo+},
 * {@code pg} and the learning-to-rank losses {@code ltr-pointwise}, {@code ltr-pairwise},
 * {@code ltr-listwise} (supervised by the true objective, {@code trueTheta}). Listed in {@code META-INF/services/org.imle.api.registry.EstimatorPlugin} of
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
        register(EstimatorFactory.loss("nce", "target",
                "noise-contrastive estimation (Mulamba et al. 2021) over the solution pool: mean over pooled w of"
                        + " <theta, w> - <theta, target>",
                NceLoss::builder, List.<Setting.Bound<? super NceLoss.Builder>>of(
                        PoolLoss.Builder.BATCH_SOLVE_RATIO.on(NceLoss.Builder::batchSolveRatio),
                        PoolLoss.Builder.BATCH_COINS.on(NceLoss.Builder::batchCoins))));
        register(EstimatorFactory.loss("cmap", "target",
                "contrastive MAP (Mulamba et al. 2021): max over pooled w of <theta, w> - <theta, target>",
                CmapLoss::builder, List.<Setting.Bound<? super CmapLoss.Builder>>of(
                        PoolLoss.Builder.BATCH_SOLVE_RATIO.on(CmapLoss.Builder::batchSolveRatio),
                        PoolLoss.Builder.BATCH_COINS.on(CmapLoss.Builder::batchCoins))));
        register(EstimatorFactory.loss("ltr-pointwise", "trueTheta",
                "pointwise learning to rank (Mandi et al. 2022): mean over pooled w of <trueTheta - theta, w>^2",
                PointwiseRankLoss::builder, List.<Setting.Bound<? super PointwiseRankLoss.Builder>>of(
                        PoolLoss.Builder.BATCH_SOLVE_RATIO.on(PointwiseRankLoss.Builder::batchSolveRatio),
                        PoolLoss.Builder.BATCH_COINS.on(PointwiseRankLoss.Builder::batchCoins))));
        register(EstimatorFactory.loss("ltr-pairwise", "trueTheta",
                "pairwise learning to rank (Mandi et al. 2022): hinge of each pooled w against the truly best one",
                PairwiseRankLoss::builder, List.<Setting.Bound<? super PairwiseRankLoss.Builder>>of(
                        PairwiseRankLoss.Builder.MARGIN.on(PairwiseRankLoss.Builder::margin),
                        PoolLoss.Builder.BATCH_SOLVE_RATIO.on(PairwiseRankLoss.Builder::batchSolveRatio),
                        PoolLoss.Builder.BATCH_COINS.on(PairwiseRankLoss.Builder::batchCoins))));
        register(EstimatorFactory.loss("ltr-listwise", "trueTheta",
                "listwise learning to rank (Mandi et al. 2022): cross-entropy of the pool's softmax rankings",
                ListwiseRankLoss::builder, List.<Setting.Bound<? super ListwiseRankLoss.Builder>>of(
                        ListwiseRankLoss.Builder.TEMPERATURE.on(ListwiseRankLoss.Builder::temperature),
                        PoolLoss.Builder.BATCH_SOLVE_RATIO.on(ListwiseRankLoss.Builder::batchSolveRatio),
                        PoolLoss.Builder.BATCH_COINS.on(ListwiseRankLoss.Builder::batchCoins))));
        register(EstimatorFactory.loss("pg", "trueTheta",
                "perturbation gradient (Gupta and Huang 2024; PyEPO's PG): finite difference of max <theta, z>"
                        + " along trueTheta, grad = (MAP(theta - sigma trueTheta) - MAP(theta)) / sigma",
                PerturbationGradientLoss::builder, List.<Setting.Bound<? super PerturbationGradientLoss.Builder>>of(
                        PerturbationGradientLoss.Builder.SIGMA.on(PerturbationGradientLoss.Builder::sigma),
                        PerturbationGradientLoss.Builder.CENTRAL.on(PerturbationGradientLoss.Builder::central))));
        register(EstimatorFactory.loss("ssvm", "target",
                "structured SVM with a Hamming margin (InferOpt): grad = MAP(theta + margin (1 - 2 target)) - target",
                StructuredHingeLoss::builder, List.<Setting.Bound<? super StructuredHingeLoss.Builder>>of(
                        StructuredHingeLoss.Builder.MARGIN.on(StructuredHingeLoss.Builder::margin))));
    }
}
