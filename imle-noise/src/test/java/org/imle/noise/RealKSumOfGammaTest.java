package org.imle.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.imle.api.NoiseDistribution;
import org.imle.api.registry.EstimatorRegistry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Sum-of-Gamma with a real k (torch-imle's k = 1.3 x 12 = 15.6 for 12 x 12 maps): the closed-form
 * moments hold for any real k >= 1, both samplers match them, the registry takes a fractional k,
 * and an integral k given as a double draws exactly what the integer did.
 */
class RealKSumOfGammaTest {

    @ParameterizedTest
    @ValueSource(doubles = {15.6, 1.3, 2.5})
    void exactSamplerMatchesClosedFormsForRealK(double k) {
        SumOfGammaNoise noise = SumOfGammaNoise.of(k, 10, 1.0);
        NoiseMomentsTest.assertMoments(NoiseMomentsTest.draw(noise, 7, 400_000), noise.mean(), noise.variance(),
                noise.toString());
    }

    @ParameterizedTest
    @ValueSource(doubles = {15.6, 1.3})
    void tabulatedSamplerMatchesClosedFormsForRealK(double k) {
        TabulatedSumOfGammaNoise noise = TabulatedSumOfGammaNoise.of(k, 10, 1.0);
        NoiseMomentsTest.assertMoments(NoiseMomentsTest.draw(noise, 11, 400_000), noise.mean(), noise.variance(),
                noise.toString());
    }

    @Test
    void meanScalesAsOneOverK() {
        // E[eps] = (H_s - log s) / k for every real k: 15.6 gives a fifth of k = 3.12
        assertEquals(SumOfGammaNoise.of(3.12, 10, 1).mean() / 5, SumOfGammaNoise.of(15.6, 10, 1).mean(), 1e-15);
    }

    @Test
    void registryTakesFractionalK() {
        NoiseDistribution noise = EstimatorRegistry.discover().noises()
                .create(Map.of("name", "sum-of-gamma", "k", 15.6));
        assertEquals(15.6, ((SumOfGammaNoise) noise).k());
    }

    @Test
    void integralKDrawsWhatTheIntegerDrew() {
        int k = 5;
        assertArrayEquals(NoiseMomentsTest.draw(SumOfGammaNoise.of(k), 3, 5000),
                NoiseMomentsTest.draw(SumOfGammaNoise.of(5.0), 3, 5000), 0.0);
    }

    @Test
    void refusesKBelowOneAndNonFinite() {
        assertEquals("sum-of-gamma k must be >= 1, got 0.5",
                assertThrows(IllegalArgumentException.class, () -> SumOfGammaNoise.of(0.5)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SumOfGammaNoise.of(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> TabulatedSumOfGammaNoise.of(Double.POSITIVE_INFINITY, 10, 1));
    }
}
