package org.imle.api.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.imle.api.execution.RandomStreams;
import org.junit.jupiter.api.Test;

class EnumeratedFamilyTest {

    @Test
    void agreesWithTheKSubsetDynamicProgramAndSamplesExactly() {
        SplittableRandom rng = new SplittableRandom(4);
        for (int trial = 0; trial < 1000; trial++) {
            int n = 2 + rng.nextInt(6);
            int k = 1 + rng.nextInt(n);
            double[] theta = new double[n];
            for (int i = 0; i < n; i++) {
                theta[i] = 3 * (2 * rng.nextDouble() - 1);
            }
            EnumeratedFamily e = new EnumeratedFamily(StructureSet.kSubsets(n, k));
            KSubsetFamily dp = KSubsetFamily.of(n, k);
            assertEquals(dp.logPartition(theta, 0), e.logPartition(theta, 0), 1e-10);
            assertArrayEquals(dp.marginals(theta), e.marginals(theta), 1e-10);
        }
        StructureSet set = StructureSet.binary(3, z -> z[0] + z[1] + z[2] != 2);
        double[] theta = {0.4, -0.7, 1.3};
        double[] p = new ExactDistribution(set).probabilities(theta);
        EnumeratedFamily family = new EnumeratedFamily(set);
        int[] counts = new int[set.size()];
        double[] z = new double[3];
        UniformRandomProvider random = RandomStreams.open(1, 2, 3, 4);
        int draws = 60_000;
        for (int d = 0; d < draws; d++) {
            family.sample(theta, 0, random, z, 0);
            counts[set.indexOf(z)]++;
        }
        for (int i = 0; i < set.size(); i++) {
            assertEquals(draws * p[i], counts[i], 5 * Math.sqrt(draws * p[i] * (1 - p[i])) + 1);
        }
        double[] zz = {1, 1, 1};
        assertEquals(Math.log(p[set.indexOf(zz)]), family.logProbability(theta, 0, zz, 0), 1e-12);
    }
}
