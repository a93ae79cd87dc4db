package org.imle.solvers.matching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.ortools.graph.LinearSumAssignment;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.imle.api.testing.ConcurrentSolves;
import org.imle.api.exact.EnumeratedOracle;
import org.imle.api.exact.StructureSet;
import org.imle.solvers.OrToolsNatives;
import org.imle.solvers.matching.AssignmentOracle.Mode;
import org.jgrapht.alg.interfaces.MatchingAlgorithm;
import org.jgrapht.alg.matching.KuhnMunkresMinimalWeightBipartitePerfectMatching;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AssignmentOracleTest {

    private static final Map<String, EnumeratedOracle> REFERENCES = new HashMap<>();

    /** Brute force over every 0/1 matrix that the oracle's own feasibility check accepts. */
    private static synchronized EnumeratedOracle reference(AssignmentOracle oracle) {
        return REFERENCES.computeIfAbsent(oracle.toString(), key -> new EnumeratedOracle(
                StructureSet.binary(oracle.dimension(), z -> oracle.infeasibility(z) == null)));
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] randomTheta(SplittableRandom rnd, int n) {
        double[] theta = new double[n];
        int kind = rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            theta[i] = switch (kind) {
                case 0 -> rnd.nextDouble(-1, 1);
                case 1 -> rnd.nextInt(-2, 3);
                default -> rnd.nextInt(-2, 3) + 1e-10 * rnd.nextInt(-2, 3);
            };
        }
        return theta;
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void matchesBruteForceOnRandomSmallMatrices(Mode mode) {
        SplittableRandom rnd = new SplittableRandom(31 + mode.ordinal());
        int compared = 0;
        for (int t = 0; t < 1000; t++) {
            int rows = 1 + rnd.nextInt(4);
            int cols = 1 + rnd.nextInt(Math.min(4, 16 / rows));
            AssignmentOracle oracle = AssignmentOracle.of(rows, cols, mode);
            EnumeratedOracle reference = reference(oracle);
            double[] theta = randomTheta(rnd, rows * cols);
            double[] z = new double[rows * cols];
            double[] best = new double[rows * cols];
            oracle.solve(theta, z);
            reference.solve(theta, best);
            assertNull(oracle.infeasibility(z), () -> oracle + " " + oracle.infeasibility(z));
            assertEquals(dot(best, theta), dot(z, theta), 1e-9, oracle::toString);
            if (mode == Mode.MAXIMUM_WEIGHT) {
                for (int k = 0; k < z.length; k++) {
                    assertTrue(z[k] == 0 || theta[k] > 0, "pair " + k + " with theta <= 0 was matched");
                }
            }
            compared++;
        }
        assertEquals(1000, compared);
    }

    /** JGraphT's Kuhn-Munkres on the complete bipartite graph with costs -theta. */
    private static double kuhnMunkresScore(int n, double[] theta) {
        SimpleWeightedGraph<Integer, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        Set<Integer> left = new HashSet<>();
        Set<Integer> right = new HashSet<>();
        for (int i = 0; i < n; i++) {
            g.addVertex(i);
            g.addVertex(n + i);
            left.add(i);
            right.add(n + i);
        }
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                g.setEdgeWeight(g.addEdge(i, n + j), -theta[i * n + j]);
            }
        }
        MatchingAlgorithm.Matching<Integer, DefaultWeightedEdge> m =
                new KuhnMunkresMinimalWeightBipartitePerfectMatching<>(g, left, right).getMatching();
        return -m.getWeight();
    }

    @Test
    void matchesJGraphTKuhnMunkresOnLargerPermutations() {
        SplittableRandom rnd = new SplittableRandom(32);
        for (int t = 0; t < 150; t++) {
            int n = 1 + rnd.nextInt(15);
            AssignmentOracle oracle = AssignmentOracle.permutation(n);
            double[] theta = randomTheta(rnd, n * n);
            double[] z = new double[n * n];
            oracle.solve(theta, z);
            assertNull(oracle.infeasibility(z));
            assertEquals(kuhnMunkresScore(n, theta), dot(z, theta), 1e-9);
        }
    }

    @Test
    void matchesOrToolsLinearSumAssignmentOnIntegerScores() {
        OrToolsNatives.load();
        SplittableRandom rnd = new SplittableRandom(33);
        for (int t = 0; t < 150; t++) {
            int n = 1 + rnd.nextInt(20);
            double[] theta = new double[n * n];
            LinearSumAssignment lsa = new LinearSumAssignment();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    theta[i * n + j] = rnd.nextInt(-50, 51);
                    lsa.addArcWithCost(i, j, (long) -theta[i * n + j]);
                }
            }
            assertEquals(LinearSumAssignment.Status.OPTIMAL, lsa.solve());
            double[] z = new double[n * n];
            AssignmentOracle.permutation(n).solve(theta, z);
            assertEquals(-lsa.getOptimalCost(), dot(z, theta), 0.0);
            lsa.delete();
        }
    }

    @Test
    void oneByOneAndAllTiedMatrices() {
        double[] z = new double[1];
        AssignmentOracle.permutation(1).solve(new double[] {-3}, z);
        assertArrayEquals(new double[] {1}, z);
        AssignmentOracle.maximumWeight(1, 1).solve(new double[] {-3}, z);
        assertArrayEquals(new double[] {0}, z);
        AssignmentOracle.maximumWeight(1, 1).solve(new double[] {0}, z);
        assertArrayEquals(new double[] {0}, z);
        // all-equal scores: the same permutation every time, whatever came before
        AssignmentOracle oracle = AssignmentOracle.permutation(3);
        double[] first = new double[9];
        double[] again = new double[9];
        oracle.solve(new double[9], first);
        oracle.solve(randomTheta(new SplittableRandom(1), 9), again);
        oracle.solve(new double[9], again);
        assertArrayEquals(first, again);
        assertNull(oracle.infeasibility(first));
    }

    @Test
    void rectangularPerfectMatchesTheSmallerSideExactlyOnce() {
        double[] wide = {1, 5, 2, 4, 0, 3};
        double[] z = new double[6];
        AssignmentOracle.perfect(2, 3).solve(wide, z);
        assertArrayEquals(new double[] {0, 1, 0, 1, 0, 0}, z);
        double[] tall = {1, 5, 2, 4, 0, 3};
        AssignmentOracle.perfect(3, 2).solve(tall, z);
        assertArrayEquals(new double[] {0, 1, 1, 0, 0, 0}, z);
    }

    @Test
    void readsPermutations() {
        AssignmentOracle oracle = AssignmentOracle.permutation(3);
        double[] z = new double[9];
        oracle.solve(new double[] {0, 0, 1, 1, 0, 0, 0, 1, 0}, z);
        int[] columns = new int[3];
        oracle.columnOfRow(z, columns);
        assertArrayEquals(new int[] {2, 0, 1}, columns);
    }

    @Test
    void feasibilityCheckFindsEveryViolation() {
        AssignmentOracle perfect = AssignmentOracle.permutation(2);
        assertNotNull(perfect.infeasibility(new double[] {1, 1, 0, 0}));
        assertNotNull(perfect.infeasibility(new double[] {1, 0, 1, 0}));
        assertNotNull(perfect.infeasibility(new double[] {1, 0, 0, 0}));
        assertNotNull(perfect.infeasibility(new double[] {0.5, 0, 0, 1}));
        assertNotNull(perfect.infeasibility(new double[3]));
        assertNull(AssignmentOracle.maximumWeight(2, 2).infeasibility(new double[] {1, 0, 0, 0}));
    }

    @Test
    void badInputIsNamed() {
        AssignmentOracle oracle = AssignmentOracle.perfect(2, 3);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> oracle.solve(new double[] {0, 0, 0, 0, Double.NaN, 0}, new double[6]));
        assertTrue(e.getMessage().contains("coordinate 4") && e.getMessage().contains("row 1, col 1"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> oracle.solve(new double[5], new double[6]));
        assertThrows(IllegalArgumentException.class, () -> oracle.solve(new double[6], new double[7]));
        e = assertThrows(IllegalArgumentException.class, () -> AssignmentOracle.perfect(0, 3));
        assertTrue(e.getMessage().contains("rows"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(Mode.class)
    void concurrentSolvesEqualSequentialOnes(Mode mode) throws Exception {
        AssignmentOracle oracle = AssignmentOracle.of(7, 9, mode);
        SplittableRandom rnd = new SplittableRandom(34);
        double[][] thetas = new double[800][];
        for (int t = 0; t < thetas.length; t++) {
            thetas[t] = randomTheta(rnd, 63);
        }
        ConcurrentSolves.assertEqualSequential(oracle, thetas, 4);
    }

    @Test
    void solvesAtOffsetsOfABatch() {
        AssignmentOracle oracle = AssignmentOracle.permutation(2);
        double[] batch = {9, 9, 9, 9, 0, 1, 1, 0};
        double[] out = new double[6];
        oracle.solve(batch, 4, out, 1);
        assertArrayEquals(new double[] {0, 0, 1, 1, 0, 0}, out);
    }
}
