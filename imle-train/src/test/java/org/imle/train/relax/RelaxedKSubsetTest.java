package org.imle.train.relax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.imle.train.testing.GradCheck;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RelaxedKSubsetTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5})
    void gradientMatchesFiniteDifferences(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int rows = 3;
        int n = 2 + rnd.nextInt(6);
        int k = 1 + rnd.nextInt(n);
        double tau = 0.7 + rnd.nextDouble();
        float[][] v = {GradCheck.values(rnd, rows * n)};
        int[][] s = {{rows, n}};
        GradCheck.check("relaxed " + k + "-subset of " + n + " at tau " + tau,
                t -> RelaxedKSubset.relax(t[0], k, tau), seed, v, s);
        GradCheck.check("relaxed " + k + "-subset sample", t -> RelaxedKSubset.sample(t[0], k, tau, seed, 9),
                seed, v, s);
    }

    @Test
    void rowsSumToKWithNonNegativeEntries() {
        SplittableRandom rnd = new SplittableRandom(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + rnd.nextInt(20);
            int k = 1 + rnd.nextInt(n);
            float[] x = GradCheck.uniform(rnd, 4 * n, -3, 3);
            float[] out = RelaxedKSubset.relax(Tensor.of(x, 4, n), k, 0.2 + rnd.nextDouble()).data();
            for (int r = 0; r < 4; r++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    float p = out[r * n + i];
                    assertTrue(p >= 0 && p <= k, "entry " + p + " outside [0, k], n " + n + " k " + k);
                    sum += p;
                }
                assertEquals(k, sum, 1e-3 * k, "row " + r + " of trial " + trial);
            }
        }
    }

    @Test
    void lowTemperatureGivesTheTopKIndicator() {
        SplittableRandom rnd = new SplittableRandom(8);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + rnd.nextInt(20);
            int k = 1 + rnd.nextInt(n);
            float[] x = GradCheck.distinct(rnd, n);
            float[] out = RelaxedKSubset.relax(Tensor.of(x, 1, n), k, 1e-3).data();
            for (int i = 0; i < n; i++) {
                int larger = 0;
                for (int j = 0; j < n; j++) {
                    larger += x[j] > x[i] ? 1 : 0;
                }
                assertEquals(larger < k ? 1.0 : 0.0, out[i], 1e-3, "item " + i + " of " + n + ", k " + k);
            }
        }
    }

    @Test
    void sameKeySameNoiseAndDifferentStepsDiffer() {
        float[] a = RelaxedKSubset.gumbel(new int[] {5, 4}, 3, 11).data();
        assertArrayEquals(a, RelaxedKSubset.gumbel(new int[] {5, 4}, 3, 11).data());
        float[] b = RelaxedKSubset.gumbel(new int[] {5, 4}, 3, 12).data();
        assertTrue(a[0] != b[0] || a[1] != b[1]);
    }

    @Test
    void refusesBadArguments() {
        Tensor x = Tensor.zeros(2, 5);
        String m = assertThrows(IllegalArgumentException.class, () -> RelaxedKSubset.relax(x, 6, 1)).getMessage();
        assertTrue(m.contains("k must be in 1..5"), m);
        m = assertThrows(IllegalArgumentException.class, () -> RelaxedKSubset.relax(x, 2, 0)).getMessage();
        assertTrue(m.contains("temperature"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> RelaxedKSubset.relax(Tensor.zeros(10), 2, 1)).getMessage();
        assertTrue(m.contains("[10]"), m);
    }
}
