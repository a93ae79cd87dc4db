package org.imle.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.imle.api.NoiseDistribution;
import org.imle.api.estimator.ImleEstimator;
import org.imle.api.exact.EnumeratedOracle;
import org.imle.api.exact.ExactDistribution;
import org.imle.api.exact.StructureSet;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.testing.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The Gumbel-max trick: with i.i.d. standard Gumbel noise, {@code argmax_i (theta_i + eps_i)} is
 * distributed exactly as softmax(theta). Sampled through the estimator's own forward pass (stream
 * keys, executor, oracle), so the whole perturb-and-MAP path is what is tested.
 */
class GumbelMaxExactnessTest {

    private static final int SAMPLES = 200_000;
    private static final double[] THETA = {0.5, -1.0, 2.0, 0.0, 1.2};
    /** Upper normal quantile of alpha = 1e-6. */
    private static final double Z_1E6 = 4.753;

    private static long[] counts(NoiseDistribution noise) {
        int n = THETA.length;
        ImleEstimator est = ImleEstimator.builder(new EnumeratedOracle(StructureSet.oneHot(n)))
                .noise(noise).samples(SAMPLES).seed(123).executor(SolveExecutor.parallel(2)).build();
        double[] z = est.forward(THETA, 1, 0).structures();
        long[] counts = new long[n];
        for (int s = 0; s < SAMPLES; s++) {
            for (int i = 0; i < n; i++) {
                if (z[s * n + i] == 1.0) {
                    counts[i]++;
                }
            }
        }
        assertEquals(SAMPLES, java.util.Arrays.stream(counts).sum(), "one-hot samples");
        return counts;
    }

    /**
     * Two bounds, each at a stated significance: Pearson's chi-square with 4 degrees of freedom
     * below its alpha = 1e-6 critical value (35.2 by Wilson-Hilferty, slightly above the exact 33.4), and every frequency
     * within 5 binomial standard deviations of its softmax probability (two-sided 5.7e-7 per cell).
     * With a fixed seed the test is deterministic; these bounds make a pass meaningful.
     */
    @Test
    void frequenciesOfTheArgmaxMatchTheSoftmax() {
        double[] p = new ExactDistribution(StructureSet.oneHot(THETA.length)).probabilities(THETA);
        long[] counts = counts(GumbelNoise.standard());
        double x2 = Statistics.chiSquare(counts, p);
        double critical = Statistics.chiSquareCritical(THETA.length - 1, Z_1E6);
        System.out.printf("Gumbel-max: chi-square %.2f (critical %.2f at 1e-6), counts %s%n", x2, critical,
                java.util.Arrays.toString(counts));
        assertTrue(x2 < critical, "chi-square " + x2 + " >= " + critical);
        for (int i = 0; i < p.length; i++) {
            double f = (double) counts[i] / SAMPLES;
            double sigma = Math.sqrt(p[i] * (1 - p[i]) / SAMPLES);
            assertEquals(p[i], f, 5 * sigma, "frequency of coordinate " + i);
        }
    }

    /**
     * The same test rejects Gaussian noise of the Gumbel's variance: the argmax of Gaussian
     * perturbations is not softmax-distributed, and the test is powerful enough to see it.
     */
    @Test
    void theTestRejectsGaussianNoiseOfTheSameVariance() {
        double[] p = new ExactDistribution(StructureSet.oneHot(THETA.length)).probabilities(THETA);
        long[] counts = counts(GaussianNoise.of(0.0, Math.PI / Math.sqrt(6)));
        double x2 = Statistics.chiSquare(counts, p);
        assertTrue(x2 > 10 * Statistics.chiSquareCritical(THETA.length - 1, Z_1E6), "chi-square " + x2);
    }
}
