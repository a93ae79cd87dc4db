package org.imle.api.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.imle.api.testing.RandomInstances;
import org.junit.jupiter.api.Test;

class ExactDistributionTest {

    @Test
    void oneHotProbabilitiesAreTheSoftmax() {
        ExactDistribution d = new ExactDistribution(StructureSet.oneHot(3));
        double[] theta = {1.0, 2.0, -0.5};
        double z = Math.exp(1.0) + Math.exp(2.0) + Math.exp(-0.5);
        double[] softmax = {Math.exp(1.0) / z, Math.exp(2.0) / z, Math.exp(-0.5) / z};
        assertArrayEquals(softmax, d.probabilities(theta), 1e-15);
        assertArrayEquals(softmax, d.marginals(theta), 1e-15);
        assertEquals(Math.log(z), d.logPartition(theta), 1e-15);
        assertEquals(softmax[1], d.probability(theta, new double[] {0, 1, 0}), 1e-15);
        assertEquals(0.0, d.probability(theta, new double[] {1, 1, 0}));
    }

    @Test
    void twoSubsetsOfThreeByHand() {
        // C = {110, 101, 011}; scores a+b, a+c, b+c.
        ExactDistribution d = new ExactDistribution(StructureSet.kSubsets(3, 2));
        double[] theta = {0.3, -1.0, 0.7};
        double w110 = Math.exp(-0.7);
        double w101 = Math.exp(1.0);
        double w011 = Math.exp(-0.3);
        double z = w110 + w101 + w011;
        assertArrayEquals(new double[] {w110 / z, w101 / z, w011 / z}, d.probabilities(theta), 1e-15);
        assertArrayEquals(new double[] {(w110 + w101) / z, (w110 + w011) / z, (w101 + w011) / z},
                d.marginals(theta), 1e-15);
    }

    @Test
    void logPartitionIsStableForHugeScores() {
        ExactDistribution d = new ExactDistribution(StructureSet.oneHot(2));
        assertEquals(1000.0 + Math.log1p(Math.exp(-1.0)), d.logPartition(new double[] {1000.0, 999.0}), 1e-12);
        assertArrayEquals(new double[] {1.0, 0.0}, d.probabilities(new double[] {0.0, -800.0}), 1e-300);
    }

    /** The marginals are the gradient of A; the loss gradient is checked the same way. */
    @Test
    void gradientsMatchCentralFiniteDifferences() {
        SplittableRandom random = new SplittableRandom(17);
        StructureSet[] sets = {StructureSet.oneHot(4), StructureSet.kSubsets(5, 2),
                StructureSet.binary(4, z -> z[0] + z[3] <= 1)};
        for (int rep = 0; rep < 300; rep++) {
            StructureSet set = sets[rep % sets.length];
            ExactDistribution d = new ExactDistribution(set);
            int n = set.dimension();
            double[] theta = RandomInstances.uniform(random, n, 2.0);
            double[] target = RandomInstances.bits(random, n);
            double[] weights = RandomInstances.uniform(random, n, 1.0);
            ToDoubleFunction<double[]> loss = zz -> {
                double l = 0;
                for (int i = 0; i < zz.length; i++) {
                    l += weights[i] * (zz[i] - target[i]) * (zz[i] - target[i]);
                }
                return l;
            };
            double[] grad = d.expectedLossGradient(theta, loss);
            double[] mu = d.marginals(theta);
            double h = 1e-5;
            for (int i = 0; i < n; i++) {
                double[] plus = theta.clone();
                double[] minus = theta.clone();
                plus[i] += h;
                minus[i] -= h;
                double fd = (d.expectedLoss(plus, loss) - d.expectedLoss(minus, loss)) / (2 * h);
                assertEquals(fd, grad[i], 1e-8, "loss gradient coordinate " + i);
                double fdA = (d.logPartition(plus) - d.logPartition(minus)) / (2 * h);
                assertEquals(fdA, mu[i], 1e-8, "marginal " + i);
            }
        }
    }

    @Test
    void kSubsetsAreListedLowerIndicesFirst() {
        StructureSet set = StructureSet.kSubsets(4, 2);
        assertEquals(6, set.size());
        double[][] expected = {{1, 1, 0, 0}, {1, 0, 1, 0}, {1, 0, 0, 1}, {0, 1, 1, 0}, {0, 1, 0, 1}, {0, 0, 1, 1}};
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], set.get(i), "structure " + i);
            assertEquals(i, set.indexOf(expected[i]));
        }
        assertEquals(-1, set.indexOf(new double[] {1, 1, 1, 0}));
        StructureSet oneHot = StructureSet.oneHot(3);
        assertArrayEquals(new double[] {0, 0, 1}, oneHot.get(2));
    }

    @Test
    void enumeratedOracleBreaksTiesTowardsTheFirstListed() {
        EnumeratedOracle oracle = new EnumeratedOracle(StructureSet.kSubsets(4, 2));
        double[] z = new double[4];
        oracle.solve(new double[] {1, 1, 1, 1}, z);
        assertArrayEquals(new double[] {1, 1, 0, 0}, z);
        oracle.solve(new double[] {0, 2, 2, 2}, z);
        assertArrayEquals(new double[] {0, 1, 1, 0}, z);
        assertEquals(null, oracle.infeasibility(z));
        assertTrue(oracle.infeasibility(new double[] {1, 1, 1, 0}).contains("not one of the 6"));
    }

    @Test
    void getReturnsACopy() {
        StructureSet set = StructureSet.oneHot(2);
        set.get(0)[0] = 7;
        assertArrayEquals(new double[] {1, 0}, set.get(0));
    }

    @Test
    void badInputNamesTheParameter() {
        assertMessage("k must be in 1..4, got 5", () -> StructureSet.kSubsets(4, 5));
        assertMessage("k must be in 1..4, got 0", () -> StructureSet.kSubsets(4, 0));
        assertMessage("n must be in 1..24, got 25", () -> StructureSet.oneHot(25));
        assertMessage("no 0/1 vector of length 3 is feasible", () -> StructureSet.binary(3, z -> false));
        assertMessage("structure 1 has length 2, expected 3",
                () -> StructureSet.of(Arrays.asList(new double[3], new double[2])));
        ExactDistribution d = new ExactDistribution(StructureSet.oneHot(3));
        assertMessage("theta coordinate 1 is NaN", () -> d.marginals(new double[] {0, Double.NaN, 0}));
        assertMessage("theta has length 2, expected 3", () -> d.probabilities(new double[2]));
        assertMessage("z has length 2, expected 3", () -> d.probability(new double[3], new double[2]));
        assertMessage("structure 0 is null", () -> StructureSet.of(Arrays.asList(null, new double[2])));
        EnumeratedOracle oracle = new EnumeratedOracle(StructureSet.oneHot(3));
        assertMessage("theta has length 4, expected 3", () -> oracle.argmax(new double[4]));
        assertMessage("structure set must not be null", () -> new EnumeratedOracle(null));
        assertMessage("theta coordinate 2 is Infinity",
                () -> oracle.solve(new double[] {0, 0, Double.POSITIVE_INFINITY}, new double[3]));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' should contain '" + expected + "'");
    }
}
