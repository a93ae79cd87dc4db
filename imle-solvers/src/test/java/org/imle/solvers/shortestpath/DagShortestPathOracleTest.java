package org.imle.solvers.shortestpath;

import static org.imle.solvers.OracleAssertions.dot;
import static org.imle.solvers.OracleAssertions.solveFeasible;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.imle.solvers.OracleAssertions;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.shortestpath.BellmanFordShortestPath;
import org.junit.jupiter.api.Test;

class DagShortestPathOracleTest {

    /** Costs of both signs: continuous, or in {-1, 0, 1} for ties. */
    private static double[] randomTheta(SplittableRandom rng, int m, boolean ties) {
        double[] theta = new double[m];
        for (int e = 0; e < m; e++) {
            theta[e] = ties ? rng.nextInt(3) - 1 : rng.nextGaussian();
        }
        return theta;
    }

    @Test
    void equalsBruteForceAndBellmanFordWithNegativeCosts() {
        SplittableRandom rng = new SplittableRandom(31);
        int solved = 0;
        while (solved < 1500) {
            int nodes = 1 + rng.nextInt(7);
            int[][] edges = RandomDigraphs.acyclicEdges(rng, nodes);
            int source = rng.nextInt(nodes);
            int target = rng.nextInt(nodes);
            double[] theta = randomTheta(rng, edges.length, solved % 2 == 1);
            double[] cost = new double[theta.length];
            for (int e = 0; e < cost.length; e++) {
                cost[e] = -theta[e];
            }
            double[] brute = RandomDigraphs.bruteForce(nodes, edges, source, target, cost);
            if (brute == null) {
                assertThrows(UnreachableTargetException.class,
                        () -> new DagShortestPathOracle(nodes, edges, source, target));
                continue;
            }
            DagShortestPathOracle oracle = new DagShortestPathOracle(nodes, edges, source, target);
            double[] z = solveFeasible(oracle, theta);
            GraphPath<Integer, Integer> reference = new BellmanFordShortestPath<>(
                    RandomDigraphs.jgrapht(nodes, edges, cost)).getPath(source, target);
            assertEquals(reference.getWeight(), -dot(z, theta), 1e-9);
            if (solved % 2 == 1) {
                assertEquals(dot(brute, theta), dot(z, theta), 1e-9);
            } else {
                assertArrayEquals(brute, z);
            }
            solved++;
        }
    }

    @Test
    void tiesGoToTheLowestIndexInEdge() {
        DagShortestPathOracle oracle = new DagShortestPathOracle(3,
                new int[][] {{0, 2}, {0, 1}, {1, 2}, {0, 2}}, 0, 2);
        assertArrayEquals(new double[] {1, 0, 0, 0}, solveFeasible(oracle, new double[] {-2, -1, -1, -2}));
        assertArrayEquals(new double[] {0, 0, 0, 1}, solveFeasible(oracle, new double[] {-2, -1, -1, -1.5}));
        assertArrayEquals(new double[] {0, 1, 1, 0}, solveFeasible(oracle, new double[] {-2, 3, -1, -2}));
    }

    @Test
    void degenerateGraphs() {
        DagShortestPathOracle single = new DagShortestPathOracle(1, new int[0][], 0, 0);
        assertEquals(0, single.dimension());
        solveFeasible(single, new double[0]);
        DagShortestPathOracle same = new DagShortestPathOracle(2, new int[][] {{0, 1}}, 1, 1);
        assertArrayEquals(new double[] {0}, solveFeasible(same, new double[] {5}));
    }

    @Test
    void rejectsCyclesUnreachableTargetsAndNonFiniteTheta() {
        IllegalArgumentException cycle = assertThrows(IllegalArgumentException.class,
                () -> new DagShortestPathOracle(4, new int[][] {{0, 1}, {1, 2}, {2, 3}, {3, 1}}, 0, 3));
        assertTrue(cycle.getMessage().matches(".*directed cycle through node [123];.*"), cycle.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new DagShortestPathOracle(1, new int[][] {{0, 0}}, 0, 0));
        UnreachableTargetException unreachable = assertThrows(UnreachableTargetException.class,
                () -> new DagShortestPathOracle(3, new int[][] {{0, 1}, {2, 1}}, 0, 2));
        assertTrue(unreachable.getMessage().contains("target node 2"));
        DagShortestPathOracle oracle = new DagShortestPathOracle(2, new int[][] {{0, 1}, {0, 1}}, 0, 1);
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> oracle.solve(new double[] {1, Double.POSITIVE_INFINITY}, new double[2]));
        assertTrue(nan.getMessage().contains("coordinate 1 (edge 1 from node 0 to node 1)"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> oracle.solve(new double[1], new double[2]));
    }

    @Test
    void concurrentSolvesEqualSequentialOnes() throws Exception {
        SplittableRandom rng = new SplittableRandom(32);
        int nodes = 30;
        List<int[]> edgeList = new ArrayList<>();
        for (int u = 0; u < nodes; u++) {
            for (int v = u + 1; v < nodes; v++) {
                if (v == u + 1 || rng.nextInt(4) == 0) {
                    edgeList.add(new int[] {u, v});
                }
            }
        }
        int[][] edges = edgeList.toArray(new int[0][]);
        DagShortestPathOracle oracle = new DagShortestPathOracle(nodes, edges, 0, nodes - 1);
        List<double[]> thetas = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            thetas.add(randomTheta(rng, edges.length, i % 2 == 0));
        }
        OracleAssertions.assertConcurrentEqualsSequential(oracle, thetas);
    }
}
