package org.imle.api.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.imle.api.EstimatorPass;
import org.imle.api.GradientEstimator;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.testing.Fixtures;
import org.imle.api.testing.TopKTestOracle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every estimator gives bit-identical samples and gradients on one thread and on several: the
 * backward passes split the batch into per-row tasks, and this fails if a task's result depended
 * on which thread ran it, on the order tasks finished, or on buffers shared between threads.
 */
class ExecutorIndependenceTest {

    private static final int N = 30;
    private static final int K = 4;
    private static final int B = 9;
    private static final TopKTestOracle ORACLE = new TopKTestOracle(N, K);

    static Stream<Arguments> estimators() {
        return Stream.of(
                Arguments.of("imle S=3 M=2", (Function<SolveExecutor, GradientEstimator>) ex -> Estimators.imle(ORACLE)
                        .noise(LogisticTestNoise.INSTANCE).samples(3).marginalSamples(2).lambda(3.0).seed(5)
                        .executor(ex).build()),
                Arguments.of("imle target temperature 0", (Function<SolveExecutor, GradientEstimator>) ex -> Estimators
                        .imle(ORACLE).noise(LogisticTestNoise.INSTANCE).samples(2).targetTemperature(0.0).seed(6)
                        .executor(ex).build()),
                Arguments.of("aimle adaptive symmetric", (Function<SolveExecutor, GradientEstimator>) ex -> Estimators
                        .aimle(ORACLE).noise(LogisticTestNoise.INSTANCE).samples(3).symmetric(true).seed(7)
                        .executor(ex).build()),
                Arguments.of("aimle fixed lambda", (Function<SolveExecutor, GradientEstimator>) ex -> Estimators
                        .aimle(ORACLE).noise(LogisticTestNoise.INSTANCE).samples(2).lambda(2.0).seed(8)
                        .executor(ex).build()),
                Arguments.of("blackbox", (Function<SolveExecutor, GradientEstimator>) ex -> Estimators.blackbox(ORACLE)
                        .lambda(4.0).executor(ex).build()),
                Arguments.of("perturbed", (Function<SolveExecutor, GradientEstimator>) ex -> Estimators.perturbed(ORACLE)
                        .noise(LogisticTestNoise.INSTANCE).samples(4).seed(9).executor(ex).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("estimators")
    void samplesAndGradientsDoNotDependOnTheExecutor(String name, Function<SolveExecutor, GradientEstimator> build) {
        SplittableRandom rng = new SplittableRandom(name.hashCode());
        double[] theta = Fixtures.gaussian(rng, B * N, 1.0);
        GradientEstimator one = build.apply(SolveExecutor.sequential());
        double[] dLdz = Fixtures.gaussian(rng, B * one.samples() * N, 1.0);
        double[][] reference = run(one, theta, dLdz);
        assertFalse(Arrays.stream(reference[1]).allMatch(g -> g == 0.0), "a zero gradient would prove nothing");
        for (int threads : new int[] {2, 3}) {
            double[][] other = run(build.apply(SolveExecutor.parallel(threads)), theta, dLdz);
            assertArrayEquals(reference[0], other[0], 0.0, name + ": samples with " + threads + " threads");
            for (int call = 1; call < reference.length; call++) {
                assertArrayEquals(reference[call], other[call], 0.0,
                        name + ": backward call " + call + " with " + threads + " threads");
            }
        }
    }

    /** The samples of step 3, then the gradients of three backward calls (AIMLE adapts between them). */
    private static double[][] run(GradientEstimator estimator, double[] theta, double[] dLdz) {
        EstimatorPass pass = estimator.forward(theta, B, 3);
        double[][] out = new double[4][];
        out[0] = pass.structures().clone();
        for (int call = 1; call < out.length; call++) {
            out[call] = pass.backward(dLdz);
        }
        return out;
    }
}
