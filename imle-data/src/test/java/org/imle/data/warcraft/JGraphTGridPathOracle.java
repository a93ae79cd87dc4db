package org.imle.data.warcraft;

import java.util.Arrays;
import org.imle.api.AbstractMapOracle;
import org.jgrapht.Graph;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleDirectedWeightedGraph;

/**
 * Test-only reference shortest-path oracle on the K x K 8-neighbour grid with vertex costs
 * {@code c = -theta}: JGraphT's Dijkstra on a directed graph whose edge u -> v weighs c(v), from
 * the top-left to the bottom-right cell; z marks the cells of the path. Builds the graph on every
 * call, O(K^2 log K) per solve: slow but obviously right.
 */
public final class JGraphTGridPathOracle extends AbstractMapOracle {

    private final int k;

    public JGraphTGridPathOracle(int k) {
        super(k * k);
        this.k = k;
    }

    @Override
    protected void solveUnchecked(double[] theta, int t, double[] z, int o) {
        Graph<Integer, DefaultWeightedEdge> g =
                new SimpleDirectedWeightedGraph<>(DefaultWeightedEdge.class);
        for (int v = 0; v < k * k; v++) {
            g.addVertex(v);
        }
        for (int r = 0; r < k; r++) {
            for (int c = 0; c < k; c++) {
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        int r2 = r + dr;
                        int c2 = c + dc;
                        if ((dr != 0 || dc != 0) && r2 >= 0 && r2 < k && c2 >= 0 && c2 < k) {
                            DefaultWeightedEdge e = g.addEdge(r * k + c, r2 * k + c2);
                            g.setEdgeWeight(e, -theta[t + r2 * k + c2]);
                        }
                    }
                }
            }
        }
        GraphPath<Integer, DefaultWeightedEdge> path =
                new DijkstraShortestPath<>(g).getPath(0, k * k - 1);
        Arrays.fill(z, o, o + k * k, 0);
        for (int v : path.getVertexList()) {
            z[o + v] = 1;
        }
    }

    @Override
    public String toString() {
        return "JGraphTGridPathOracle[" + k + "]";
    }
}
