package org.imle.examples.dvae;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.imle.api.estimator.Baseline;
import org.imle.api.estimator.Estimators;
import org.imle.api.estimator.Scaling;
import org.imle.api.exact.KSubsetFamily;
import org.imle.api.execution.SolveExecutor;
import org.imle.noise.TabulatedSumOfGammaNoise;
import org.imle.solvers.topk.TopKOracle;

/**
 * The ways the discrete VAE gets gradients through its k-subset codes, with the settings of the
 * reference DVAE experiment (torch-adaptive-imle's {@code dvae} script) where it has them:
 * <ul>
 *   <li>{@code imle}: I-MLE, Sum-of-Gamma noise (k, 10 iterations) at temperature 10 on both
 *       solves, lambda 10, gradient not divided by lambda (the reference's defaults);</li>
 *   <li>{@code aimle}: adaptive I-MLE, symmetric difference, adaptive lambda with the library's
 *       defaults (those of the reference), the same noise and temperature;</li>
 *   <li>{@code straight-through}: plain top-k forward (the reference's STE temperature is 0),
 *       identity backward;</li>
 *   <li>{@code score-function}: exact k-subset samples and REINFORCE with the exact log-partition
 *       ({@link KSubsetFamily}), moving-average baseline with decay 0.9;</li>
 *   <li>{@code gumbel-softmax}: the relaxed k-subset ({@link GumbelSoftmaxCode}).</li>
 * </ul>
 * All sample one code per example (S = 1) and solve with {@link TopKOracle} on rows of M units.
 * The Sum-of-Gamma noise is the tabulated sampler ({@link TabulatedSumOfGammaNoise}): the same law
 * within 2.5e-4 in Kolmogorov distance, and one uniform draw per value.
 */
public enum DvaeEstimator {
    IMLE("imle"),
    AIMLE("aimle"),
    STRAIGHT_THROUGH("straight-through"),
    SCORE_FUNCTION("score-function"),
    GUMBEL_SOFTMAX("gumbel-softmax");

    private final String cliName;

    DvaeEstimator(String cliName) {
        this.cliName = cliName;
    }

    /** The name the command line uses. */
    public String cliName() {
        return cliName;
    }

    /** Every command-line name, in declaration order. */
    public static List<String> names() {
        return Arrays.stream(values()).map(DvaeEstimator::cliName).toList();
    }

    /**
     * The estimator with this command-line name (case-insensitive).
     *
     * @throws IllegalArgumentException naming the known names otherwise
     */
    public static DvaeEstimator parse(String name) {
        for (DvaeEstimator e : values()) {
            if (e.cliName.equals(name.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown estimator '" + name + "'; known: " + String.join(", ", names()));
    }

    /**
     * A fresh code sampler for groups of {@code units} units with k chosen.
     *
     * @param seed keys the noise (training and evaluation)
     */
    public LatentCode create(int units, int k, long seed, SolveExecutor executor) {
        TopKOracle oracle = new TopKOracle(units, k);
        switch (this) {
            case IMLE:
                return new EstimatorCode(Estimators.imle(oracle).noise(TabulatedSumOfGammaNoise.of(k, 10, 1.0))
                        .temperature(10).lambda(10).scaling(Scaling.NONE).seed(seed).executor(executor).build(),
                        false);
            case AIMLE:
                return new EstimatorCode(Estimators.aimle(oracle).noise(TabulatedSumOfGammaNoise.of(k, 10, 1.0))
                        .temperature(10).symmetric(true).seed(seed).executor(executor).build(), false);
            case STRAIGHT_THROUGH:
                return new EstimatorCode(Estimators.straightThrough(oracle).seed(seed).executor(executor).build(),
                        false);
            case SCORE_FUNCTION:
                return new EstimatorCode(Estimators.scoreFunction(KSubsetFamily.of(units, k))
                        .baseline(Baseline.movingAverage(0.9)).seed(seed).executor(executor).build(), true);
            case GUMBEL_SOFTMAX:
                return new GumbelSoftmaxCode(units, k, seed);
            default:
                throw new IllegalStateException(name());
        }
    }
}
