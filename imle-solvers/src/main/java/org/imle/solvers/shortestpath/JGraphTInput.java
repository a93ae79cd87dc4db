package org.imle.solvers.shortestpath;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jgrapht.Graph;

/**
 * A directed JGraphT graph turned into the index form of the path oracles: node i is the i-th
 * vertex of {@code vertexSet()} and edge e the e-th edge of {@code edgeSet()}, in iteration order.
 */
final class JGraphTInput<V, E> {

    final int nodes;
    final int[][] edges;
    final int source;
    final int target;

    JGraphTInput(Graph<V, E> graph, V source, V target) {
        if (graph == null) {
            throw new IllegalArgumentException("graph is null");
        }
        if (!graph.getType().isDirected()) {
            throw new IllegalArgumentException("the shortest-path oracles need a directed graph");
        }
        List<V> vertices = new ArrayList<>(graph.vertexSet());
        Map<V, Integer> index = new HashMap<>();
        for (int i = 0; i < vertices.size(); i++) {
            index.put(vertices.get(i), i);
        }
        if (!index.containsKey(source)) {
            throw new IllegalArgumentException("source " + source + " is not a vertex of the graph");
        }
        if (!index.containsKey(target)) {
            throw new IllegalArgumentException("target " + target + " is not a vertex of the graph");
        }
        this.nodes = vertices.size();
        this.edges = graph.edgeSet().stream()
                .map(e -> new int[] {index.get(graph.getEdgeSource(e)), index.get(graph.getEdgeTarget(e))})
                .toArray(int[][]::new);
        this.source = index.get(source);
        this.target = index.get(target);
    }
}
