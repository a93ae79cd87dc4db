package org.imle.api.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.SplittableRandom;
import org.imle.api.exact.EnumeratedOracle;
import org.imle.api.exact.StructureSet;
import org.junit.jupiter.api.Test;

/** The test oracle other tests rely on agrees with brute force, ties included. */
class TopKTestOracleTest {

    @Test
    void agreesWithEnumerationOnRandomInstancesWithTies() {
        SplittableRandom random = new SplittableRandom(2026);
        for (int rep = 0; rep < 3000; rep++) {
            int n = 1 + random.nextInt(7);
            int k = 1 + random.nextInt(n);
            double[] theta = rep % 2 == 0 ? RandomInstances.integers(random, n, 2)
                    : RandomInstances.uniform(random, n, 3.0);
            double[] expected = new double[n];
            new EnumeratedOracle(StructureSet.kSubsets(n, k)).solve(theta, expected);
            double[] z = new double[n];
            new TopKTestOracle(n, k).solve(theta, z);
            assertArrayEquals(expected, z, "n=" + n + " k=" + k + " theta=" + java.util.Arrays.toString(theta));
        }
    }
}
