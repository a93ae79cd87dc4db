package org.imle.solvers.shortestpath;

import java.util.Arrays;
import org.imle.api.AbstractMapOracle;
import org.imle.api.check.Checks;
import org.jgrapht.Graph;

/**
 * Shortest path from a source node to a target node of a directed acyclic multigraph with costs on
 * its edges, which may be negative (so this is also the longest path for the costs -c).
 *
 * <p><b>Encoding.</b> As {@link ShortestPathOracle}: one theta and z entry per edge in the order
 * given, {@code theta = -cost}, z[e] = 1 when the path uses edge e; all zeros when source equals
 * target. NaN and infinite theta are rejected; any finite theta is allowed.
 *
 * <p><b>Algorithm and complexity.</b> Dynamic programming in topological order (the textbook
 * DAG shortest path, e.g. Cormen et al., Introduction to Algorithms, 24.2): the order, restricted
 * to the nodes that the source reaches and cut at the target, is computed once when the oracle is
 * built; a solve relaxes each such node's in-edges once, O(N + M), with no allocation. A directed
 * cycle makes the constructor throw an {@link IllegalArgumentException} naming a node on it, and
 * an unreachable target an {@link UnreachableTargetException}.
 *
 * <p><b>Ties.</b> Each node's predecessor is its lowest-index in-edge that attains its shortest
 * distance.
 *
 * <p>Thread-safe.
 */
public final class DagShortestPathOracle extends AbstractMapOracle {

    private final DirectedEdges graph;
    private final int source;
    private final int target;
    /** Nodes strictly after the source, in topological order, up to and including the target. */
    private final int[] order;
    /** In-edges from reached nodes of {@code order[i]}: {@code inEdges[inStart[i] .. inStart[i + 1])}. */
    private final int[] inStart;
    private final int[] inEdges;
    private final ThreadLocal<Scratch> scratch;

    /**
     * @param nodes N >= 1 nodes, numbered 0..N-1
     * @param edges M pairs {@code [from, to]} forming no directed cycle; edge e is coordinate e
     * @param source the first node of every path
     * @param target the last node of every path
     * @throws UnreachableTargetException if no path leads from source to target
     */
    public DagShortestPathOracle(int nodes, int[][] edges, int source, int target) {
        this(new DirectedEdges(nodes, edges), source, target);
    }

    private DagShortestPathOracle(DirectedEdges graph, int source, int target) {
        super(graph.edges());
        int nodes = graph.nodes;
        this.graph = graph;
        this.source = Checks.between("source", source, 0, nodes - 1);
        this.target = Checks.between("target", target, 0, nodes - 1);
        int[] topological = topologicalOrder(graph);
        boolean[] reached = graph.reachableFrom(source);
        if (!reached[target]) {
            throw new UnreachableTargetException(source, target);
        }
        int[] orderBuffer = new int[nodes];
        int[] startBuffer = new int[nodes + 1];
        int[] edgeBuffer = new int[graph.edges()];
        int count = 0;
        int edgeCount = 0;
        boolean started = false;
        for (int v : topological) {
            if (v == source) {
                started = true;
                if (source == target) {
                    break;
                }
                continue;
            }
            if (!started || !reached[v]) {
                continue;
            }
            startBuffer[count] = edgeCount;
            orderBuffer[count++] = v;
            for (int i = graph.inStart[v]; i < graph.inStart[v + 1]; i++) {
                int e = graph.inEdges[i];
                if (reached[graph.from[e]]) {
                    edgeBuffer[edgeCount++] = e;
                }
            }
            if (v == target) {
                break;
            }
        }
        startBuffer[count] = edgeCount;
        order = Arrays.copyOf(orderBuffer, count);
        inStart = Arrays.copyOf(startBuffer, count + 1);
        inEdges = Arrays.copyOf(edgeBuffer, edgeCount);
        scratch = ThreadLocal.withInitial(() -> new Scratch(nodes));
    }

