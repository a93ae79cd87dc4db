package org.imle.api.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.imle.api.execution.RandomStreams;
import org.junit.jupiter.api.Test;

class KSubsetFamilyTest {

    @Test
    void logPartitionAndMarginalsMatchEnumerationOnThousandsOfInstances() {
        SplittableRandom rng = new SplittableRandom(1);
        for (int trial = 0; trial < 2000; trial++) {
            int n = 1 + rng.nextInt(9);
            int k = 1 + rng.nextInt(n);
            double scale = trial % 3 == 0 ? 30.0 : 2.0;
            double[] theta = new double[n];
            for (int i = 0; i < n; i++) {
                theta[i] = scale * (2 * rng.nextDouble() - 1);
            }
            KSubsetFamily dp = KSubsetFamily.of(n, k);
            ExactDistribution exact = new ExactDistribution(StructureSet.kSubsets(n, k));
            double a = exact.logPartition(theta);
            assertEquals(a, dp.logPartition(theta, 0), 1e-9 * Math.max(1, Math.abs(a)),
                    "n=" + n + " k=" + k + " trial " + trial);
            assertArrayEquals(exact.marginals(theta), dp.marginals(theta), 1e-9, "trial " + trial);
        }
    }

    @Test
    void staysFiniteForHugeScoresWhereExpOverflows() {
        double[] theta = {900, -900, 1000, 999, -5, 0};
        KSubsetFamily dp = KSubsetFamily.of(6, 3);
        double a = dp.logPartition(theta, 0);
        // dominated by {0, 2, 3}: 900 + 1000 + 999, the runner-up {2, 3, 5} is 900 lower
        assertEquals(2899.0, a, 1e-9);
        double[] mu = dp.marginals(theta);
        assertArrayEquals(new double[] {1, 0, 1, 1, 0, 0}, mu, 1e-12);
    }

    @Test
    void oneHotMarginalsAreTheSoftmax() {
        double[] theta = {0.3, -1.2, 2.0, 0.0};
        double max = 2.0;
        double sum = 0;
        for (double t : theta) {
            sum += Math.exp(t - max);
        }
        double[] mu = KSubsetFamily.oneHot(4).marginals(theta);
        for (int i = 0; i < 4; i++) {
            assertEquals(Math.exp(theta[i] - max) / sum, mu[i], 1e-14);
        }
    }

    @Test
    void samplesFollowTheExactDistribution() {
        int n = 5;
        int k = 2;
        double[] theta = {0.5, -0.3, 1.1, 0.0, -1.0};
        StructureSet set = StructureSet.kSubsets(n, k);
        double[] p = new ExactDistribution(set).probabilities(theta);
        KSubsetFamily dp = KSubsetFamily.of(n, k);
        int draws = 100_000;
        int[] counts = new int[set.size()];
        double[] z = new double[n];
        UniformRandomProvider random = RandomStreams.open(7, 0, 0, 0);
        for (int d = 0; d < draws; d++) {
            dp.sample(theta, 0, random, z, 0);
            int idx = set.indexOf(z);
            assertTrue(idx >= 0, "a sample must be a 2-subset");
            counts[idx]++;
        }
        for (int i = 0; i < set.size(); i++) {
            double sd = Math.sqrt(draws * p[i] * (1 - p[i]));
            assertEquals(draws * p[i], counts[i], 5 * sd + 1, "structure " + i);
        }
    }

    @Test
    void badArgumentsAreRejected() {
        assertEquals("k must be in 1..3, got 4",
                assertThrows(IllegalArgumentException.class, () -> KSubsetFamily.of(3, 4)).getMessage());
        assertEquals("theta coordinate 1 is Infinity", assertThrows(IllegalArgumentException.class,
                () -> KSubsetFamily.of(3, 1).logPartition(new double[] {0, Double.POSITIVE_INFINITY, 0}, 0))
                .getMessage());
        assertEquals("theta range [2, 5) is outside an array of length 4", assertThrows(IllegalArgumentException.class,
                () -> KSubsetFamily.of(3, 1).logPartition(new double[4], 2)).getMessage());
    }
}
