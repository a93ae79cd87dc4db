package org.imle.solvers.tsp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.imle.api.MapOracle;
import org.imle.api.registry.Oracles;
import org.junit.jupiter.api.Test;

/** The CP-SAT tour against brute force over every permutation, its edge order, and its errors. */
class TspOracleTest {

    private static double best;

    /** The cheapest tour cost over all permutations with node 0 first. */
    private static double bruteForce(int m, double[] cost) {
        best = Double.POSITIVE_INFINITY;
        int[] perm = new int[m];
        boolean[] used = new boolean[m];
        used[0] = true;
        extend(m, cost, perm, used, 1, 0);
        return best;
    }

    private static void extend(int m, double[] cost, int[] perm, boolean[] used, int depth, double sofar) {
        if (depth == m) {
            best = Math.min(best, sofar + cost[TspOracle.edge(m, perm[m - 1], 0)]);
            return;
        }
        for (int v = 1; v < m; v++) {
            if (!used[v]) {
                used[v] = true;
                perm[depth] = v;
                extend(m, cost, perm, used, depth + 1, sofar + cost[TspOracle.edge(m, perm[depth - 1], v)]);
                used[v] = false;
            }
        }
    }

    @Test
    void edgesAreInUpperTriangleOrder() {
        // pdist order for 4 nodes: (0,1) (0,2) (0,3) (1,2) (1,3) (2,3)
        int[][] pairs = {{0, 1}, {0, 2}, {0, 3}, {1, 2}, {1, 3}, {2, 3}};
        for (int e = 0; e < pairs.length; e++) {
            assertEquals(e, TspOracle.edge(4, pairs[e][0], pairs[e][1]));
            assertEquals(e, TspOracle.edge(4, pairs[e][1], pairs[e][0]));
        }
        assertEquals(190, TspOracle.edges(20));
    }

    @Test
    void findsTheCheapestTourAsBruteForceDoes() {
        SplittableRandom rng = new SplittableRandom(2);
        for (int m = 3; m <= 7; m++) {
            MapOracle oracle = Oracles.discover().create("tsp", Map.of("nodes", m));
            int d = TspOracle.edges(m);
            for (int trial = 0; trial < 15; trial++) {
                double[] cost = new double[d];
                double[] theta = new double[d];
                for (int e = 0; e < d; e++) {
                    cost[e] = 1 + 10 * rng.nextDouble();
                    theta[e] = -cost[e];
                }
                double[] z = new double[d];
                oracle.solve(theta, z);
                double tour = 0;
                int ones = 0;
                int[] degree = new int[m];
                for (int i = 0; i < m; i++) {
                    for (int j = i + 1; j < m; j++) {
                        double v = z[TspOracle.edge(m, i, j)];
                        tour += v * cost[TspOracle.edge(m, i, j)];
                        if (v == 1) {
                            ones++;
                            degree[i]++;
                            degree[j]++;
                        }
                    }
                }
                assertEquals(m, ones);
                for (int v = 0; v < m; v++) {
                    assertEquals(2, degree[v], "node " + v);
                }
                assertEquals(bruteForce(m, cost), tour, 1e-6 * tour, "m " + m);
                assertNull(oracle.infeasibility(z));
            }
        }
    }

    @Test
    void twoTrianglesAreNotATour() {
        MapOracle oracle = TspOracle.of(6, 10);
        double[] z = new double[15];
        for (int[] e : new int[][] {{0, 1}, {1, 2}, {0, 2}, {3, 4}, {4, 5}, {3, 5}}) {
            z[TspOracle.edge(6, e[0], e[1])] = 1;
        }
        assertTrue(oracle.infeasibility(z) != null);
    }

    @Test
    void badInputIsNamed() {
        assertEquals("a tour needs at least 3 nodes, got 2",
                assertThrows(IllegalArgumentException.class, () -> TspOracle.of(2, 1)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TspOracle.of(5, 0));
        TspOracle oracle = TspOracle.of(4, 5);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> oracle.solve(new double[] {1, 2, Double.NaN, 0, 0, 0}, new double[6])).getMessage()
                .contains("coordinate 2"));
        assertThrows(IllegalArgumentException.class, () -> oracle.solve(new double[5], new double[6]));
    }
}
