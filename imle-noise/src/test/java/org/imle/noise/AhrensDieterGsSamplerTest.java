package org.imle.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.imle.api.execution.RandomStreams;
import org.imle.api.testing.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hand-written Gamma(a &lt; 1) sampler of {@link SumOfGammaNoise} against its reference, Commons
 * RNG's {@code AhrensDieterMarsagliaTsangGammaSampler}: draw for draw from the same stream (bit for
 * bit when 1/a is not an integer, to the last bits of the power when it is, and consuming the same
 * uniforms), by a two-sample Kolmogorov-Smirnov test on independent streams at a fixed seed, and by
 * the moments (Gamma(a, 1) has mean a and variance a) within 5 standard errors.
 */
class AhrensDieterGsSamplerTest {

    private static final int N = 200_000;

    private static double[] library(double shape, UniformRandomProvider random, int count) {
        ContinuousSampler reference = AhrensDieterMarsagliaTsangGammaSampler.of(random, shape, 1.0);
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = reference.sample();
        }
        return x;
    }

    private static double[] ours(double shape, UniformRandomProvider random, int count) {
        AhrensDieterGsSampler sampler = AhrensDieterGsSampler.of(shape);
        double[] x = new double[count];
        for (int i = 0; i < count; i++) {
            x[i] = sampler.sample(random);
        }
        return x;
    }

    /** 1/15.6 (torch-imle's k for 12 x 12 maps) and 1/2.5: the power is Math.pow, as in the library. */
    @ParameterizedTest
    @ValueSource(doubles = {15.6, 2.5, 1.3})
    void givesTheLibrarysDrawsBitForBitWhenOneOverTheShapeIsNotAnInteger(double k) {
        UniformRandomProvider a = RandomStreams.open(23, 0, 0, 0);
        UniformRandomProvider b = RandomStreams.open(23, 0, 0, 0);
        double[] expected = library(1 / k, a, N);
        double[] actual = ours(1 / k, b, N);
        for (int i = 0; i < N; i++) {
            assertEquals(Double.doubleToRawLongBits(expected[i]), Double.doubleToRawLongBits(actual[i]),
                    "k " + k + ", draw " + i + ": " + expected[i] + " against " + actual[i]);
        }
        assertEquals(a.nextLong(), b.nextLong(), "both consumed the same uniforms");
    }

    /**
     * k = 2, 4, 8, 16, 32, 64 (one to six squarings) and 10 (the power by bits): p^k by repeated
     * squaring differs from Math.pow in the last bits only.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 4, 8, 16, 32, 64, 10})
    void givesTheLibrarysDrawsToTheLastBitsWhenOneOverTheShapeIsAnInteger(int k) {
        UniformRandomProvider a = RandomStreams.open(24, 0, 0, 0);
        UniformRandomProvider b = RandomStreams.open(24, 0, 0, 0);
        double[] expected = library(1.0 / k, a, N);
        double[] actual = ours(1.0 / k, b, N);
        for (int i = 0; i < N; i++) {
            assertEquals(expected[i], actual[i], 1e-14 * expected[i], "k " + k + ", draw " + i);
        }
        assertEquals(a.nextLong(), b.nextLong(), "both consumed the same uniforms");
    }

    @ParameterizedTest
    @ValueSource(doubles = {16, 15.6, 3, 1.5})
    void hasTheLibrarysLawByATwoSampleKolmogorovSmirnovTest(double k) {
        double[] expected = library(1 / k, RandomStreams.open(25, 0, 0, 0), N);
        double[] actual = ours(1 / k, RandomStreams.open(25, 1, 0, 0), N);
        double d = Statistics.kolmogorovSmirnov(expected, actual);
        double critical = Statistics.kolmogorovSmirnovCritical(N, N, 1e-4);
        assertTrue(d < critical, "k " + k + ": KS " + d + " >= " + critical);
    }

    @ParameterizedTest
    @ValueSource(doubles = {16, 15.6, 3, 1.5})
    void hasTheMeanAndVarianceOfGammaOfTheShape(double k) {
        double shape = 1 / k;
        NoiseMomentsTest.assertMoments(ours(shape, RandomStreams.open(26, 0, 0, 0), N), shape, shape,
                "gamma(" + shape + ")");
    }

    /** The experiment's noise (k = 16, 10 terms) and torch-imle's k = 15.6, against the exact formulas. */
    @ParameterizedTest
    @ValueSource(doubles = {16, 15.6})
    void sumOfGammaWithTheHandWrittenSamplerMatchesItsClosedForms(double k) {
        SumOfGammaNoise noise = SumOfGammaNoise.of(k, 10, 1.0);
        NoiseMomentsTest.assertMoments(NoiseMomentsTest.draw(noise, 27, 400_000), noise.mean(), noise.variance(),
                noise.toString());
    }

    @Test
    void powerBySquaringIsExactOnPowersOfTwo() {
        assertEquals(0x1p-64, AhrensDieterGsSampler.power(0.5, 64));
        assertEquals(0.5, AhrensDieterGsSampler.power(0.5, 1));
        assertEquals(Math.pow(0.75, 10), AhrensDieterGsSampler.power(0.75, 10), 1e-16);
    }

    @Test
    void refusesAShapeOutsideZeroToOne() {
        for (double shape : new double[] {0, 1, -0.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> AhrensDieterGsSampler.of(shape));
            assertTrue(e.getMessage().startsWith("Ahrens-Dieter GS needs a shape in (0, 1), got "), e.getMessage());
        }
    }
    /**
     * fill is sample called count times: the same doubles, the same uniforms consumed, no more;
     * k = 16, 2 and 64 take fill's squarings, 10 and 5 the power by bits, the others Math.pow.
     */
    @ParameterizedTest
    @ValueSource(doubles = {16, 2, 64, 10, 5, 15.6, 2.5, 1.3})
    void fillGivesTheDrawsOfSampleBitForBitAndConsumesTheSameUniforms(double k) {
        AhrensDieterGsSampler sampler = AhrensDieterGsSampler.of(1 / k);
        for (int count : new int[] {1, 2, 7, 1000, 5000}) {
            UniformRandomProvider a = RandomStreams.open(26, count, 0, 0);
            UniformRandomProvider b = RandomStreams.open(26, count, 0, 0);
            double[] filled = new double[count + 1];
            filled[count] = -1;
            sampler.fill(a, filled, count, new double[2 * count + 3]);
            for (int i = 0; i < count; i++) {
                double one = sampler.sample(b);
                assertEquals(Double.doubleToRawLongBits(one), Double.doubleToRawLongBits(filled[i]),
                        "k " + k + ", count " + count + ", draw " + i);
            }
            assertEquals(-1, filled[count], "nothing written past count");
            assertEquals(b.nextLong(), a.nextLong(), "k " + k + ", count " + count + ": the same uniforms consumed");
        }
    }

    @Test
    void fillRefusesScratchTooSmallForTheDraws() {
        AhrensDieterGsSampler sampler = AhrensDieterGsSampler.of(1 / 16.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sampler.fill(RandomStreams.open(1, 0, 0, 0), new double[10], 10, new double[19]));
        assertEquals("Gamma scratch holds 19 uniforms, 20 needed for 10 draws", e.getMessage());
    }
}
