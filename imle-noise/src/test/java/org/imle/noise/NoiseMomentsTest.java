package org.imle.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.apache.commons.rng.UniformRandomProvider;
import org.imle.api.NoiseDistribution;
import org.imle.api.execution.RandomStreams;
import org.imle.api.testing.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sample mean and variance against the closed forms. Bounds are 5 standard errors (CLT): the
 * mean's is sqrt(var / N), the variance's sqrt((mu4 - var^2) / N) with mu4 the sample fourth
 * central moment; a correct sampler fails one with probability about 6e-7.
 */
class NoiseMomentsTest {

    static final double EULER_GAMMA = 0.5772156649015329;
    private static final int N = 400_000;

    static double[] draw(NoiseDistribution noise, long seed, int count) {
        double[] x = new double[count];
        UniformRandomProvider rng = RandomStreams.open(seed, 0, 0, 0);
        // in chunks, as estimators call it (one row at a time)
        for (int off = 0; off < count; off += 1000) {
            noise.sample(rng, x, off, Math.min(1000, count - off));
        }
        return x;
    }

    static void assertMoments(double[] x, double mean, double variance, String what) {
        double m = Statistics.mean(x);
        double v = Statistics.variance(x);
        double seMean = Math.sqrt(variance / x.length);
        double seVar = Math.sqrt((Statistics.fourthCentralMoment(x) - v * v) / x.length);
        System.out.printf("%s: mean %.5f (exact %.5f, se %.1e), variance %.5f (exact %.5f, se %.1e)%n",
                what, m, mean, seMean, v, variance, seVar);
        assertEquals(mean, m, 5 * seMean, what + " mean");
        assertEquals(variance, v, 5 * seVar, what + " variance");
    }

    static Stream<Arguments> sumOfGammaCases() {
        return Stream.of(Arguments.of(1, 1, 1.0), Arguments.of(1, 10, 1.0), Arguments.of(3, 10, 1.0),
                Arguments.of(10, 10, 1.0), Arguments.of(5, 1, 2.0), Arguments.of(2, 100, 0.5),
                Arguments.of(50, 20, 1.0));
    }

    @ParameterizedTest
    @MethodSource("sumOfGammaCases")
    void sumOfGammaMatchesItsClosedForms(int k, int s, double t) {
        SumOfGammaNoise noise = SumOfGammaNoise.of(k, s, t);
        int count = s >= 100 ? N / 8 : N;
        assertMoments(draw(noise, k * 1000L + s, count), noise.mean(), noise.variance(), noise.toString());
    }

    @Test
    void sumOfGammaClosedFormsByHand() {
        // k = 1, s = 1: eps = Exp(1), mean 1 and variance 1.
        assertEquals(1.0, SumOfGammaNoise.of(1, 1, 1.0).mean(), 1e-15);
        assertEquals(1.0, SumOfGammaNoise.of(1, 1, 1.0).variance(), 1e-15);
        // k = 2, s = 2, T = 3: mean 3 (1 + 1/2 - ln 2) / 2, variance 9 (1 + 1/4) / 2.
        assertEquals(3 * (1.5 - Math.log(2)) / 2, SumOfGammaNoise.of(2, 2, 3.0).mean(), 1e-15);
        assertEquals(9 * 1.25 / 2, SumOfGammaNoise.of(2, 2, 3.0).variance(), 1e-15);
        // k = 1, s -> infinity: Gumbel(0, 1), mean gamma and variance pi^2 / 6.
        assertEquals(EULER_GAMMA, SumOfGammaNoise.of(1, 100_000, 1.0).mean(), 1e-5);
        assertEquals(Math.PI * Math.PI / 6, SumOfGammaNoise.of(1, 100_000, 1.0).variance(), 1e-4);
    }

    /**
     * The defining property: the sum of k independent draws is distributed as the maximum of s
     * standard exponentials minus log s, whose CDF is (1 - exp(-(x + log s)))^s. One-sample KS
     * over 50,000 sums, at significance 1e-6: D < sqrt(ln(2 / 1e-6) / 2) / sqrt(N) = 0.0170.
     */
    @ParameterizedTest
    @CsvSource({"1, 1", "1, 10", "3, 10", "10, 10", "5, 1", "2, 40"})
    void sumOfKDrawsIsTheMaximumOfSExponentials(int k, int s) {
        SumOfGammaNoise noise = SumOfGammaNoise.of(k, s, 1.0);
        int sums = 50_000;
        double[] x = draw(noise, 77 + k + s, sums * k);
        double[] total = new double[sums];
        for (int i = 0; i < x.length; i++) {
            total[i / k] += x[i];
        }
        double logS = Math.log(s);
        double d = Statistics.kolmogorovSmirnov(total, v -> v + logS <= 0 ? 0.0 : Math.pow(-Math.expm1(-(v + logS)), s));
        double critical = Math.sqrt(Math.log(2 / 1e-6) / 2) / Math.sqrt(sums);
        assertTrue(d < critical, noise + ": KS " + d + " >= " + critical);
    }

    @Test
    void gumbelMomentsMatch() {
        assertMoments(draw(GumbelNoise.standard(), 1, N), EULER_GAMMA, Math.PI * Math.PI / 6, "gumbel(0,1)");
        assertMoments(draw(GumbelNoise.of(-2.0, 0.5), 2, N), -2.0 + 0.5 * EULER_GAMMA,
                0.25 * Math.PI * Math.PI / 6, "gumbel(-2,0.5)");
    }

    @Test
    void gaussianMomentsMatch() {
        assertMoments(draw(GaussianNoise.standard(), 3, N), 0.0, 1.0, "gaussian(0,1)");
        assertMoments(draw(GaussianNoise.of(1.5, 3.0), 4, N), 1.5, 9.0, "gaussian(1.5,3)");
    }

    @Test
    void drawsAreFiniteAndWrittenOnlyInTheirRange() {
        for (NoiseDistribution noise : new NoiseDistribution[] {GumbelNoise.standard(), GaussianNoise.standard(),
                SumOfGammaNoise.of(10)}) {
            double[] out = new double[1000];
            java.util.Arrays.fill(out, Double.NaN);
            noise.sample(RandomStreams.open(9, 9, 9, 9), out, 100, 800);
            for (int i = 0; i < out.length; i++) {
                boolean inside = i >= 100 && i < 900;
                assertEquals(inside, Double.isFinite(out[i]), noise + " entry " + i);
            }
        }
    }
}
