package org.imle.api.exact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SpanningTreeMarginalsTest {

    /** The spanning trees of a graph, by enumeration of its edge subsets with V - 1 edges. */
    private static StructureSet trees(int v, int[] from, int[] to) {
        return StructureSet.binary(from.length, z -> {
            int[] parent = new int[v];
            for (int i = 0; i < v; i++) {
                parent[i] = i;
            }
            int edges = 0;
            for (int e = 0; e < z.length; e++) {
                if (z[e] == 1) {
                    int a = find(parent, from[e]);
                    int b = find(parent, to[e]);
                    if (a == b) {
                        return false;
                    }
                    parent[a] = b;
                    edges++;
                }
            }
            return edges == v - 1;
        });
    }

    private static int find(int[] parent, int x) {
        while (parent[x] != x) {
            x = parent[x];
        }
        return x;
    }

    @Test
    void completeGraphOnFourVerticesHasSixteenTrees() {
        // Cayley: V^(V-2) = 16 spanning trees, so A(0) = log 16 and each of the 6 edges has marginal 3/6
        SpanningTreeMarginals k4 = SpanningTreeMarginals.complete(4);
        assertEquals(Math.log(16), k4.logPartition(new double[6], 0), 1e-12);
        double[] mu = k4.marginals(new double[6]);
        for (double m : mu) {
            assertEquals(0.5, m, 1e-12);
        }
    }

    @Test
    void matchesEnumerationOnThousandsOfRandomConnectedGraphs() {
        SplittableRandom rng = new SplittableRandom(3);
        int checked = 0;
        while (checked < 1000) {
            int v = 2 + rng.nextInt(4);
            List<int[]> edges = new ArrayList<>();
            for (int a = 0; a < v; a++) {
                for (int b = a + 1; b < v; b++) {
                    if (rng.nextDouble() < 0.7) {
                        edges.add(rng.nextBoolean() ? new int[] {a, b} : new int[] {b, a});
                    }
                }
            }
            if (edges.isEmpty()) {
                continue;
            }
            int[] from = edges.stream().mapToInt(e -> e[0]).toArray();
            int[] to = edges.stream().mapToInt(e -> e[1]).toArray();
            StructureSet set;
            try {
                set = trees(v, from, to);
            } catch (IllegalArgumentException disconnected) {
                assertThrows(IllegalArgumentException.class, () -> new SpanningTreeMarginals(v, from, to));
                continue;
            }
            double scale = checked % 4 == 0 ? 20 : 2;
            double[] theta = new double[from.length];
            for (int e = 0; e < theta.length; e++) {
                theta[e] = scale * (2 * rng.nextDouble() - 1);
            }
            SpanningTreeMarginals mt = new SpanningTreeMarginals(v, from, to);
            ExactDistribution exact = new ExactDistribution(set);
            double a = exact.logPartition(theta);
            // a span of 40 nats puts tree weights near e^-40 beside 1: the subtraction-free
            // elimination must keep full accuracy there too
            double tol = 1e-10;
            assertEquals(a, mt.logPartition(theta, 0), tol * Math.max(1, Math.abs(a)), "graph " + checked);
            assertArrayEquals(exact.marginals(theta), mt.marginals(theta), tol, "graph " + checked);
            checked++;
        }
    }

    @Test
    void disconnectedGraphsAndBadEdgesAreRejected() {
        assertEquals("the graph with 4 vertices and 2 edges is disconnected: it has no spanning tree",
                assertThrows(IllegalArgumentException.class,
                        () -> new SpanningTreeMarginals(4, new int[] {0, 2}, new int[] {1, 3})).getMessage());
        assertEquals("edge 1 is a self-loop on vertex 2", assertThrows(IllegalArgumentException.class,
                () -> new SpanningTreeMarginals(3, new int[] {0, 2}, new int[] {1, 2})).getMessage());
        assertEquals("edge 0 endpoint 'to' must be in 0..2, got 3", assertThrows(IllegalArgumentException.class,
                () -> new SpanningTreeMarginals(3, new int[] {0}, new int[] {3})).getMessage());
    }
}
