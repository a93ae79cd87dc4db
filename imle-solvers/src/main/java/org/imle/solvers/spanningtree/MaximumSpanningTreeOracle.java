package org.imle.solvers.spanningtree;

import java.util.Arrays;
import org.imle.api.AbstractMapOracle;
import org.imle.api.check.Checks;
import org.imle.solvers.BinaryVectors;

/**
 * Maximum-weight spanning tree of an undirected multigraph, or, when the graph is disconnected, a
 * maximum-weight spanning forest (one spanning tree per connected component).
 *
 * <p><b>Encoding.</b> theta and z have one entry per edge, in the order the edges are given;
 * theta[e] is the weight of edge e and z[e] = 1 when the tree uses it. Any finite weight is
 * allowed. Self-loops are never selected; parallel edges are allowed.
 *
 * <p><b>Algorithm and complexity.</b> Kruskal's algorithm (Kruskal 1956): edges sorted by
 * decreasing weight (merge sort on a per-thread index array), added when they join two components
 * of a union-find forest with path halving and union by size. O(M log M) per solve, no allocation.
 * JGraphT's {@code KruskalMinimumSpanningTree} on the negated weights is the reference in tests.
 *
 * <p><b>Ties.</b> Edges of equal weight are considered in increasing edge index, so among the
 * maximum forests the one returned is the greedy choice in the order (weight descending, index
 * ascending).
 *
 * <p>Thread-safe.
 */
public final class MaximumSpanningTreeOracle extends AbstractMapOracle {

    private final int nodes;
    private final int[] endpointA;
    private final int[] endpointB;
    /** The number of edges of every spanning forest: nodes minus connected components. */
    private final int forestSize;
    private final ThreadLocal<Scratch> scratch;

    /**
     * @param nodes N >= 1 nodes, numbered 0..N-1
     * @param edges M pairs {@code [u, v]}; edge e is coordinate e of theta and z
     */
    public MaximumSpanningTreeOracle(int nodes, int[][] edges) {
        super(edgeCount(nodes, edges));
        this.nodes = nodes;
        int m = edges.length;
        endpointA = new int[m];
        endpointB = new int[m];
        for (int e = 0; e < m; e++) {
            if (edges[e] == null || edges[e].length != 2) {
                throw new IllegalArgumentException("edge " + e + " must be a pair [u, v]");
            }
            endpointA[e] = Checks.between("edge " + e + " u", edges[e][0], 0, nodes - 1);
            endpointB[e] = Checks.between("edge " + e + " v", edges[e][1], 0, nodes - 1);
        }
        int[] parent = new int[nodes];
        int[] size = new int[nodes];
        reset(parent, size);
        int joined = 0;
        for (int e = 0; e < m; e++) {
            if (union(parent, size, endpointA[e], endpointB[e])) {
                joined++;
            }
        }
        forestSize = joined;
        scratch = ThreadLocal.withInitial(() -> new Scratch(nodes, m));
    }

    private static int edgeCount(int nodes, int[][] edges) {
        Checks.atLeast("nodes", nodes, 1);
        if (edges == null) {
            throw new IllegalArgumentException("edges is null");
        }
        return edges.length;
    }

    public int nodes() {
        return nodes;
    }

    /** Edges in every spanning forest: N - 1 when the graph is connected. */
    public int forestSize() {
        return forestSize;
    }

    /** True when the graph is connected, so that the result is a spanning tree. */
    public boolean connected() {
        return forestSize == nodes - 1;
    }

    @Override
    protected void solveUnchecked(double[] theta, int thetaOffset, double[] z, int zOffset) {
        int m = endpointA.length;
        Scratch s = scratch.get();
        int[] order = s.order;
        for (int e = 0; e < m; e++) {
            order[e] = e;
        }
        sortByWeight(theta, thetaOffset, order, s.buffer, m);
        reset(s.parent, s.size);
        Arrays.fill(z, zOffset, zOffset + m, 0.0);
        int added = 0;
        for (int i = 0; i < m && added < forestSize; i++) {
            int e = order[i];
            if (union(s.parent, s.size, endpointA[e], endpointB[e])) {
                z[zOffset + e] = 1.0;
                added++;
            }
        }
    }

    @Override
    protected String describeCoordinate(int e) {
        return "edge " + e + " between nodes " + endpointA[e] + " and " + endpointB[e];
    }

    /** Bottom-up merge sort of edge ids by (weight descending, id ascending). */
    private static void sortByWeight(double[] theta, int off, int[] a, int[] buffer, int m) {
        int[] src = a;
        int[] dst = buffer;
        for (int width = 1; width < m; width *= 2) {
            for (int lo = 0; lo < m; lo += 2 * width) {
                int mid = Math.min(lo + width, m);
                int hi = Math.min(lo + 2 * width, m);
                int i = lo;
                int j = mid;
                int k = lo;
                while (i < mid && j < hi) {
                    int x = src[i];
                    int y = src[j];
                    double wx = theta[off + x];
                    double wy = theta[off + y];
                    if (wx > wy || (wx == wy && x < y)) {
                        dst[k++] = x;
                        i++;
                    } else {
                        dst[k++] = y;
                        j++;
                    }
                }
                while (i < mid) {
                    dst[k++] = src[i++];
                }
                while (j < hi) {
                    dst[k++] = src[j++];
                }
            }
            int[] t = src;
            src = dst;
            dst = t;
        }
        if (src != a) {
            System.arraycopy(src, 0, a, 0, m);
        }
    }

    private static void reset(int[] parent, int[] size) {
        for (int v = 0; v < parent.length; v++) {
            parent[v] = v;
            size[v] = 1;
        }
    }

    private static int find(int[] parent, int v) {
        while (parent[v] != v) {
            parent[v] = parent[parent[v]];
            v = parent[v];
        }
        return v;
    }

    /** Joins the components of a and b; false when they are already one. */
    private static boolean union(int[] parent, int[] size, int a, int b) {
        int ra = find(parent, a);
        int rb = find(parent, b);
        if (ra == rb) {
            return false;
        }
        if (size[ra] < size[rb]) {
            int t = ra;
            ra = rb;
            rb = t;
        }
        parent[rb] = ra;
        size[ra] += size[rb];
        return true;
    }

    /** Feasible z: a 0/1 vector selecting an acyclic set of exactly {@link #forestSize()} edges. */
    @Override
    public String infeasibility(double[] z) {
        String binary = BinaryVectors.infeasibility(z, dimension());
        if (binary != null) {
            return binary;
        }
        int[] parent = new int[nodes];
        int[] size = new int[nodes];
        reset(parent, size);
        int selected = 0;
        for (int e = 0; e < z.length; e++) {
            if (z[e] == 1.0) {
                selected++;
                if (!union(parent, size, endpointA[e], endpointB[e])) {
                    return "selected edge " + e + " closes a cycle";
                }
            }
        }
        return selected == forestSize ? null
                : "z selects " + selected + " edges, a spanning forest has " + forestSize;
    }

    @Override
    public String toString() {
        return "MaximumSpanningTreeOracle[" + nodes + " nodes, " + dimension() + " edges]";
    }

    private static final class Scratch {
        final int[] order;
        final int[] buffer;
        final int[] parent;
        final int[] size;

        Scratch(int nodes, int edges) {
            order = new int[edges];
            buffer = new int[edges];
            parent = new int[nodes];
            size = new int[nodes];
        }
    }
}
