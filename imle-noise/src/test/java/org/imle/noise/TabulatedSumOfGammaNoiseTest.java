package org.imle.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.imle.api.testing.Statistics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TabulatedSumOfGammaNoiseTest {

    /** The documented Kolmogorov bound of the table: 1/m plus the numerical CDF tolerance. */
    private static final double BOUND = 1.0 / TabulatedSumOfGammaNoise.CELLS + SumOfGammaLaw.CHECK_TOLERANCE;

    /**
     * The bound itself, checked deterministically: the tabulated CDF against the numerical CDF at
     * every knot, every cell midpoint of a sparse subset, and points in both end cells.
     */
    @ParameterizedTest
    @CsvSource({"1, 1", "1, 10", "3, 10", "10, 10", "50, 1", "2, 100", "7, 3"})
    void tabulatedCdfIsWithinTheDocumentedBound(int k, int s) {
        TabulatedSumOfGammaNoise noise = TabulatedSumOfGammaNoise.of(k, s, 1.0);
        SumOfGammaLaw law = new SumOfGammaLaw(k, s);
        double[] q = noise.table();
        double logS = Math.log(s);
        double worst = 0;
        for (int j = 1; j < q.length; j += 7) {
            double[] xs = {q[j], j + 1 < q.length ? 0.5 * (q[j] + q[j + 1]) : q[j] + k, 0.5 * q[1], q[q.length - 1] + 3 * k};
            for (double x : xs) {
                double e = (x - logS) / k; // eps at T = 1
                worst = Math.max(worst, Math.abs(noise.tabulatedCdf(e) - law.cdf(x)));
            }
        }
        System.out.printf("tabulated k=%d s=%d: max |F_table - F| = %.2e (bound %.2e)%n", k, s, worst, BOUND);
        assertTrue(worst <= BOUND, "worst " + worst);
    }

    /**
     * Two-sample KS against the direct sampler, 20,000 draws each, at significance 1e-4: the
     * critical value is sqrt(ln(2 / 1e-4) / 2) * sqrt(2 / 20,000) = 0.0223. The table's own error
     * (below 2.5e-4) is two orders of magnitude smaller, so a correct table passes with
     * probability about 1 - 1e-4 per case, and with fixed seeds always.
     */
    @ParameterizedTest
    @CsvSource({"1, 1, 1.0", "1, 10, 1.0", "3, 10, 1.0", "10, 10, 2.0", "5, 1, 1.0", "50, 20, 1.0", "2, 100, 0.5"})
    void matchesTheDirectSamplerByTwoSampleKolmogorovSmirnov(int k, int s, double t) {
        int n = 20_000;
        double[] tab = NoiseMomentsTest.draw(TabulatedSumOfGammaNoise.of(k, s, t), 10 + k, n);
        double[] direct = NoiseMomentsTest.draw(SumOfGammaNoise.of(k, s, t), 20 + s, n);
        double d = Statistics.kolmogorovSmirnov(tab, direct);
        double critical = Statistics.kolmogorovSmirnovCritical(n, n, 1e-4);
        System.out.printf("KS tabulated vs direct k=%d s=%d T=%.1f: D = %.4f (critical %.4f)%n", k, s, t, d, critical);
        assertTrue(d < critical, "D " + d + " >= " + critical);
    }

    /** The same test has the power to see a wrong k: k = 3 against k = 4 is rejected. */
    @Test
    void theKolmogorovSmirnovTestRejectsAWrongK() {
        int n = 20_000;
        double[] tab = NoiseMomentsTest.draw(TabulatedSumOfGammaNoise.of(3, 10, 1.0), 1, n);
        double[] direct = NoiseMomentsTest.draw(SumOfGammaNoise.of(4, 10, 1.0), 2, n);
        assertTrue(Statistics.kolmogorovSmirnov(tab, direct) > 2 * Statistics.kolmogorovSmirnovCritical(n, n, 1e-4));
    }

    /**
     * The sampling code follows the table: one-sample KS of 200,000 draws against the tabulated
     * CDF, at significance 1e-6 (critical sqrt(ln(2e6) / 2) / sqrt(N) = 0.0060). With the test
     * above (table within the bound of the exact law) this puts the draws within 0.0063 of it.
     */
    @ParameterizedTest
    @CsvSource({"3, 10, 1.0", "1, 30, 2.0", "50, 1, 1.0"})
    void drawsFollowTheTabulatedCdf(int k, int s, double t) {
        int n = 200_000;
        TabulatedSumOfGammaNoise noise = TabulatedSumOfGammaNoise.of(k, s, t);
        double[] eps = NoiseMomentsTest.draw(noise, 5, n);
        double d = Statistics.kolmogorovSmirnov(eps, e -> noise.tabulatedCdf(e));
        double critical = Math.sqrt(Math.log(2 / 1e-6) / 2) / Math.sqrt(n);
        assertTrue(d < critical, "D " + d + " >= " + critical);
    }

    /** Moments of 1,000,000 draws against the closed forms, within 5 standard errors. */
    @ParameterizedTest
    @CsvSource({"1, 1, 1.0", "1, 10, 1.0", "3, 10, 1.0", "10, 10, 1.0", "5, 1, 2.0", "2, 100, 0.5", "50, 20, 1.0"})
    void momentsMatchTheClosedForms(int k, int s, double t) {
        TabulatedSumOfGammaNoise noise = TabulatedSumOfGammaNoise.of(k, s, t);
        NoiseMomentsTest.assertMoments(NoiseMomentsTest.draw(noise, 3, 1_000_000), noise.mean(), noise.variance(),
                noise.toString());
    }

    @Test
    void tablesAreSharedAcrossInstancesAndTemperatures() {
        assertSame(TabulatedSumOfGammaNoise.of(4, 10, 1.0).table(), TabulatedSumOfGammaNoise.of(4, 10, 3.0).table());
    }

    @Test
    void theSameStreamGivesTheSameDrawsAndTemperatureScales() {
        double[] a = NoiseMomentsTest.draw(TabulatedSumOfGammaNoise.of(4, 10, 1.0), 8, 5000);
        double[] b = NoiseMomentsTest.draw(TabulatedSumOfGammaNoise.of(4, 10, 2.5), 8, 5000);
        for (int i = 0; i < a.length; i++) {
            assertEquals(2.5 * a[i], b[i], 1e-12);
            assertTrue(Double.isFinite(a[i]) && a[i] >= -Math.log(10) / 4);
        }
    }

    @Test
    void selectableByName() {
        assertInstanceOf(TabulatedSumOfGammaNoise.class,
                NoiseDistributions.create("sum-of-gamma-tabulated", Map.of("k", 3)));
        TabulatedSumOfGammaNoise t = assertInstanceOf(TabulatedSumOfGammaNoise.class,
                NoiseDistributions.create("sum-of-gamma", Map.of("k", 3, "iterations", 20, "tabulated", true)));
        assertEquals(20, t.iterations());
        assertInstanceOf(SumOfGammaNoise.class,
                NoiseDistributions.create("sum-of-gamma", Map.of("k", 3, "tabulated", false)));
    }

    @Test
    void badParametersAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TabulatedSumOfGammaNoise.of(3, 101, 1.0));
        assertEquals("tabulated sum-of-gamma iterations must be in 1..100, got 101", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> TabulatedSumOfGammaNoise.of(0, 10, 1.0));
        assertEquals("sum-of-gamma k must be >= 1, got 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> NoiseDistributions.create("sum-of-gamma", Map.of("k", 3, "tabulated", "yes")));
        assertEquals("noise 'sum-of-gamma' parameter 'tabulated' must be true or false, got yes", e.getMessage());
    }
}
