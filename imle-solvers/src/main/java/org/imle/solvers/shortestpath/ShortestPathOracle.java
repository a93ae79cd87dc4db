package org.imle.solvers.shortestpath;

import java.util.Arrays;
import java.util.function.IntFunction;
import org.imle.api.AbstractMapOracle;
import org.imle.api.check.Checks;
import org.jgrapht.Graph;

/**
 * Shortest path from a source node to a target node of a directed multigraph with costs on its
 * edges.
 *
 * <p><b>Encoding.</b> theta and z have one entry per edge, in the order the edges are given.
 * {@code theta = -cost}; z[e] = 1 when the path uses edge e. When source and target coincide the
 * path is empty and z is all zeros. Parallel edges and self-loops are allowed.
 *
 * <p><b>Costs must be non-negative</b>, because the algorithm is Dijkstra's: a negative cost
 * (theta &gt; 0) raises an {@link IllegalArgumentException} naming the edge under the default
 * {@link NegativeCostPolicy#REJECT}, or is raised to {@code minCost} under
 * {@link NegativeCostPolicy#CLAMP}. Use {@link DagShortestPathOracle} for acyclic graphs with
 * negative costs. A target that the source cannot reach makes the constructor throw
 * {@link UnreachableTargetException}.
 *
 * <p><b>Algorithm and complexity.</b> Dijkstra (1959) with a binary heap on primitive arrays,
 * stopping when the target is settled: O((N + M) log N) per solve, no allocation per solve.
 *
 * <p><b>Ties.</b> Nodes are settled in increasing (distance, node index) order and out-edges are
 * scanned in edge order; each node keeps the first edge, in that scan, through which it reaches
 * its final distance.
 *
 * <p>Thread-safe.
 */
public final class ShortestPathOracle extends AbstractMapOracle {

    private final DirectedEdges graph;
    private final int source;
    private final int target;
    private final NegativeCostPolicy policy;
    private final double minCost;
    private final ThreadLocal<Scratch> scratch;
    /** {@link #edgeName} for the policy's errors, made once. */
    private final IntFunction<String> edgeNames = this::edgeName;

    /** Rejects negative costs. */
    public ShortestPathOracle(int nodes, int[][] edges, int source, int target) {
        this(nodes, edges, source, target, NegativeCostPolicy.REJECT, 0.0);
    }

    /**
     * @param nodes N >= 1 nodes, numbered 0..N-1
     * @param edges M pairs {@code [from, to]}; edge e is coordinate e of theta and z
     * @param source the first node of every path
     * @param target the last node of every path
     * @param policy what negative costs do
     * @param minCost the floor {@link NegativeCostPolicy#CLAMP} raises costs to, finite and >= 0
     * @throws UnreachableTargetException if no path leads from source to target
     */
    public ShortestPathOracle(int nodes, int[][] edges, int source, int target, NegativeCostPolicy policy,
            double minCost) {
        this(new DirectedEdges(nodes, edges), source, target, policy, minCost);
    }

    private ShortestPathOracle(DirectedEdges graph, int source, int target, NegativeCostPolicy policy,
            double minCost) {
        super(graph.edges());
        int nodes = graph.nodes;
        this.graph = graph;
        this.source = Checks.between("source", source, 0, nodes - 1);
        this.target = Checks.between("target", target, 0, nodes - 1);
        if (policy == null) {
            throw new IllegalArgumentException("negative cost policy is null");
        }
        this.policy = policy;
        this.minCost = Checks.nonNegative("minCost", minCost);
        if (!graph.reachableFrom(source)[target]) {
            throw new UnreachableTargetException(source, target);
        }
        scratch = ThreadLocal.withInitial(() -> new Scratch(graph.nodes, graph.edges()));
    }

    /**
     * The oracle for a directed JGraphT graph, rejecting negative costs: node i is the i-th vertex
     * of {@code graph.vertexSet()} and edge e, coordinate e of theta and z, the e-th edge of
     * {@code graph.edgeSet()}, in their iteration order. Edge weights are ignored: the costs are
     * {@code -theta}.
     */
    public static <V, E> ShortestPathOracle of(Graph<V, E> graph, V source, V target) {
        JGraphTInput<V, E> in = new JGraphTInput<>(graph, source, target);
        return new ShortestPathOracle(in.nodes, in.edges, in.source, in.target);
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

    public NegativeCostPolicy negativeCostPolicy() {
        return policy;
    }

    @Override
    protected void solveUnchecked(double[] theta, int thetaOffset, double[] z, int zOffset) {
        int m = graph.edges();
        Scratch s = scratch.get();
        double[] cost = s.cost;
        readCosts(theta, thetaOffset, cost);
        double[] dist = s.dist;
        int[] predEdge = s.predEdge;
        IndexedMinHeap heap = s.heap;
        int[] outStart = graph.outStart;
        int[] outEdges = graph.outEdges;
        int[] to = graph.to;
        heap.reset(dist);
        dist[source] = 0.0;
        predEdge[source] = -1;
        heap.insert(source);
        while (!heap.isEmpty()) {
            int u = heap.poll();
            if (u == target) {
                break;
            }
            double du = dist[u];
            for (int i = outStart[u], end = outStart[u + 1]; i < end; i++) {
                int e = outEdges[i];
                int v = to[e];
                int p = heap.position(v);
                if (p == IndexedMinHeap.SETTLED) {
                    continue;
                }
                double nd = du + cost[e];
                if (p == IndexedMinHeap.UNSEEN) {
                    dist[v] = nd;
                    predEdge[v] = e;
                    heap.insert(v);
                } else if (nd < dist[v]) {
                    dist[v] = nd;
                    predEdge[v] = e;
                    heap.decreased(v);
                }
            }
        }
        Arrays.fill(z, zOffset, zOffset + m, 0.0);
        int[] from = graph.from;
        for (int v = target; v != source; v = from[predEdge[v]]) {
            z[zOffset + predEdge[v]] = 1.0;
        }
    }

    private void readCosts(double[] theta, int offset, double[] cost) {
        for (int e = 0; e < cost.length; e++) {
            cost[e] = policy.cost(theta[offset + e], minCost, e, edgeNames,
                    "use the clamp policy, or the DAG oracle on acyclic graphs");
        }
    }

    private String edgeName(int e) {
        return graph.edgeName(e);
    }

    @Override
    protected String describeCoordinate(int coordinate) {
        return graph.edgeName(coordinate);
    }

    /** Feasible z: the edges of a simple directed path from source to target. */
    @Override
    public String infeasibility(double[] z) {
        return graph.pathInfeasibility(z, source, target);
    }

    @Override
    public String toString() {
        return "ShortestPathOracle[" + graph.nodes + " nodes, " + graph.edges() + " edges, " + source
                + " -> " + target + ", " + policy + "]";
    }

    private static final class Scratch {
        final double[] cost;
        final double[] dist;
        final int[] predEdge;
        final IndexedMinHeap heap;

        Scratch(int nodes, int edges) {
            cost = new double[edges];
            dist = new double[nodes];
            predEdge = new int[nodes];
            heap = new IndexedMinHeap(nodes);
        }
    }
}
