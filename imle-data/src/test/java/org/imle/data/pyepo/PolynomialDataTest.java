package org.imle.data.pyepo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PolynomialDataTest {

    @Test
    void formulasMatchHandComputedValues() {
        // bx = 1, p = 4: (1/2 + 3)^2 + 1 = 13.25, over 3.5^2 = 12.25
        assertEquals(13.25 / 12.25, PolynomialData.polynomial(1, 4, 2), 1e-15);
        // bx = 0, p = 1, deg = 1: (3 + 1) / 3.5; value ceil(5 * 4 / 3.5) = ceil(5.714) = 6
        assertEquals(6.0, PolynomialData.knapsackValue(0, 1, 1, 1.0));
        // with eps = 0.5: ceil(2.857) = 3
        assertEquals(3.0, PolynomialData.knapsackValue(0, 1, 1, 0.5));
        // bx = -3 sqrt(p) zeroes the base: (0^deg + 1) / 3.5^deg
        assertEquals(1 / Math.pow(3.5, 3), PolynomialData.polynomial(-6, 4, 3), 1e-15);
        // bx = 2, p = 1, deg = 3: (5^3 + 1) / 42.875 = 126 / 42.875, times eps 1.2
        assertEquals(126 / 42.875 * 1.2, PolynomialData.cost(2, 1, 3, 1.2), 1e-12);
    }

    @Test
    void generatedCoefficientsFollowTheFormulaWithNoiseInsideItsBand() {
        int n = 400;
        int p = 5;
        int d = 7;
        int deg = 4;
        double e = 0.5;
        PolynomialData.Sample costs = PolynomialData.costs(n, p, d, deg, e, new SplittableRandom(1));
        PolynomialData.Sample values = PolynomialData.knapsackValues(n, p, d, deg, e, new SplittableRandom(1));
        double minRatio = Double.POSITIVE_INFINITY;
        double maxRatio = 0;
        double xSum = 0;
        double xSquares = 0;
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                double bx = 0;
                for (int k = 0; k < p; k++) {
                    int b = costs.b()[j][k];
                    assertTrue(b == 0 || b == 1);
                    bx += b * costs.x()[r][k];
                }
                double poly = PolynomialData.polynomial(bx, p, deg);
                double ratio = costs.coefficients()[r][j] / poly;
                minRatio = Math.min(minRatio, ratio);
                maxRatio = Math.max(maxRatio, ratio);
                // the same draws give the knapsack value ceil(5 * poly * eps) with the same eps
                assertEquals(Math.ceil(5 * poly * ratio - 1e-9), values.coefficients()[r][j], 1e-9, "row " + r);
            }
            for (double v : costs.x()[r]) {
                xSum += v;
                xSquares += v * v;
            }
        }
        assertTrue(minRatio >= 1 - e && maxRatio <= 1 + e, minRatio + " .. " + maxRatio);
        assertTrue(minRatio < 1 - e + 0.02 && maxRatio > 1 + e - 0.02, "noise should fill its band");
        double mean = xSum / (n * p);
        assertTrue(Math.abs(mean) < 0.1 && Math.abs(xSquares / (n * p) - 1) < 0.1, "x ~ N(0, 1)");
    }

    @Test
    void noNoiseGivesThePolynomialExactly() {
        PolynomialData.Sample s = PolynomialData.costs(3, 2, 2, 1, 0, new SplittableRandom(2));
        for (int r = 0; r < 3; r++) {
            for (int j = 0; j < 2; j++) {
                double bx = s.b()[j][0] * s.x()[r][0] + s.b()[j][1] * s.x()[r][1];
                assertEquals(PolynomialData.polynomial(bx, 2, 1), s.coefficients()[r][j], 1e-15);
            }
        }
    }

    @Test
    void knapsackWeightsAreHundredthsOfThreeToEight() {
        long[][] w = PolynomialData.knapsackWeights(3, 50, new SplittableRandom(3));
        for (long[] row : w) {
            for (long v : row) {
                assertTrue(v >= 300 && v < 800, "weight " + v);
            }
        }
    }

    @Test
    void refusesBadShapesNamingThem() {
        SplittableRandom r = new SplittableRandom(0);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PolynomialData.costs(1, 1, 1, 0, 0, r))
                .getMessage().contains("degree"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> PolynomialData.costs(1, 1, 1, 1, 1.0, r))
                .getMessage().contains("noise"));
    }
}
