package org.imle.solvers.parsing;

import static org.imle.solvers.OracleAssertions.dot;
import static org.imle.solvers.OracleAssertions.solveFeasible;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import org.imle.api.MapOracle;
import org.imle.solvers.OracleAssertions;
import org.junit.jupiter.api.Test;

/** Chu-Liu/Edmonds and Eisner against enumeration of every (projective) single-root tree. */
class DependencyTreeOraclesTest {

    private static final Map<Integer, List<int[]>> TREES = new ConcurrentHashMap<>();

    /** Every single-root dependency tree over n nodes as a head array (head[0] = -1). */
    static List<int[]> allTrees(int n) {
        return TREES.computeIfAbsent(n, DependencyTreeOraclesTest::enumerateTrees);
    }

    private static List<int[]> enumerateTrees(int n) {
        List<int[]> trees = new ArrayList<>();
        int[] head = new int[n];
        head[0] = -1;
        enumerate(n, 1, head, trees);
        return trees;
    }

    private static void enumerate(int n, int d, int[] head, List<int[]> trees) {
        if (d == n) {
            double[] z = new double[n * n];
            for (int w = 1; w < n; w++) {
                z[head[w] * n + w] = 1.0;
            }
            if (DependencyArcs.readTree(z, n, new int[n]) == null) {
                trees.add(head.clone());
            }
            return;
        }
        for (int h = 0; h < n; h++) {
            if (h != d) {
                head[d] = h;
                enumerate(n, d + 1, head, trees);
            }
        }
    }

    private static double score(int[] head, double[] theta, int n) {
        double s = 0;
        for (int d = 1; d < n; d++) {
            s += theta[head[d] * n + d];
        }
        return s;
    }

    private static double[] asZ(int[] head, int n) {
        double[] z = new double[n * n];
        for (int d = 1; d < n; d++) {
            z[head[d] * n + d] = 1.0;
        }
        return z;
    }

