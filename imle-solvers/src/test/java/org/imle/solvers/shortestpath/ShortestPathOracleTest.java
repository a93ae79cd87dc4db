package org.imle.solvers.shortestpath;

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
import java.util.SplittableRandom;
import org.imle.solvers.OracleAssertions;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.DefaultEdge;
import org.jgrapht.graph.DirectedPseudograph;
import org.jgrapht.graph.Pseudograph;
import org.junit.jupiter.api.Test;

class ShortestPathOracleTest {

    private static double[] randomTheta(SplittableRandom rng, int m, boolean ties) {
        double[] theta = new double[m];
        for (int e = 0; e < m; e++) {
            theta[e] = ties ? -rng.nextInt(3) : -(1.0 - rng.nextDouble());
        }
        return theta;
    }

    private static double[] negate(double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = -a[i];
        }
        return out;
    }

    @Test
    void equalsBruteForceAndJGraphTOnRandomMultigraphs() {
        SplittableRandom rng = new SplittableRandom(21);
        int solved = 0;
        int unreachable = 0;
        while (solved < 1500) {
            int nodes = 1 + rng.nextInt(6);
            int[][] edges = RandomDigraphs.anyEdges(rng, nodes);
            int source = rng.nextInt(nodes);
            int target = rng.nextInt(nodes);
            boolean reachable = new DijkstraShortestPath<>(RandomDigraphs.jgrapht(nodes, edges, null))
                    .getPath(source, target) != null;
            if (!reachable) {
                UnreachableTargetException e = assertThrows(UnreachableTargetException.class,
                        () -> new ShortestPathOracle(nodes, edges, source, target));
                assertEquals(target, e.target());
                unreachable++;
                continue;
            }
            ShortestPathOracle oracle = new ShortestPathOracle(nodes, edges, source, target);
            boolean ties = solved % 2 == 1;
            double[] theta = randomTheta(rng, edges.length, ties);
            double[] cost = negate(theta);
            double[] z = solveFeasible(oracle, theta);
            double[] brute = RandomDigraphs.bruteForce(nodes, edges, source, target, cost);
            GraphPath<Integer, Integer> reference =
                    new DijkstraShortestPath<>(RandomDigraphs.jgrapht(nodes, edges, cost)).getPath(source, target);
            assertEquals(reference.getWeight(), -dot(z, theta), 1e-9);
            if (ties) {
                assertEquals(dot(brute, theta), dot(z, theta), 1e-9);
            } else {
                assertArrayEquals(brute, z);
            }
            solved++;
        }
        assertTrue(unreachable > 100, "the generator should also produce unreachable targets");
    }

    @Test
    void degenerateGraphs() {
        ShortestPathOracle empty = new ShortestPathOracle(1, new int[0][], 0, 0);
        assertEquals(0, empty.dimension());
        solveFeasible(empty, new double[0]);
        ShortestPathOracle loop = new ShortestPathOracle(1, new int[][] {{0, 0}}, 0, 0);
        assertArrayEquals(new double[] {0}, solveFeasible(loop, new double[] {-1}));
        ShortestPathOracle parallel = new ShortestPathOracle(2, new int[][] {{0, 1}, {0, 1}}, 0, 1);
        assertArrayEquals(new double[] {1, 0}, solveFeasible(parallel, new double[] {-2, -2}));
        assertArrayEquals(new double[] {0, 1}, solveFeasible(parallel, new double[] {-2, -1}));
    }

    @Test
    void buildsFromAJGraphTGraph() {
        Graph<String, DefaultEdge> g = new DirectedPseudograph<>(DefaultEdge.class);
        g.addVertex("a");
        g.addVertex("b");
        g.addVertex("c");
        g.addEdge("a", "b");
        g.addEdge("b", "c");
        g.addEdge("a", "c");
        ShortestPathOracle oracle = ShortestPathOracle.of(g, "a", "c");
        assertArrayEquals(new double[] {1, 1, 0}, solveFeasible(oracle, new double[] {-1, -1, -3}));
        assertArrayEquals(new double[] {0, 0, 1}, solveFeasible(oracle, new double[] {-1, -1, -1.5}));
        assertThrows(IllegalArgumentException.class, () -> ShortestPathOracle.of(g, "a", "z"));
        DagShortestPathOracle dag = DagShortestPathOracle.of(g, "a", "c");
        assertArrayEquals(new double[] {1, 1, 0}, solveFeasible(dag, new double[] {2, -1, -3}));
        Graph<String, DefaultEdge> undirected = new Pseudograph<>(DefaultEdge.class);
        undirected.addVertex("a");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShortestPathOracle.of(undirected, "a", "a"));
        assertTrue(e.getMessage().contains("directed"), e.getMessage());
    }

    @Test
    void rejectsNegativeCostsNamingTheEdgeUnlessClamping() {
        int[][] edges = {{0, 1}, {1, 2}, {0, 2}};
        ShortestPathOracle rejecting = new ShortestPathOracle(3, edges, 0, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> rejecting.solve(new double[] {-1, 0.5, -3}, new double[3]));
        assertTrue(e.getMessage().contains("coordinate 1 (edge 1 from node 1 to node 2)"), e.getMessage());
        ShortestPathOracle clamping = new ShortestPathOracle(3, edges, 0, 2, NegativeCostPolicy.CLAMP, 0.0);
        // clamped costs 1, 0, 3: the two-edge path costs 1
        assertArrayEquals(new double[] {1, 1, 0}, solveFeasible(clamping, new double[] {-1, 0.5, -3}));
    }

    @Test
    void rejectsBadInput() {
        ShortestPathOracle oracle = new ShortestPathOracle(2, new int[][] {{0, 1}, {1, 0}}, 0, 1);
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> oracle.solve(new double[] {-1, Double.NaN}, new double[2]));
        assertTrue(nan.getMessage().contains("coordinate 1"), nan.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> oracle.solve(new double[] {Double.NEGATIVE_INFINITY, -1}, new double[2]));
        assertThrows(IllegalArgumentException.class, () -> oracle.solve(new double[3], new double[2]));
        IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
                () -> new ShortestPathOracle(2, new int[][] {{0, 2}}, 0, 1));
        assertTrue(range.getMessage().contains("edge 0 to"), range.getMessage());
        IllegalArgumentException pair = assertThrows(IllegalArgumentException.class,
                () -> new ShortestPathOracle(2, new int[][] {{0, 1}, {1}}, 0, 1));
        assertTrue(pair.getMessage().contains("edge 1"), pair.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ShortestPathOracle(2, new int[][] {{0, 1}}, 0, 2));
        assertThrows(IllegalArgumentException.class, () -> new ShortestPathOracle(0, new int[0][], 0, 0));
        assertThrows(UnreachableTargetException.class, () -> new ShortestPathOracle(2, new int[][] {{1, 0}}, 0, 1));
    }

    @Test
    void infeasibilityRecognisesPaths() {
        ShortestPathOracle oracle = new ShortestPathOracle(3, new int[][] {{0, 1}, {1, 2}, {0, 2}, {2, 0}}, 0, 2);
        assertNull(oracle.infeasibility(new double[] {1, 1, 0, 0}));
        assertNull(oracle.infeasibility(new double[] {0, 0, 1, 0}));
        assertNotNull(oracle.infeasibility(new double[] {1, 0, 0, 0}));
        assertNotNull(oracle.infeasibility(new double[] {1, 1, 1, 0}));
        assertNotNull(oracle.infeasibility(new double[] {0, 0, 1, 1}));
        assertNotNull(oracle.infeasibility(new double[] {0, 0, 0, 0}));
    }

    @Test
    void concurrentSolvesEqualSequentialOnes() throws Exception {
        SplittableRandom rng = new SplittableRandom(22);
        int nodes = 40;
        int[][] edges = new int[300][];
        for (int e = 0; e < edges.length; e++) {
            edges[e] = e < nodes - 1 ? new int[] {e, e + 1} : new int[] {rng.nextInt(nodes), rng.nextInt(nodes)};
        }
        ShortestPathOracle oracle = new ShortestPathOracle(nodes, edges, 0, nodes - 1);
        List<double[]> thetas = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            thetas.add(randomTheta(rng, edges.length, i % 2 == 0));
        }
        OracleAssertions.assertConcurrentEqualsSequential(oracle, thetas);
    }
}
