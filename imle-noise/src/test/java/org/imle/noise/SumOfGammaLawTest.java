package org.imle.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SumOfGammaLawTest {

    /** For k = 1, X is the maximum of s standard exponentials: F(x) = (1 - exp(-x))^s exactly. */
    @ParameterizedTest
    @CsvSource({"1, 1e-12", "2, 1e-12", "10, 1e-12", "30, 1e-11", "100, 5e-7"})
    void numericalCdfMatchesTheClosedFormOfKEqualsOne(int s, double tolerance) {
        SumOfGammaLaw law = new SumOfGammaLaw(1, s);
        double worst = 0;
        for (double x = 1e-6; x < 40; x *= 1.02) {
            double exact = Math.pow(-Math.expm1(-x), s);
            worst = Math.max(worst, Math.abs(law.cdf(x) - exact));
        }
        System.out.printf("k=1 s=%d: max |F_talbot - F_exact| = %.2e%n", s, worst);
        assertTrue(worst < tolerance, "error " + worst);
    }

    /** For s = 1, X is Gamma(1/k, k): F(x) at x = k is P(1/k, 1); e.g. k = 2: erf(1). */
    @ParameterizedTest
    @CsvSource({"2, 1.0, 0.8427007929497149", "2, 0.25, 0.5204998778130465"})
    void numericalCdfMatchesGammaValues(int k, double x, double expected) {
        // Gamma(1/2, scale 2) at x: P(1/2, x/2) = erf(sqrt(x/2)); erf(1) and erf(1/2).
        assertEquals(expected, new SumOfGammaLaw(k, 1).cdf(2 * x), 1e-10);
    }

    /** The cached table's knots invert the CDF (checked on every 5th knot to keep the test fast). */
    @ParameterizedTest
    @CsvSource({"3, 10", "10, 10", "50, 1", "2, 100"})
    void quantilesInvertTheCdf(int k, int s) {
        SumOfGammaLaw law = new SumOfGammaLaw(k, s);
        long start = System.nanoTime();
        double[] q = TabulatedSumOfGammaNoise.of(k, s, 1.0).table();
        System.out.printf("k=%d s=%d: %d quantiles in %.0f ms (or cached)%n", k, s, q.length,
                (System.nanoTime() - start) / 1e6);
        assertEquals(TabulatedSumOfGammaNoise.CELLS, q.length);
        assertEquals(0.0, q[0]);
        for (int j = 1; j < q.length; j++) {
            assertTrue(q[j] >= q[j - 1], "monotone at " + j);
            if (q[j] > 0 && j % 5 == 0) {
                assertEquals((double) j / q.length, law.cdf(q[j]), 1e-9, "quantile " + j);
            }
        }
    }
}
