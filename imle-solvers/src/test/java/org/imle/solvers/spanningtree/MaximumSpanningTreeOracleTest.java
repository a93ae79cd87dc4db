package org.imle.solvers.spanningtree;

import static org.imle.solvers.OracleAssertions.dot;
import static org.imle.solvers.OracleAssertions.solveFeasible;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.imle.solvers.OracleAssertions;
import org.jgrapht.Graph;
import org.jgrapht.alg.spanning.KruskalMinimumSpanningTree;
import org.jgrapht.graph.WeightedPseudograph;
import org.junit.jupiter.api.Test;

class MaximumSpanningTreeOracleTest {

    private static int[][] randomEdges(SplittableRandom rng, int nodes) {
        int[][] edges = new int[rng.nextInt(11)][];
        for (int e = 0; e < edges.length; e++) {
            edges[e] = new int[] {rng.nextInt(nodes), rng.nextInt(nodes)};
        }
        return edges;
    }

    private static double[] randomTheta(SplittableRandom rng, int m, boolean ties) {
        double[] theta = new double[m];
        for (int e = 0; e < m; e++) {
            theta[e] = ties ? rng.nextInt(3) - 1 : rng.nextGaussian();
        }
        return theta;
    }

    /** JGraphT's Kruskal minimum spanning forest on weights -theta, as a 0/1 edge vector. */
    private static double[] jgraphtForest(int nodes, int[][] edges, double[] theta) {
        Graph<Integer, Integer> g = new WeightedPseudograph<>(null, null);
        for (int v = 0; v < nodes; v++) {
            g.addVertex(v);
        }
        for (int e = 0; e < edges.length; e++) {
            g.addEdge(edges[e][0], edges[e][1], e);
            g.setEdgeWeight(e, -theta[e]);
        }
        double[] z = new double[edges.length];
        for (int e : new KruskalMinimumSpanningTree<>(g).getSpanningTree().getEdges()) {
            z[e] = 1.0;
        }
        return z;
    }

    /** The best weight over all acyclic edge subsets of the forest size. */
    private static double bruteForce(MaximumSpanningTreeOracle oracle, double[] theta) {
        int m = theta.length;
        double best = Double.NEGATIVE_INFINITY;
        double[] z = new double[m];
        for (int mask = 0; mask < (1 << m); mask++) {
            if (Integer.bitCount(mask) != oracle.forestSize()) {
                continue;
            }
            for (int e = 0; e < m; e++) {
                z[e] = (mask >>> e) & 1;
            }
            if (oracle.infeasibility(z) == null) {
                best = Math.max(best, dot(z, theta));
            }
        }
        return best;
    }

    @Test
    void equalsJGraphTKruskalAndBruteForceIncludingTiesAndForests() {
        SplittableRandom rng = new SplittableRandom(41);
        int disconnected = 0;
        for (int trial = 0; trial < 1500; trial++) {
            int nodes = 1 + rng.nextInt(6);
            int[][] edges = randomEdges(rng, nodes);
            MaximumSpanningTreeOracle oracle = new MaximumSpanningTreeOracle(nodes, edges);
            disconnected += oracle.connected() ? 0 : 1;
            double[] theta = randomTheta(rng, edges.length, trial % 2 == 1);
            double[] z = solveFeasible(oracle, theta);
            // JGraphT sorts edges stably, in insertion order, so even the tie-breaking agrees
            assertArrayEquals(jgraphtForest(nodes, edges, theta), z);
            assertEquals(bruteForce(oracle, theta), dot(z, theta), 1e-9);
        }
        assertTrue(disconnected > 100, "the generator should also produce disconnected graphs");
    }

    @Test
    void largerGraphsMatchJGraphT() {
        SplittableRandom rng = new SplittableRandom(42);
        for (int trial = 0; trial < 30; trial++) {
            int nodes = 50;
            int[][] edges = new int[200 + rng.nextInt(200)][];
            for (int e = 0; e < edges.length; e++) {
                edges[e] = new int[] {rng.nextInt(nodes), rng.nextInt(nodes)};
            }
            double[] theta = randomTheta(rng, edges.length, trial % 2 == 0);
            MaximumSpanningTreeOracle oracle = new MaximumSpanningTreeOracle(nodes, edges);
            assertArrayEquals(jgraphtForest(nodes, edges, theta), solveFeasible(oracle, theta));
        }
    }

    @Test
    void degenerateGraphs() {
        MaximumSpanningTreeOracle single = new MaximumSpanningTreeOracle(1, new int[0][]);
        assertEquals(0, single.dimension());
        assertTrue(single.connected());
        MaximumSpanningTreeOracle loop = new MaximumSpanningTreeOracle(1, new int[][] {{0, 0}});
        assertArrayEquals(new double[] {0}, solveFeasible(loop, new double[] {4}));
        MaximumSpanningTreeOracle forest = new MaximumSpanningTreeOracle(4, new int[][] {{0, 1}, {2, 3}, {0, 1}});
        assertFalse(forest.connected());
        assertEquals(2, forest.forestSize());
        assertArrayEquals(new double[] {0, 1, 1}, solveFeasible(forest, new double[] {-1, -5, 2}));
    }

    @Test
    void rejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new MaximumSpanningTreeOracle(0, new int[0][]));
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> new MaximumSpanningTreeOracle(2, new int[][] {{0, 1}, {1, 2}}));
        assertTrue(range.getMessage().contains("edge 1 v"), range.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new MaximumSpanningTreeOracle(2, new int[][] {{0}}));
        MaximumSpanningTreeOracle oracle = new MaximumSpanningTreeOracle(3, new int[][] {{0, 1}, {1, 2}});
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> oracle.solve(new double[] {1, Double.NaN}, new double[2]));
        assertTrue(nan.getMessage().contains("coordinate 1 (edge 1 between nodes 1 and 2)"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> oracle.solve(new double[3], new double[2]));
    }

    @Test
    void infeasibilityRecognisesForests() {
        MaximumSpanningTreeOracle oracle =
                new MaximumSpanningTreeOracle(3, new int[][] {{0, 1}, {1, 2}, {2, 0}, {0, 0}});
        assertNull(oracle.infeasibility(new double[] {1, 1, 0, 0}));
        assertNotNull(oracle.infeasibility(new double[] {1, 0, 0, 0}));
        assertNotNull(oracle.infeasibility(new double[] {1, 1, 1, 0}));
        assertNotNull(oracle.infeasibility(new double[] {1, 0, 0, 1}));
    }

    @Test
    void concurrentSolvesEqualSequentialOnes() throws Exception {
        SplittableRandom rng = new SplittableRandom(43);
        int[][] edges = new int[200][];
        for (int e = 0; e < edges.length; e++) {
            edges[e] = new int[] {rng.nextInt(40), rng.nextInt(40)};
        }
        MaximumSpanningTreeOracle oracle = new MaximumSpanningTreeOracle(40, edges);
        List<double[]> thetas = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            thetas.add(randomTheta(rng, edges.length, i % 2 == 0));
        }
        OracleAssertions.assertConcurrentEqualsSequential(oracle, thetas);
    }
}