    /**
     * The oracle for a directed acyclic JGraphT graph, indexed as in
     * {@link ShortestPathOracle#of(Graph, Object, Object)}; edge weights are ignored.
     */
    public static <V, E> DagShortestPathOracle of(Graph<V, E> graph, V source, V target) {
        JGraphTInput<V, E> in = new JGraphTInput<>(graph, source, target);
        return new DagShortestPathOracle(in.nodes, in.edges, in.source, in.target);
    }

    /** Kahn's algorithm; throws naming a node on a directed cycle if there is one. */
    private static int[] topologicalOrder(DirectedEdges g) {
        int[] indegree = new int[g.nodes];
        for (int v : g.to) {
            indegree[v]++;
        }
        int[] queue = new int[g.nodes];
        int head = 0;
        int tail = 0;
        for (int v = 0; v < g.nodes; v++) {
            if (indegree[v] == 0) {
                queue[tail++] = v;
            }
        }
        while (head < tail) {
            int u = queue[head++];
            for (int i = g.outStart[u]; i < g.outStart[u + 1]; i++) {
                int v = g.to[g.outEdges[i]];
                if (--indegree[v] == 0) {
                    queue[tail++] = v;
                }
            }
        }
        if (tail < g.nodes) {
            // walk backwards through unsorted nodes: every one has an unsorted predecessor,
            // so the walk must return to a node it has seen, which lies on a cycle
            boolean[] seen = new boolean[g.nodes];
            int v = 0;
            while (indegree[v] == 0) {
                v++;
            }
            while (!seen[v]) {
                seen[v] = true;
                for (int i = g.inStart[v]; i < g.inStart[v + 1]; i++) {
                    int u = g.from[g.inEdges[i]];
                    if (indegree[u] > 0) {
                        v = u;
                        break;
                    }
                }
            }
            throw new IllegalArgumentException("edges contain a directed cycle through node " + v
                    + "; the DAG shortest-path oracle needs an acyclic graph");
        }
        return queue;
    }

    public int nodes() {
        return graph.nodes;
    }

    public int source() {
        return source;
    }

    public int target() {
        return target;
    }

    @Override
    protected void solveUnchecked(double[] theta, int thetaOffset, double[] z, int zOffset) {
        int m = graph.edges();
        Scratch s = scratch.get();
        double[] dist = s.dist;
        int[] predEdge = s.predEdge;
        int[] from = graph.from;
        dist[source] = 0.0;
        for (int i = 0; i < order.length; i++) {
            int v = order[i];
            int bestEdge = -1;
            // maximise -cost, i.e. minimise distance: the first strictly better edge wins
            double best = 0.0;
            for (int j = inStart[i], end = inStart[i + 1]; j < end; j++) {
                int e = inEdges[j];
                double d = dist[from[e]] - theta[thetaOffset + e];
                if (bestEdge < 0 || d < best) {
                    best = d;
                    bestEdge = e;
                }
            }
            dist[v] = best;
            predEdge[v] = bestEdge;
        }
        Arrays.fill(z, zOffset, zOffset + m, 0.0);
        for (int v = target; v != source; v = from[predEdge[v]]) {
            z[zOffset + predEdge[v]] = 1.0;
        }
    }

    @Override
    protected String describeCoordinate(int coordinate) {
        return graph.edgeName(coordinate);
    }

    /** Feasible z: the edges of a directed path from source to target. */
    @Override
    public String infeasibility(double[] z) {
        return graph.pathInfeasibility(z, source, target);
    }

    @Override
    public String toString() {
        return "DagShortestPathOracle[" + graph.nodes + " nodes, " + graph.edges() + " edges, " + source
                + " -> " + target + "]";
    }

    private static final class Scratch {
        final double[] dist;
        final int[] predEdge;

        Scratch(int nodes) {
            dist = new double[nodes];
            predEdge = new int[nodes];
        }
    }
}
