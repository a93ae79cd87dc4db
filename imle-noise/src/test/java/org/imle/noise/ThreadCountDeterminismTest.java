package org.imle.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.imle.api.EstimatorPass;
import org.imle.api.NoiseDistribution;
import org.imle.api.estimator.ImleEstimator;
import org.imle.api.estimator.Scaling;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.testing.RandomInstances;
import org.imle.api.testing.TopKTestOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The same seed gives bit-identical samples and gradients whatever runs the solves. */
class ThreadCountDeterminismTest {

    private static final int B = 6;
    private static final int N = 30;
    private static final int S = 3;

    private static ImleEstimator estimator(SolveExecutor executor, long seed, NoiseDistribution noise) {
        return ImleEstimator.builder(new TopKTestOracle(N, 5)).noise(noise).samples(S).marginalSamples(2)
                .temperature(0.7).lambda(3.0).scaling(Scaling.DIVIDE_BY_LAMBDA).seed(seed)
                .executor(executor).build();
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void samplesAndGradientsAreIdenticalForAnyThreadCount(boolean tabulated) {
        NoiseDistribution noise = tabulated ? TabulatedSumOfGammaNoise.of(5, 10, 1.0) : SumOfGammaNoise.of(5, 10, 1.0);
        SplittableRandom random = new SplittableRandom(31);
        double[] theta = RandomInstances.batch(random, B, N, 0.5);
        double[] dLdz = RandomInstances.batch(random, B * S, N, 1.0);
        SolveExecutor[] executors = {SolveExecutor.sequential(), SolveExecutor.parallel(2), SolveExecutor.parallel(8)};
        double[] z0 = null;
        double[] g0 = null;
        for (SolveExecutor executor : executors) {
            for (long step = 0; step < 3; step++) {
                EstimatorPass pass = estimator(executor, 2026, noise).forward(theta, B, 40 + step);
                if (step == 2) {
                    double[] g = pass.backward(dLdz);
                    if (z0 == null) {
                        z0 = pass.structures().clone();
                        g0 = g;
                        assertFalse(Arrays.stream(g0).allMatch(v -> v == 0.0), "a gradient worth comparing");
                    } else {
                        assertArrayEquals(z0, pass.structures(), 0.0, executor.toString());
                        assertArrayEquals(g0, g, 0.0, executor.toString());
                    }
                }
            }
        }
    }

    @Test
    void otherSeedsAndStepsGiveOtherSamples() {
        NoiseDistribution noise = SumOfGammaNoise.of(5, 10, 1.0);
        double[] theta = new double[B * N];
        SolveExecutor executor = SolveExecutor.parallel(2);
        double[] base = estimator(executor, 1, noise).forward(theta, B, 0).structures();
        double[] otherSeed = estimator(executor, 2, noise).forward(theta, B, 0).structures();
        double[] otherStep = estimator(executor, 1, noise).forward(theta, B, 1).structures();
        assertFalse(Arrays.equals(base, otherSeed));
        assertFalse(Arrays.equals(base, otherStep));
        // rows and samples of one step differ from each other too (distinct stream keys)
        double[] row0 = Arrays.copyOfRange(base, 0, N);
        for (int r = 1; r < B * S; r++) {
            assertFalse(Arrays.equals(row0, Arrays.copyOfRange(base, r * N, (r + 1) * N)), "row " + r);
        }
    }
}
