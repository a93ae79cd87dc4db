package org.imle.train.relax;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.imle.solvers.topk.TopKOracle;
import org.imle.train.testing.GradCheck;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The L2X and SoftSub relaxations: backward against finite differences, limits, determinism. */
class RelaxedTopKTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void l2xBackwardMatchesFiniteDifferences(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int b = 1 + rnd.nextInt(3);
        int n = 3 + rnd.nextInt(6);
        int k = 1 + rnd.nextInt(n);
        float[][] data = {GradCheck.distinct(rnd, b * n)};
        GradCheck.check("l2x", t -> RelaxedTopK.l2x(t[0], k, 0.5, seed, 7), seed, data, new int[][] {{b, n}});
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void softSubBackwardMatchesFiniteDifferences(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int b = 1 + rnd.nextInt(3);
        int n = 3 + rnd.nextInt(6);
        int k = 1 + rnd.nextInt(n);
        float[][] data = {GradCheck.values(rnd, b * n)};
        GradCheck.check("softSub", t -> RelaxedTopK.softSub(t[0], k, 1.0, seed, 3), seed, data, new int[][] {{b, n}});
    }

    @Test
    void softSubRowsSumToKWithNonNegativeEntries() {
        SplittableRandom rnd = new SplittableRandom(11);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + rnd.nextInt(30);
            int k = 1 + rnd.nextInt(n);
            float[] logits = GradCheck.uniform(rnd, 2 * n, -5, 5);
            double tau = 0.05 + rnd.nextDouble();
            float[] mask = RelaxedTopK.softSub(Tensor.of(logits, 2, n), k, tau, trial, 0).data();
            for (int r = 0; r < 2; r++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    float v = mask[r * n + i];
                    assertTrue(v >= 0, "entry " + v);
                    sum += v;
                }
                assertEquals(k, sum, 1e-3 * k, "row " + r + " of trial " + trial);
            }
        }
    }

    @Test
    void coldSoftSubIsTheTopKOfTheGumbelPerturbedLogits() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int trial = 0; trial < 300; trial++) {
            int n = 2 + rnd.nextInt(20);
            int k = 1 + rnd.nextInt(n);
            float[] logits = GradCheck.uniform(rnd, n, -3, 3);
            double[] g = RelaxedTopK.gumbel(1, n, trial, 9);
            double[] perturbed = new double[n];
            for (int i = 0; i < n; i++) {
                perturbed[i] = logits[i] + g[i];
            }
            double[] sorted = perturbed.clone();
            Arrays.sort(sorted);
            boolean gapped = true;
            for (int i = 1; i < n; i++) {
                gapped &= sorted[i] - sorted[i - 1] > 0.05;
            }
            if (!gapped) {
                continue; // near-ties need an even colder temperature; nothing to learn from them
            }
            double[] z = new double[n];
            new TopKOracle(n, k).solve(perturbed, z);
            float[] mask = RelaxedTopK.softSub(Tensor.of(logits, 1, n), k, 1e-3, trial, 9).data();
            for (int i = 0; i < n; i++) {
                assertEquals(z[i], mask[i], 1e-3, "trial " + trial + " item " + i);
            }
        }
    }

    @Test
    void coldL2xIsTheUnionOfTheArgmaxOfEachDraw() {
        SplittableRandom rnd = new SplittableRandom(6);
        for (int trial = 0; trial < 300; trial++) {
            int n = 2 + rnd.nextInt(20);
            int k = 1 + rnd.nextInt(n);
            float[] logits = GradCheck.uniform(rnd, n, -3, 3);
            double[] g = RelaxedTopK.gumbel(1, k * n, trial, 2);
            double[] expected = new double[n];
            boolean gapped = true;
            for (int j = 0; j < k; j++) {
                double[] row = new double[n];
                for (int i = 0; i < n; i++) {
                    row[i] = logits[i] + g[j * n + i];
                }
                double[] sorted = row.clone();
                Arrays.sort(sorted);
                gapped &= n < 2 || sorted[n - 1] - sorted[n - 2] > 0.05;
                double[] z = new double[n];
                new TopKOracle(n, 1).solve(row, z);
                for (int i = 0; i < n; i++) {
                    expected[i] = Math.max(expected[i], z[i]);
                }
            }
            if (!gapped) {
                continue;
            }
            float[] mask = RelaxedTopK.l2x(Tensor.of(logits, 1, n), k, 1e-3, trial, 2).data();
            for (int i = 0; i < n; i++) {
                assertEquals(expected[i], mask[i], 1e-3, "trial " + trial + " item " + i);
            }
        }
    }

    @Test
    void sameSeedAndStepGiveTheSameMaskAndAnotherStepAnother() {
        float[] logits = GradCheck.values(new SplittableRandom(3), 20);
        Tensor x = Tensor.of(logits, 2, 10);
        assertArrayEquals(RelaxedTopK.softSub(x, 3, 0.5, 1, 4).data(), RelaxedTopK.softSub(x, 3, 0.5, 1, 4).data());
        assertArrayEquals(RelaxedTopK.l2x(x, 3, 0.5, 1, 4).data(), RelaxedTopK.l2x(x, 3, 0.5, 1, 4).data());
        assertFalse(Arrays.equals(RelaxedTopK.softSub(x, 3, 0.5, 1, 4).data(), RelaxedTopK.softSub(x, 3, 0.5, 1, 5).data()));
        assertFalse(Arrays.equals(RelaxedTopK.l2x(x, 3, 0.5, 1, 4).data(), RelaxedTopK.l2x(x, 3, 0.5, 2, 4).data()));
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        Tensor x = Tensor.of(new float[6], 2, 3);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RelaxedTopK.l2x(x, 4, 1, 0, 0))
                .getMessage().contains("k must be in 1..3"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RelaxedTopK.softSub(x, 0, 1, 0, 0))
                .getMessage().contains("k must be"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RelaxedTopK.softSub(x, 1, 0, 0, 0))
                .getMessage().contains("temperature"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RelaxedTopK.l2x(Tensor.of(new float[6], 6), 1, 1, 0, 0))
                .getMessage().contains("[B, n]"));
        Tensor nan = Tensor.of(new float[] {0, Float.NaN, 0, 0}, 2, 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> RelaxedTopK.softSub(nan, 1, 1, 0, 0))
                .getMessage().contains("row 0 coordinate 1"));
    }
}
