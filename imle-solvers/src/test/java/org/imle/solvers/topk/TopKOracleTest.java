package org.imle.solvers.topk;

import static org.imle.solvers.OracleAssertions.solveFeasible;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.imle.api.exact.EnumeratedOracle;
import org.imle.api.exact.StructureSet;
import org.imle.solvers.OracleAssertions;
import org.junit.jupiter.api.Test;

class TopKOracleTest {

    /** Continuous scores, or a few distinct integers so that ties are common. */
    static double[] randomTheta(SplittableRandom rng, int n) {
        boolean ties = rng.nextBoolean();
        double[] theta = new double[n];
        for (int i = 0; i < n; i++) {
            theta[i] = ties ? rng.nextInt(3) - 1 : rng.nextGaussian();
        }
        return theta;
    }

    @Test
    void equalsBruteForceIncludingTiesOnThousandsOfInstances() {
        SplittableRandom rng = new SplittableRandom(1);
        int checked = 0;
        for (int n = 1; n <= 9; n++) {
            for (int k = 1; k <= n; k++) {
                TopKOracle oracle = new TopKOracle(n, k);
                EnumeratedOracle brute = new EnumeratedOracle(StructureSet.kSubsets(n, k));
                for (int trial = 0; trial < 60; trial++) {
                    double[] theta = randomTheta(rng, n);
                    double[] expected = new double[n];
                    brute.solve(theta, expected);
                    assertArrayEquals(expected, solveFeasible(oracle, theta),
                            () -> "n=" + oracle.n() + " k=" + oracle.k() + " theta=" + Arrays.toString(theta));
                    checked++;
                }
            }
        }
        assertTrue(checked >= 1000);
    }

    @Test
    void equalsSortingOnLargeInputs() {
        SplittableRandom rng = new SplittableRandom(2);
        int n = 1000;
        // both sides of the sorted-array / heap switch, and the extremes
        for (int k : new int[] {1, 10, TopKOracle.SORTED_LIMIT, TopKOracle.SORTED_LIMIT + 1, 500, 1000}) {
            TopKOracle oracle = new TopKOracle(n, k);
            for (int trial = 0; trial < 20; trial++) {
                double[] theta = randomTheta(rng, n);
                // stable sort by descending score keeps the lower index first among ties
                Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
                Arrays.sort(order, Comparator.comparingDouble(i -> -theta[i]));
                double[] expected = new double[n];
                for (int j = 0; j < k; j++) {
                    expected[order[j]] = 1.0;
                }
                assertArrayEquals(expected, solveFeasible(oracle, theta));
            }
        }
    }

    @Test
    void offsetFormReadsAndWritesOnlyItsSlice() {
        TopKOracle oracle = new TopKOracle(4, 2);
        double[] theta = {9, 9, 0.1, 0.5, 0.3, 0.2, 9};
        double[] z = {5, 5, 5, 5, 5, 5};
        oracle.solve(theta, 2, z, 1);
        assertArrayEquals(new double[] {5, 0, 1, 1, 0, 5}, z);
    }

    @Test
    void degenerateSizes() {
        assertArrayEquals(new double[] {1}, solveFeasible(new TopKOracle(1, 1), new double[] {-3}));
        assertArrayEquals(new double[] {1, 1, 1}, solveFeasible(new TopKOracle(3, 3), new double[] {-1, 5, 0}));
        assertArrayEquals(new double[] {1, 1, 0, 0}, solveFeasible(new TopKOracle(4, 2), new double[4]));
    }

    @Test
    void concurrentSolvesEqualSequentialOnes() throws Exception {
        SplittableRandom rng = new SplittableRandom(3);
        TopKOracle oracle = new TopKOracle(50, 7);
        List<double[]> thetas = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            thetas.add(randomTheta(rng, 50));
        }
        OracleAssertions.assertConcurrentEqualsSequential(oracle, thetas);
    }

    @Test
    void rejectsNonFiniteThetaNamingTheCoordinate() {
        int n = 40;
        // k = 2 keeps a sorted array, k = 35 a heap; bad entries inside and after the first k
        for (int k : new int[] {2, TopKOracle.SORTED_LIMIT + 3}) {
            TopKOracle oracle = new TopKOracle(n, k);
            for (int position : new int[] {0, 1, k - 1, k, n - 1}) {
                for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                    double[] theta = IntStream.range(0, n).mapToDouble(i -> i).toArray();
                    theta[position] = bad;
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                            () -> oracle.solve(theta, new double[n]), () -> "k=" + k + " at " + position);
                    assertTrue(e.getMessage().contains("coordinate " + position), e.getMessage());
                }
            }
        }
    }

    @Test
    void rejectsBadSizesAndLengths() {
        assertThrows(IllegalArgumentException.class, () -> new TopKOracle(0, 1));
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> new TopKOracle(3, 0));
        assertTrue(zero.getMessage().contains("k"));
        IllegalArgumentException tooMany = assertThrows(IllegalArgumentException.class, () -> new TopKOracle(3, 4));
        assertTrue(tooMany.getMessage().contains("k must be in 1..3"), tooMany.getMessage());
        TopKOracle oracle = new TopKOracle(3, 1);
        IllegalArgumentException len = assertThrows(IllegalArgumentException.class,
                () -> oracle.solve(new double[2], new double[3]));
        assertTrue(len.getMessage().contains("theta"));
        assertThrows(IllegalArgumentException.class, () -> oracle.solve(new double[3], new double[4]));
        assertThrows(IllegalArgumentException.class, () -> oracle.solve(new double[5], 3, new double[3], 0));
        assertThrows(IllegalArgumentException.class, () -> oracle.solve(new double[3], 0, new double[3], 1));
    }

    @Test
    void infeasibilityExplainsWrongStructures() {
        TopKOracle oracle = new TopKOracle(4, 2);
        assertNull(oracle.infeasibility(new double[] {0, 1, 1, 0}));
        assertEquals("z has 3 ones, expected k = 2", oracle.infeasibility(new double[] {1, 1, 1, 0}));
        assertNotNull(oracle.infeasibility(new double[] {0.5, 1, 0.5, 0}));
        assertNotNull(oracle.infeasibility(new double[] {1, 1, 0}));
    }
}
