package org.imle.solvers.knapsack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.imle.api.testing.ConcurrentSolves;
import org.imle.api.exact.EnumeratedOracle;
import org.imle.api.exact.StructureSet;
import org.imle.solvers.SolverTimeoutException;
import org.imle.solvers.knapsack.KnapsackOracle.Backend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KnapsackOracleTest {

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * Scores of four kinds: continuous, small integers (exact ties), integers nudged by 1e-12
     * (near-ties the scaling must not lose), and a mix of huge and tiny magnitudes (tiny ones round
     * to profit 0 under OR-Tools scaling and must come back through the repair step).
     */
    private static double[] randomTheta(SplittableRandom rnd, int n) {
        double[] theta = new double[n];
        int kind = rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
            theta[i] = switch (kind) {
                case 0 -> rnd.nextDouble(-1, 2);
                case 1 -> rnd.nextInt(-1, 4);
                case 2 -> rnd.nextInt(-1, 4) + 1e-12 * rnd.nextInt(-2, 3);
                default -> rnd.nextBoolean() ? rnd.nextDouble(0, 1e6) : rnd.nextDouble(-1e-12, 1e-9);
            };
        }
        return theta;
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"DYNAMIC_PROGRAMMING", "OR_TOOLS"})
    void returnsAnExactArgmaxOnRandomInstancesWithNearTies(Backend backend) {
        SplittableRandom rnd = new SplittableRandom(backend.ordinal() + 21);
        int compared = 0;
        for (int t = 0; t < 300; t++) {
            int n = 1 + rnd.nextInt(10);
            long[] weights = new long[n];
            long total = 0;
            for (int i = 0; i < n; i++) {
                weights[i] = rnd.nextInt(0, 8);
                total += weights[i];
            }
            long capacity = rnd.nextInt(4) == 0 ? 0 : rnd.nextLong(0, total + 2);
            KnapsackOracle oracle = KnapsackOracle.of(weights, capacity, backend, 10);
            assertEquals(backend, oracle.backend());
            EnumeratedOracle reference = new EnumeratedOracle(
                    StructureSet.binary(n, z -> oracle.infeasibility(z) == null));
            for (int s = 0; s < 4; s++) {
                double[] theta = randomTheta(rnd, n);
                double[] z = new double[n];
                double[] best = new double[n];
                oracle.solve(theta, z);
                reference.solve(theta, best);
                assertNull(oracle.infeasibility(z));
                double tolerance = oracle.objectiveTolerance(theta);
                assertTrue(dot(z, theta) >= dot(best, theta) - tolerance,
                        () -> dot(z, theta) + " < " + dot(best, theta) + " - " + tolerance);
                for (int i = 0; i < n; i++) {
                    assertTrue(z[i] == 0 || theta[i] > 0, "item " + i + " with theta <= 0 was packed");
                }
                compared++;
            }
        }
        assertTrue(compared >= 1000);
    }

    @Test
    void toleranceOfScalingIsFarBelowTheGapsOfNearTies() {
        double[] theta = {1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
        KnapsackOracle oracle = KnapsackOracle.of(new long[10], 0, Backend.OR_TOOLS, 10);
        assertTrue(oracle.objectiveTolerance(theta) < 1e-13, "tolerance " + oracle.objectiveTolerance(theta));
    }

    @Test
    void breaksDynamicProgrammeTiesTowardEarlierItems() {
        KnapsackOracle oracle = KnapsackOracle.of(new long[] {1, 1, 1}, 1, Backend.DYNAMIC_PROGRAMMING, 10);
        double[] z = new double[3];
        oracle.solve(new double[] {2, 2, 2}, z);
        assertArrayEquals(new double[] {1, 0, 0}, z);
        oracle.solve(new double[] {2, 3, 3}, z);
        assertArrayEquals(new double[] {0, 1, 0}, z);
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void degenerateSizes(Backend backend) {
        double[] z = new double[1];
        KnapsackOracle single = KnapsackOracle.of(new long[] {3}, 3, backend, 10);
        single.solve(new double[] {0.5}, z);
        assertArrayEquals(new double[] {1}, z);
        single.solve(new double[] {0.0}, z);
        assertArrayEquals(new double[] {0}, z);
        KnapsackOracle empty = KnapsackOracle.of(new long[] {0, 1, 0, 2}, 0, backend, 10);
        double[] z4 = new double[4];
        empty.solve(new double[] {1, 5, -1, 5}, z4);
        assertArrayEquals(new double[] {1, 0, 0, 0}, z4);
        KnapsackOracle tooHeavy = KnapsackOracle.of(new long[] {5, 6}, 4, backend, 10);
        double[] z2 = {7, 7};
        tooHeavy.solve(new double[] {9, 9}, z2);
        assertArrayEquals(new double[] {0, 0}, z2);
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"DYNAMIC_PROGRAMMING", "OR_TOOLS"})
    void extremeMagnitudesKeepTheArgmax(Backend backend) {
        KnapsackOracle oracle = KnapsackOracle.of(new long[] {1, 1, 1}, 2, backend, 10);
        double[] z = new double[3];
        oracle.solve(new double[] {Double.MIN_VALUE, 3 * Double.MIN_VALUE, 2 * Double.MIN_VALUE}, z);
        assertArrayEquals(new double[] {0, 1, 1}, z);
        oracle.solve(new double[] {1e300, 3e300, 2e300}, z);
        assertArrayEquals(new double[] {0, 1, 1}, z);
    }

    @Test
    void autoPicksTheTableOnlyWhenItIsSmall() {
        assertEquals(Backend.DYNAMIC_PROGRAMMING, KnapsackOracle.of(new long[] {1, 2}, 100).backend());
        assertEquals(Backend.OR_TOOLS, KnapsackOracle.of(new long[] {1, 2}, 10_000_000).backend());
    }

    @Test
    void badInputIsNamed() {
        KnapsackOracle oracle = KnapsackOracle.of(new long[] {1, 2, 3}, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> oracle.solve(new double[] {1, Double.NaN, 1}, new double[3]));
        assertTrue(e.getMessage().contains("coordinate 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> oracle.solve(new double[2], new double[3]));
        assertTrue(e.getMessage().contains("theta"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KnapsackOracle.of(new long[] {1, -2}, 3));
        assertTrue(e.getMessage().contains("weights entry 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> KnapsackOracle.of(new long[] {1}, -1));
        assertTrue(e.getMessage().contains("capacity"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KnapsackOracle.of(new long[0], 1));
        assertNotNull(oracle.infeasibility(new double[] {1, 1, 1}));
        assertNotNull(oracle.infeasibility(new double[] {0.5, 0, 0}));
        assertNull(oracle.infeasibility(new double[] {1, 1, 0}));
    }

    /**
     * Todd's instances (Chvatal 1980): weights 2^(k+n+1) + 2^(k+j) + 1 with profits equal to
     * weights and half the total as capacity force branch and bound through exponentially many
     * nodes, so 40 items cannot be solved in a millisecond.
     */
    @Test
    void hardInstanceWithTinyTimeLimitRaisesTimeout() {
        int n = 40;
        int k = 5;
        long[] weights = new long[n];
        double[] theta = new double[n];
        long total = 0;
        for (int j = 0; j < n; j++) {
            weights[j] = (1L << (k + n + 1)) + (1L << (k + j)) + 1;
            theta[j] = weights[j];
            total += weights[j];
        }
        KnapsackOracle oracle = KnapsackOracle.of(weights, total / 2, Backend.OR_TOOLS, 1e-3);
        SolverTimeoutException e = assertThrows(SolverTimeoutException.class,
                () -> oracle.solve(theta, new double[n]));
        assertTrue(e.getMessage().contains("knapsack"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = Backend.class, names = {"DYNAMIC_PROGRAMMING", "OR_TOOLS"})
    void concurrentSolvesEqualSequentialOnes(Backend backend) throws Exception {
        int n = 12;
        SplittableRandom rnd = new SplittableRandom(23);
        long[] weights = new long[n];
        for (int i = 0; i < n; i++) {
            weights[i] = rnd.nextInt(1, 10);
        }
        KnapsackOracle oracle = KnapsackOracle.of(weights, 25, backend, 10);
        double[][] thetas = new double[400][];
        for (int t = 0; t < thetas.length; t++) {
            thetas[t] = randomTheta(rnd, n);
        }
        ConcurrentSolves.assertEqualSequential(oracle, thetas, 4);
    }

    @Test
    void solvesAtOffsetsOfABatch() {
        KnapsackOracle oracle = KnapsackOracle.of(new long[] {2, 2}, 2);
        double[] out = {7, 7, 7, 7};
        oracle.solve(new double[] {0, 0, 1, 3}, 2, out, 1);
        assertArrayEquals(new double[] {7, 0, 1, 7}, out);
    }
}
