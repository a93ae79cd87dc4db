package org.imle.solvers.knapsack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.imle.api.MapOracle;
import org.imle.api.registry.Oracles;
import org.junit.jupiter.api.Test;

/**
 * The fractional-weight knapsack against brute force over all 2^n packings with the decimal
 * weights themselves (PyEPO's {3.00, ..., 7.99}, also as float32), and its scaling rule.
 */
class MultiKnapsackTest {

    @Test
    void packsAsBruteForceOverTheDecimalWeightsDoes() {
        SplittableRandom rng = new SplittableRandom(4);
        for (boolean float32 : new boolean[] {false, true}) {
            for (int trial = 0; trial < 25; trial++) {
                int n = 10;
                double[][] w = new double[2][n];
                for (double[] row : w) {
                    for (int i = 0; i < n; i++) {
                        row[i] = (300 + rng.nextInt(500)) / 100.0;
                        if (float32) {
                            row[i] = (float) row[i];
                        }
                    }
                }
                double[] capacity = {20.5 + rng.nextInt(5), 18.25};
                MapOracle oracle = Oracles.discover().create("multi-knapsack",
                        Map.of("weights", w, "capacity", capacity));
                double[] theta = new double[n];
                for (int i = 0; i < n; i++) {
                    theta[i] = Math.ceil(5 * rng.nextDouble()) + rng.nextDouble() * 1e-3;
                }
                double best = Double.NEGATIVE_INFINITY;
                for (int mask = 0; mask < 1 << n; mask++) {
                    boolean fits = true;
                    for (int d = 0; d < 2; d++) {
                        double load = 0;
                        for (int i = 0; i < n; i++) {
                            load += ((mask >> i) & 1) * w[d][i];
                        }
                        // decimal arithmetic: compare in hundredths
                        fits &= Math.round(load * 100) <= Math.round(capacity[d] * 100);
                    }
                    if (fits) {
                        double v = 0;
                        for (int i = 0; i < n; i++) {
                            v += ((mask >> i) & 1) * theta[i];
                        }
                        best = Math.max(best, v);
                    }
                }
                double[] z = new double[n];
                oracle.solve(theta, z);
                double v = 0;
                for (int i = 0; i < n; i++) {
                    v += z[i] * theta[i];
                }
                assertEquals(best, v, 1e-9, "float32 " + float32 + " trial " + trial);
            }
        }
    }

    @Test
    void scalesByTheFewestDecimals() {
        assertEquals(0, MultiKnapsack.decimals(new double[][] {{3, 7}}));
        assertEquals(2, MultiKnapsack.decimals(new double[][] {{3.47, 7.5}}));
        assertEquals(2, MultiKnapsack.decimals(new double[][] {{(float) 3.47, (float) 7.99}}));
        assertEquals(4, MultiKnapsack.decimals(new double[][] {{3.4701}}));
    }

    @Test
    void refusesWeightsItCannotScaleExactly() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MultiKnapsack.of(new double[][] {{1.0 / 3, 1}}, new double[] {2}, 10)).getMessage()
                .startsWith("weight [0][0] = 0.3333333333333333 has more than 6 decimals"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> MultiKnapsack.of(new double[][] {{1, -2}}, new double[] {2}, 10)).getMessage()
                .startsWith("weight [0][1] must be finite and >= 0"));
        assertThrows(IllegalArgumentException.class,
                () -> MultiKnapsack.of(new double[][] {{1, 2}}, new double[] {2, 3}, 10));
    }
}
