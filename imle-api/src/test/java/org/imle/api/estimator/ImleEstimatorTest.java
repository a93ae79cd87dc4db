package org.imle.api.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.imle.api.EstimatorPass;
import org.imle.api.MapOracle;
import org.imle.api.NoiseDistribution;
import org.imle.api.execution.RandomStreams;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.testing.CountingNoise;
import org.imle.api.testing.RandomInstances;
import org.imle.api.testing.TopKTestOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ImleEstimatorTest {

    private static final int N = 7;
    private static final int K = 3;
    private final MapOracle oracle = new TopKTestOracle(N, K);

    static Stream<Arguments> targets() {
        Stream.Builder<Arguments> b = Stream.builder();
        for (Scaling scaling : Scaling.values()) {
            for (double alpha : new double[] {1.0, 0.5, 0.0, -2.0}) {
                for (double lambda : new double[] {0.1, 1.0, 10.0, 1000.0}) {
                    b.add(Arguments.of(scaling, alpha, lambda));
                }
            }
        }
        return b.build();
    }

    private double[] map(double[] theta) {
        double[] z = new double[N];
        oracle.solve(theta, z);
        return z;
    }

    private static double[] row(double[] batch, int r) {
        return Arrays.copyOfRange(batch, r * N, (r + 1) * N);
    }

    @ParameterizedTest
    @MethodSource("targets")
    void zeroNoiseGradientEqualsTheFormulaExactly(Scaling scaling, double alpha, double lambda) {
        int batch = 4;
        int samples = 3;
        ImleEstimator est = ImleEstimator.builder(oracle).alpha(alpha).lambda(lambda)
                .samples(samples).scaling(scaling).executor(SolveExecutor.sequential()).build();
        SplittableRandom random = new SplittableRandom(Double.hashCode(alpha * 31 + lambda));
        for (int rep = 0; rep < 50; rep++) {
            double[] theta = RandomInstances.batch(random, batch, N, 2.0);
            double[] dLdz = RandomInstances.batch(random, batch * samples, N, 1.0);
            EstimatorPass pass = est.forward(theta, batch, rep);
            double[] grad = pass.backward(dLdz);

            double c = (scaling == Scaling.DIVIDE_BY_LAMBDA ? 1.0 / lambda : 1.0) / samples;
            double[] expected = new double[batch * N];
            for (int b = 0; b < batch; b++) {
                double[] zb = map(row(theta, b));
                for (int s = 0; s < samples; s++) {
                    double[] g = row(dLdz, b * samples + s);
                    double[] target = new double[N];
                    for (int i = 0; i < N; i++) {
                        target[i] = alpha * theta[b * N + i] - lambda * g[i];
                    }
                    double[] zt = map(target);
                    for (int i = 0; i < N; i++) {
                        expected[b * N + i] += zb[i] - zt[i];
                    }
                }
                for (int i = 0; i < N; i++) {
                    expected[b * N + i] *= c;
                }
            }
            assertArrayEquals(expected, grad, 0.0);
        }
    }

    @Test
    void dividingByLambdaScalesTheSameDifference() {
        SplittableRandom random = new SplittableRandom(5);
        double[] theta = RandomInstances.batch(random, 2, N, 1.0);
        double[] dLdz = RandomInstances.batch(random, 2, N, 1.0);
        double[] plain = ImleEstimator.builder(oracle).lambda(4.0).executor(SolveExecutor.sequential())
                .build().forward(theta, 2, 0).backward(dLdz);
        double[] divided = ImleEstimator.builder(oracle).lambda(4.0).scaling(Scaling.DIVIDE_BY_LAMBDA)
                .executor(SolveExecutor.sequential()).build().forward(theta, 2, 0).backward(dLdz);
        assertFalse(Arrays.stream(plain).allMatch(v -> v == 0.0), "the instance must move the target");
        for (int i = 0; i < plain.length; i++) {
            assertEquals(plain[i] / 4.0, divided[i], 0.0);
        }
    }

    @Test
    void zeroNoiseMakesEverySampleOfARowAgree() {
        int batch = 5;
        int samples = 4;
        ImleEstimator est = ImleEstimator.builder(oracle).samples(samples).build();
        SplittableRandom random = new SplittableRandom(11);
        for (int rep = 0; rep < 100; rep++) {
            double[] theta = RandomInstances.batch(random, batch, N, 1.0);
            double[] z = est.forward(theta, batch, rep).structures();
            assertEquals(batch * samples * N, z.length);
            for (int b = 0; b < batch; b++) {
                double[] expected = map(row(theta, b));
                for (int s = 0; s < samples; s++) {
                    assertArrayEquals(expected, row(z, b * samples + s), 0.0, "row " + b + " sample " + s);
                }
            }
        }
    }

    /**
     * Rebuilds every eps from its documented stream key (seed, step, row, s * M + m) and checks
     * the forward sample, the target solve and the gradient against a hand computation: this fails
     * if the backward drew fresh noise, used other keys, or mixed up the temperatures.
     */
    @ParameterizedTest
    @MethodSource("noiseCases")
    void reusesTheForwardNoiseInTheTargetSolve(int samples, int marginal, double tIn, double tTarget) {
        int batch = 3;
        long seed = 42;
        long step = 7;
        CountingNoise noise = new CountingNoise(3.0);
        ImleEstimator est = ImleEstimator.builder(oracle).noise(noise).samples(samples)
                .marginalSamples(marginal).inputTemperature(tIn).targetTemperature(tTarget)
                .alpha(0.8).lambda(2.5).seed(seed).executor(SolveExecutor.parallel(2)).build();
        SplittableRandom random = new SplittableRandom(samples * 10 + marginal);
        double[] theta = RandomInstances.batch(random, batch, N, 1.0);
        double[] dLdz = RandomInstances.batch(random, batch * samples, N, 1.0);

        EstimatorPass pass = est.forward(theta, batch, step);
        int drawn = noise.calls();
        double[] grad = pass.backward(dLdz);
        double[] again = pass.backward(dLdz);
        assertEquals(batch * samples * marginal, drawn, "one draw per (row, sample, marginal sample)");
        assertEquals(drawn, noise.calls(), "backward must not draw noise");
        assertArrayEquals(grad, again, 0.0, "backward is repeatable");

        CountingNoise replay = new CountingNoise(3.0);
        double[] expectedZ = new double[batch * samples * N];
        double[] expectedGrad = new double[batch * N];
        for (int b = 0; b < batch; b++) {
            for (int s = 0; s < samples; s++) {
                double[] zMean = new double[N];
                double[] tMean = new double[N];
                for (int m = 0; m < marginal; m++) {
                    double[] eps = new double[N];
                    replay.sample(RandomStreams.open(seed, step, b, (long) s * marginal + m), eps, 0, N);
                    double[] perturbed = new double[N];
                    double[] target = new double[N];
                    for (int i = 0; i < N; i++) {
                        perturbed[i] = theta[b * N + i] + tIn * eps[i];
                        double t = 0.8 * theta[b * N + i] - 2.5 * dLdz[(b * samples + s) * N + i];
                        target[i] = t + tTarget * eps[i];
                    }
                    double[] z = map(perturbed);
                    double[] zt = map(target);
                    for (int i = 0; i < N; i++) {
                        zMean[i] += z[i];
                        tMean[i] += zt[i];
                    }
                }
                for (int i = 0; i < N; i++) {
                    zMean[i] *= 1.0 / marginal;
                    tMean[i] *= 1.0 / marginal;
                    expectedZ[(b * samples + s) * N + i] = zMean[i];
                    expectedGrad[b * N + i] += zMean[i] - tMean[i];
                }
            }
            for (int i = 0; i < N; i++) {
                expectedGrad[b * N + i] *= 1.0 / samples;
            }
        }
        assertArrayEquals(expectedZ, pass.structures(), 0.0, "forward = mean of the M perturbed solves");
        assertArrayEquals(expectedGrad, grad, 1e-15);
    }

    static Stream<Arguments> noiseCases() {
        return Stream.of(
                Arguments.of(1, 1, 1.0, 1.0),
                Arguments.of(4, 1, 1.0, 1.0),
                Arguments.of(2, 3, 1.0, 1.0),
                Arguments.of(3, 5, 0.5, 2.0),
                Arguments.of(2, 2, 0.0, 1.0),
                Arguments.of(2, 1, 1.0, 0.0));
    }

    @Test
    void marginalSamplesAverageIntoFractionalStructures() {
        ImleEstimator est = ImleEstimator.builder(oracle).noise(new CountingNoise(50.0))
                .marginalSamples(8).seed(3).build();
        double[] z = est.forward(new double[N], 1, 0).structures();
        assertEquals(K, Arrays.stream(z).sum(), 1e-12, "a mean of k-hot vectors sums to k");
        assertEquals(1, Arrays.stream(z).filter(v -> v != 0.0 && v != 1.0).limit(1).count(),
                "with strong noise the 8 solves disagree, so some entry is fractional");
    }

    @Test
    void differentStepsAndSeedsGiveDifferentNoise() {
        double[] theta = new double[2 * N];
        ImleEstimator a = ImleEstimator.builder(oracle).noise(new CountingNoise(1.0)).seed(1).build();
        ImleEstimator b = ImleEstimator.builder(oracle).noise(new CountingNoise(1.0)).seed(2).build();
        double[] step0 = a.forward(theta, 2, 0).structures();
        assertArrayEquals(step0, a.forward(theta, 2, 0).structures(), 0.0);
        assertNotEquals(Arrays.toString(step0), Arrays.toString(a.forward(theta, 2, 1).structures()));
        assertNotEquals(Arrays.toString(step0), Arrays.toString(b.forward(theta, 2, 0).structures()));
    }

    @Test
    void forwardCopiesThetaSoTheCallerMayReuseIt() {
        SplittableRandom random = new SplittableRandom(8);
        double[] theta = RandomInstances.batch(random, 1, N, 1.0);
        double[] dLdz = RandomInstances.batch(random, 1, N, 1.0);
        ImleEstimator est = ImleEstimator.builder(oracle).executor(SolveExecutor.sequential()).build();
        double[] expected = est.forward(theta, 1, 0).backward(dLdz);
        EstimatorPass pass = est.forward(theta, 1, 0);
        Arrays.fill(theta, 100.0);
        assertArrayEquals(expected, pass.backward(dLdz), 0.0);
    }

    @Test
    void noiseIsNeverNullByDefault() {
        assertEquals(NoiseDistribution.none(), ImleEstimator.builder(oracle).build().sampler().noise());
    }
}