    /** The sum of theta over the selected arcs (the ignored entries may hold -inf or NaN). */
    private static double selectedScore(double[] z, double[] theta) {
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            if (z[i] == 1.0) {
                s += theta[i];
            }
        }
        return s;
    }

    /** Arc scores continuous, or in {-1, 0, 1} for ties; ignored entries hold junk. */
    private static double[] randomTheta(SplittableRandom rng, int n, boolean ties) {
        double[] theta = new double[n * n];
        for (int h = 0; h < n; h++) {
            for (int d = 0; d < n; d++) {
                if (h == d) {
                    theta[h * n + d] = Double.NEGATIVE_INFINITY;
                } else if (d == 0) {
                    theta[h * n + d] = Double.NaN;
                } else {
                    theta[h * n + d] = ties ? rng.nextInt(3) - 1 : rng.nextGaussian();
                }
            }
        }
        return theta;
    }

    private static void checkAgainstEnumeration(boolean projectiveOnly, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        int checked = 0;
        for (int n = 1; n <= 7; n++) {
            List<int[]> trees = new ArrayList<>();
            for (int[] tree : allTrees(n)) {
                if (!projectiveOnly || DependencyArcs.projective(tree, n)) {
                    trees.add(tree);
                }
            }
            MapOracle oracle = projectiveOnly ? new EisnerOracle(n) : new MaximumArborescenceOracle(n);
            int instances = n <= 2 ? 20 : 200;
            for (int trial = 0; trial < instances; trial++) {
                boolean ties = trial % 2 == 1;
                double[] theta = randomTheta(rng, n, ties);
                int[] best = null;
                double bestScore = Double.NEGATIVE_INFINITY;
                for (int[] tree : trees) {
                    double s = score(tree, theta, n);
                    if (s > bestScore) {
                        bestScore = s;
                        best = tree;
                    }
                }
                double[] z = solveFeasible(oracle, theta);
                int[] found = new int[n];
                assertNull(DependencyArcs.readTree(z, n, found));
                assertEquals(bestScore, score(found, theta, n), 1e-9, oracle::toString);
                if (!ties) {
                    assertArrayEquals(asZ(best, n), z, oracle::toString);
                }
                checked++;
            }
        }
        assertTrue(checked >= 1000);
    }

    @Test
    void arborescenceEqualsEnumerationOfAllSingleRootTrees() {
        checkAgainstEnumeration(false, 51);
    }

    @Test
    void eisnerEqualsEnumerationOfAllProjectiveSingleRootTrees() {
        checkAgainstEnumeration(true, 52);
    }

    @Test
    void enumerationCountsMatchTheKnownFormulas() {
        // single-root trees on m words: m^(m-1) (the root picks one of m words, then m^(m-2) trees)
        assertEquals(1, allTrees(2).size());
        assertEquals(2, allTrees(3).size());
        assertEquals(9, allTrees(4).size());
        assertEquals(7776, allTrees(7).size());
        // projective single-root trees on m words: 1, 2, 7, 30 (OEIS A006013 shifted)
        assertEquals(7, allTrees(4).stream().filter(t -> DependencyArcs.projective(t, 4)).count());
        assertEquals(30, allTrees(5).stream().filter(t -> DependencyArcs.projective(t, 5)).count());
    }

    @Test
    void singleRootConstraintHoldsWhenTheRootIsTempting() {
        int n = 4;
        double[] theta = new double[n * n];
        for (int d = 1; d < n; d++) {
            theta[d] = 10.0;
        }
        theta[n + 2] = 1.0;
        theta[2 * n + 3] = 1.0;
        for (MapOracle oracle : List.of(new MaximumArborescenceOracle(n), new EisnerOracle(n))) {
            double[] z = solveFeasible(oracle, theta);
            assertEquals(12.0, dot(z, theta), 1e-12);
            assertArrayEquals(new double[] {0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0}, z);
        }
    }

    @Test
    void nonProjectiveTreesOnlyFromChuLiuEdmonds() {
        // root -> 2, 2 -> 4, 4 -> 1, 1 -> 3: arcs 4->1 and 1->3 cross 2->4's span illegally
        int n = 5;
        double[] theta = new double[n * n];
        theta[2] = 5;
        theta[2 * n + 4] = 5;
        theta[4 * n + 1] = 5;
        theta[n + 3] = 5;
        double[] cle = solveFeasible(new MaximumArborescenceOracle(n), theta);
        double[] eisner = solveFeasible(new EisnerOracle(n), theta);
        assertEquals(20.0, dot(cle, theta), 1e-12);
        assertTrue(dot(eisner, theta) < 20.0);
    }

    @Test
    void longSentencesGiveFeasibleTreesWithChuLiuEdmondsAtLeastEisner() {
        SplittableRandom rng = new SplittableRandom(53);
        for (int trial = 0; trial < 40; trial++) {
            int n = 20 + rng.nextInt(21);
            double[] theta = randomTheta(rng, n, trial % 2 == 0);
            double[] cle = solveFeasible(new MaximumArborescenceOracle(n), theta);
            double[] eisner = solveFeasible(new EisnerOracle(n), theta);
            assertTrue(selectedScore(cle, theta) >= selectedScore(eisner, theta) - 1e-9);
        }
    }

    @Test
    void degenerateSizes() {
        for (MapOracle oracle : List.of(new MaximumArborescenceOracle(1), new EisnerOracle(1))) {
            assertArrayEquals(new double[] {0}, solveFeasible(oracle, new double[] {Double.NaN}));
        }
        for (MapOracle oracle : List.of(new MaximumArborescenceOracle(2), new EisnerOracle(2))) {
            assertArrayEquals(new double[] {0, 1, 0, 0}, solveFeasible(oracle, new double[] {0, -3, 0, 0}));
        }
    }

    @Test
    void rejectsNonFiniteArcScoresNamingTheArc() {
        for (MapOracle oracle : List.of(new MaximumArborescenceOracle(3), new EisnerOracle(3))) {
            double[] theta = new double[9];
            theta[2 * 3 + 1] = Double.POSITIVE_INFINITY;
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> oracle.solve(theta, new double[9]));
            assertTrue(e.getMessage().contains("coordinate 7 (arc from head 2 to dependent 1)"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> oracle.solve(new double[8], new double[9]));
            assertThrows(IllegalArgumentException.class, () -> oracle.solve(new double[9], new double[3]));
        }
        assertThrows(IllegalArgumentException.class, () -> new MaximumArborescenceOracle(0));
        assertThrows(IllegalArgumentException.class, () -> new EisnerOracle(0));
    }

    @Test
    void infeasibilityExplainsBrokenTrees() {
        MaximumArborescenceOracle cle = new MaximumArborescenceOracle(4);
        EisnerOracle eisner = new EisnerOracle(4);
        double[] chain = asZ(new int[] {-1, 0, 1, 2}, 4);
        assertNull(cle.infeasibility(chain));
        assertNull(eisner.infeasibility(chain));
        // two root dependents
        assertNotNull(cle.infeasibility(asZ(new int[] {-1, 0, 0, 2}, 4)));
        // cycle 2 <-> 3
        assertNotNull(cle.infeasibility(asZ(new int[] {-1, 0, 3, 2}, 4)));
        // word 3 without head
        double[] headless = asZ(new int[] {-1, 0, 1, 2}, 4);
        headless[2 * 4 + 3] = 0;
        assertNotNull(cle.infeasibility(headless));
        // an arc into the root
        double[] intoRoot = chain.clone();
        intoRoot[4] = 1;
        assertNotNull(cle.infeasibility(intoRoot));
        // root -> 2, 2 -> 1, 1 -> 3: arc 1 -> 3 spans 2, which does not descend from 1
        double[] crossing = asZ(new int[] {-1, 2, 0, 1}, 4);
        assertNull(cle.infeasibility(crossing));
        assertNotNull(eisner.infeasibility(crossing));
    }

    @Test
    void concurrentSolvesEqualSequentialOnes() throws Exception {
        SplittableRandom rng = new SplittableRandom(54);
        int n = 15;
        List<double[]> thetas = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            thetas.add(randomTheta(rng, n, i % 2 == 0));
        }
        OracleAssertions.assertConcurrentEqualsSequential(new MaximumArborescenceOracle(n), thetas);
        OracleAssertions.assertConcurrentEqualsSequential(new EisnerOracle(n), thetas);
    }
}
