package org.imle.solvers.shortestpath;

import org.imle.api.check.Checks;
import org.imle.solvers.BinaryVectors;

/**
 * A validated directed multigraph on nodes 0..N-1 with edges indexed in the order given, stored as
 * compressed out- and in-adjacency lists (edge ids ascending within each list). Shared by the
 * general and the DAG shortest-path oracles; immutable.
 */
final class DirectedEdges {

    final int nodes;
    final int[] from;
    final int[] to;
    /** Out-edges of node u: {@code outEdges[outStart[u] .. outStart[u + 1])}. */
    final int[] outStart;
    final int[] outEdges;
    /** In-edges of node v: {@code inEdges[inStart[v] .. inStart[v + 1])}. */
    final int[] inStart;
    final int[] inEdges;

    DirectedEdges(int nodes, int[][] edges) {
        this.nodes = Checks.atLeast("nodes", nodes, 1);
        if (edges == null) {
            throw new IllegalArgumentException("edges is null");
        }
        int m = edges.length;
        from = new int[m];
        to = new int[m];
        for (int e = 0; e < m; e++) {
            int[] edge = edges[e];
            if (edge == null || edge.length != 2) {
                throw new IllegalArgumentException("edge " + e + " must be a pair [from, to]");
            }
            from[e] = Checks.between("edge " + e + " from", edge[0], 0, nodes - 1);
            to[e] = Checks.between("edge " + e + " to", edge[1], 0, nodes - 1);
        }
        outStart = new int[nodes + 1];
        inStart = new int[nodes + 1];
        outEdges = new int[m];
        inEdges = new int[m];
        fill(from, outStart, outEdges);
        fill(to, inStart, inEdges);
    }

    /** Counting sort of the edge ids by one endpoint; keeps ids ascending within each node. */
    private void fill(int[] endpoint, int[] start, int[] list) {
        for (int e = 0; e < endpoint.length; e++) {
            start[endpoint[e] + 1]++;
        }
        for (int v = 0; v < nodes; v++) {
            start[v + 1] += start[v];
        }
        int[] next = start.clone();
        for (int e = 0; e < endpoint.length; e++) {
            list[next[endpoint[e]]++] = e;
        }
    }

    int edges() {
        return from.length;
    }

    /** Edge e as error messages name it. */
    String edgeName(int e) {
        return "edge " + e + " from node " + from[e] + " to node " + to[e];
    }

    /** The nodes reachable from {@code source} along the edges (source included). */
    boolean[] reachableFrom(int source) {
        boolean[] seen = new boolean[nodes];
        int[] stack = new int[nodes];
        int top = 0;
        seen[source] = true;
        stack[top++] = source;
        while (top > 0) {
            int u = stack[--top];
            for (int i = outStart[u]; i < outStart[u + 1]; i++) {
                int v = to[outEdges[i]];
                if (!seen[v]) {
                    seen[v] = true;
                    stack[top++] = v;
                }
            }
        }
        return seen;
    }

    /**
     * Explains why z is not the edge set of a simple directed path from source to target (the
     * empty set when they coincide), or returns {@code null}.
     */
    String pathInfeasibility(double[] z, int source, int target) {
        String binary = BinaryVectors.infeasibility(z, edges());
        if (binary != null) {
            return binary;
        }
        int selected = 0;
        for (double v : z) {
            selected += (int) v;
        }
        boolean[] visited = new boolean[nodes];
        visited[source] = true;
        int u = source;
        int walked = 0;
        while (u != target) {
            int next = -1;
            for (int i = outStart[u]; i < outStart[u + 1]; i++) {
                int e = outEdges[i];
                if (z[e] == 1.0) {
                    if (next >= 0) {
                        return "node " + u + " has two selected out-edges, " + next + " and " + e;
                    }
                    next = e;
                }
            }
            if (next < 0) {
                return "the selected edges stop at node " + u + " before reaching target " + target;
            }
            walked++;
            u = to[next];
            if (visited[u]) {
                return "the selected edges revisit node " + u;
            }
            visited[u] = true;
        }
        return walked == selected ? null
                : (selected - walked) + " selected edges are not on the path from " + source + " to "
                        + target;
    }
}
