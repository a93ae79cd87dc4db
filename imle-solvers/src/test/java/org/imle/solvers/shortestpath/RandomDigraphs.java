package org.imle.solvers.shortestpath;

import java.util.SplittableRandom;
import org.jgrapht.Graph;
import org.jgrapht.graph.DirectedWeightedPseudograph;

/** Random small directed multigraphs, brute-force path enumeration and JGraphT copies for tests. */
final class RandomDigraphs {

    private RandomDigraphs() {
    }

    /** Up to 13 edges between random nodes, with parallel edges and self-loops. */
    static int[][] anyEdges(SplittableRandom rng, int nodes) {
        int[][] edges = new int[rng.nextInt(14)][];
        for (int e = 0; e < edges.length; e++) {
            edges[e] = new int[] {rng.nextInt(nodes), rng.nextInt(nodes)};
        }
        return edges;
    }

    /** Edges that go forward in a random order of the nodes (with parallel edges): a DAG. */
    static int[][] acyclicEdges(SplittableRandom rng, int nodes) {
        int[] rank = new int[nodes];
        for (int i = 0; i < nodes; i++) {
            rank[i] = i;
        }
        for (int i = nodes - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = rank[i];
            rank[i] = rank[j];
            rank[j] = t;
        }
        int count = nodes < 2 ? 0 : rng.nextInt(14);
        int[][] edges = new int[count][];
        for (int e = 0; e < count; e++) {
            int a = rng.nextInt(nodes - 1);
            int b = a + 1 + rng.nextInt(nodes - 1 - a);
            edges[e] = new int[] {rank[a], rank[b]};
        }
        return edges;
    }

    /** The JGraphT graph with edge e as the Integer e and weight cost[e]. */
    static Graph<Integer, Integer> jgrapht(int nodes, int[][] edges, double[] cost) {
        Graph<Integer, Integer> g = new DirectedWeightedPseudograph<>(null, null);
        for (int v = 0; v < nodes; v++) {
            g.addVertex(v);
        }
        for (int e = 0; e < edges.length; e++) {
            g.addEdge(edges[e][0], edges[e][1], e);
            if (cost != null) {
                g.setEdgeWeight(e, cost[e]);
            }
        }
        return g;
    }

    /** The z of the cheapest simple source-target path (first found among equals), or null. */
    static double[] bruteForce(int nodes, int[][] edges, int source, int target, double[] cost) {
        double[] best = {Double.POSITIVE_INFINITY};
        double[][] bestZ = {null};
        boolean[] visited = new boolean[nodes];
        visited[source] = true;
        search(edges, source, target, cost, 0.0, new double[edges.length], visited, best, bestZ);
        return bestZ[0];
    }

    private static void search(int[][] edges, int u, int target, double[] cost, double sofar, double[] z,
            boolean[] visited, double[] best, double[][] bestZ) {
        if (u == target) {
            if (sofar < best[0]) {
                best[0] = sofar;
                bestZ[0] = z.clone();
            }
            return;
        }
        for (int e = 0; e < edges.length; e++) {
            int v = edges[e][1];
            if (edges[e][0] == u && !visited[v]) {
                visited[v] = true;
                z[e] = 1.0;
                search(edges, v, target, cost, sofar + cost[e], z, visited, best, bestZ);
                z[e] = 0.0;
                visited[v] = false;
            }
        }
    }
}
