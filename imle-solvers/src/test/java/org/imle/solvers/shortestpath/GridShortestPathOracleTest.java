package org.imle.solvers.shortestpath;

import static org.imle.solvers.OracleAssertions.dot;
import static org.imle.solvers.OracleAssertions.solveFeasible;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.imle.solvers.OracleAssertions;
import org.jgrapht.GraphPath;
import org.jgrapht.alg.shortestpath.DijkstraShortestPath;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleDirectedWeightedGraph;
import org.junit.jupiter.api.Test;

class GridShortestPathOracleTest {

    private static GridShortestPathOracle randomOracle(SplittableRandom rng, int maxSide) {
        int h = 1 + rng.nextInt(maxSide);
        int w = 1 + rng.nextInt(maxSide);
        int neighbourhood = rng.nextBoolean() ? 4 : 8;
        if (rng.nextBoolean()) {
            return new GridShortestPathOracle(h, w, neighbourhood);
        }
        return new GridShortestPathOracle(h, w, neighbourhood, rng.nextInt(h), rng.nextInt(w),
                rng.nextInt(h), rng.nextInt(w), NegativeCostPolicy.REJECT, 0.0);
    }

    /** theta = -cost with cost uniform in (0, 1], or cost in {0, 1, 2} for ties. */
    private static double[] randomTheta(SplittableRandom rng, int n, boolean ties) {
        double[] theta = new double[n];
        for (int i = 0; i < n; i++) {
            theta[i] = ties ? -rng.nextInt(3) : -(1.0 - rng.nextDouble());
        }
        return theta;
    }

    /** JGraphT's Dijkstra on the cell graph, where entering a cell costs the cell's cost. */
    static double[] jgraphtPath(GridShortestPathOracle oracle, double[] cost) {
        int h = oracle.height();
        int w = oracle.width();
        SimpleDirectedWeightedGraph<Integer, DefaultWeightedEdge> g =
                new SimpleDirectedWeightedGraph<>(DefaultWeightedEdge.class);
        for (int i = 0; i < h * w; i++) {
            g.addVertex(i);
        }
        for (int r = 0; r < h; r++) {
            for (int c = 0; c < w; c++) {
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        boolean diagonal = dr != 0 && dc != 0;
                        int nr = r + dr;
                        int nc = c + dc;
                        if ((dr == 0 && dc == 0) || (diagonal && oracle.neighbourhood() == 4)
                                || nr < 0 || nr >= h || nc < 0 || nc >= w) {
                            continue;
                        }
                        DefaultWeightedEdge e = g.addEdge(r * w + c, nr * w + nc);
                        g.setEdgeWeight(e, cost[nr * w + nc]);
                    }
                }
            }
        }
        GraphPath<Integer, DefaultWeightedEdge> path =
                new DijkstraShortestPath<>(g).getPath(oracle.source(), oracle.target());
        double[] z = new double[h * w];
        for (int v : path.getVertexList()) {
            z[v] = 1.0;
        }
        return z;
    }

    private static double[] negate(double[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = -a[i];
        }
        return out;
    }

    @Test
    void returnsJGraphTsPathOnContinuousCostsAndItsCostOnTies() {
        SplittableRandom rng = new SplittableRandom(11);
        for (int trial = 0; trial < 1500; trial++) {
            GridShortestPathOracle oracle = randomOracle(rng, 7);
            boolean ties = trial % 2 == 1;
            double[] theta = randomTheta(rng, oracle.dimension(), ties);
            double[] z = solveFeasible(oracle, theta);
            double[] reference = jgraphtPath(oracle, negate(theta));
            if (ties) {
                assertEquals(dot(reference, theta), dot(z, theta), 1e-9, oracle::toString);
            } else {
                assertArrayEquals(reference, z, oracle::toString);
            }
        }
    }

    @Test
    void matchesJGraphTOnWarcraftSizedGrids() {
        SplittableRandom rng = new SplittableRandom(12);
        for (int side : new int[] {12, 18, 30}) {
            GridShortestPathOracle oracle = new GridShortestPathOracle(side, side, 8);
            for (int trial = 0; trial < 6; trial++) {
                double[] theta = randomTheta(rng, side * side, false);
                assertArrayEquals(jgraphtPath(oracle, negate(theta)), solveFeasible(oracle, theta));
            }
        }
    }

    /** The cheapest simple path by depth-first enumeration of all of them. */
    private static double bruteForceCost(GridShortestPathOracle oracle, double[] cost) {
        boolean[] onPath = new boolean[oracle.dimension()];
        onPath[oracle.source()] = true;
        return cheapest(oracle, cost, oracle.source(), cost[oracle.source()], onPath);
    }

    private static double cheapest(GridShortestPathOracle oracle, double[] cost, int cell, double sofar,
            boolean[] onPath) {
        if (cell == oracle.target()) {
            return sofar;
        }
        double best = Double.POSITIVE_INFINITY;
        int w = oracle.width();
        for (int dr = -1; dr <= 1; dr++) {
            for (int dc = -1; dc <= 1; dc++) {
                int nr = cell / w + dr;
                int nc = cell % w + dc;
                if ((dr == 0 && dc == 0) || (dr != 0 && dc != 0 && oracle.neighbourhood() == 4)
                        || nr < 0 || nr >= oracle.height() || nc < 0 || nc >= w) {
                    continue;
                }
                int next = nr * w + nc;
                if (!onPath[next]) {
                    onPath[next] = true;
                    best = Math.min(best, cheapest(oracle, cost, next, sofar + cost[next], onPath));
                    onPath[next] = false;
                }
            }
        }
        return best;
    }

    @Test
    void equalsBruteForceOverAllSimplePathsOnTinyGrids() {
        SplittableRandom rng = new SplittableRandom(13);
        for (int trial = 0; trial < 1000; trial++) {
            GridShortestPathOracle oracle = randomOracle(rng, 3);
            double[] theta = randomTheta(rng, oracle.dimension(), trial % 2 == 0);
            double[] z = solveFeasible(oracle, theta);
            assertEquals(bruteForceCost(oracle, negate(theta)), -dot(z, theta), 1e-9, oracle::toString);
        }
    }

    /** theta for the bucket-queue tests: four cost families, two of them with exact ties. */
    private static double[] costsOfKind(SplittableRandom rng, int n, int kind) {
        double[] theta = new double[n];
        for (int i = 0; i < n; i++) {
            theta[i] = switch (kind) {
                case 0 -> -(0.5 + 9.5 * rng.nextDouble());       // the Warcraft-like range: buckets
                case 1 -> -(1 + rng.nextInt(3));                  // positive with exact ties: buckets
                case 2 -> -rng.nextInt(3);                        // zero costs: the bucketed heap
                default -> -Math.exp(12 * rng.nextDouble() - 6);  // a range of e^12: mostly the bucketed heap
            };
        }
        return theta;
    }

    private static boolean usesBuckets(double[] theta) {
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (double t : theta) {
            min = Math.min(min, -t);
            max = Math.max(max, -t);
        }
        return GridShortestPathOracle.bucketRing(min, max, theta.length) > 0;
    }

    private static boolean usesBucketedHeap(double[] theta) {
        double max = 0;
        for (double t : theta) {
            max = Math.max(max, -t);
        }
        return !usesBuckets(theta) && GridShortestPathOracle.bucketedHeapFits(max, theta.length);
    }

    @Test
    void bucketQueuesGiveTheHeapsPathsWithAndWithoutTies() {
        SplittableRandom rng = new SplittableRandom(14);
        int bucketSolves = 0;
        int bucketedHeapSolves = 0;
        for (int trial = 0; trial < 3000; trial++) {
            GridShortestPathOracle oracle = randomOracle(rng, 10);
            int kind = trial % 4;
            double[] theta = costsOfKind(rng, oracle.dimension(), kind);
            double[] expected = new double[oracle.dimension()];
            oracle.solveWithHeap(theta, 0, expected, 0);
            assertArrayEquals(expected, solveFeasible(oracle, theta), () -> oracle + " kind " + kind);
            bucketSolves += usesBuckets(theta) ? 1 : 0;
            bucketedHeapSolves += usesBucketedHeap(theta) ? 1 : 0;
        }
        // kinds 0 and 1 always take the buckets, most of kinds 2 and 3 the bucketed heap: the
        // comparison above is not between two plain heaps
        assertTrue(bucketSolves >= 1500, "the bucket queue ran on " + bucketSolves + " grids");
        assertTrue(bucketedHeapSolves >= 1200, "the bucketed heap ran on " + bucketedHeapSolves + " grids");
        for (int side : new int[] {30, 64}) {
            GridShortestPathOracle oracle = new GridShortestPathOracle(side, side, 8);
            for (int kind = 0; kind < 4; kind++) {
                double[] theta = costsOfKind(rng, side * side, kind);
                assertTrue(kind < 2 ? usesBuckets(theta) : usesBucketedHeap(theta), "kind " + kind);
                double[] expected = new double[side * side];
                oracle.solveWithHeap(theta, 0, expected, 0);
                assertArrayEquals(expected, solveFeasible(oracle, theta), "side " + side + " kind " + kind);
            }
        }
    }

    @Test
    void clampedCostsTakeTheBucketedHeapAndGiveTheHeapsPaths() {
        // the estimators' targets: costs pushed below zero and clamped, many of them to exactly 0
        SplittableRandom rng = new SplittableRandom(15);
        for (int trial = 0; trial < 500; trial++) {
            int side = 2 + rng.nextInt(15);
            double minCost = trial % 2 == 0 ? 0.0 : 0.01;
            GridShortestPathOracle oracle = new GridShortestPathOracle(side, side, trial % 3 == 0 ? 4 : 8,
                    rng.nextInt(side), rng.nextInt(side), rng.nextInt(side), rng.nextInt(side),
                    NegativeCostPolicy.CLAMP, minCost);
            double[] theta = new double[side * side];
            for (int i = 0; i < theta.length; i++) {
                theta[i] = -(0.5 + 9.5 * rng.nextDouble() + 10 * rng.nextGaussian());
            }
            double[] expected = new double[theta.length];
            oracle.solveWithHeap(theta, 0, expected, 0);
            assertArrayEquals(expected, solveFeasible(oracle, theta), oracle::toString);
        }
    }

    @Test
    void bucketedHeapFitsWithinItsLimits() {
        assertTrue(GridShortestPathOracle.bucketedHeapFits(5.0, 144));
        assertTrue(GridShortestPathOracle.bucketedHeapFits(1e-300, 144));
        assertFalse(GridShortestPathOracle.bucketedHeapFits(0.0, 144), "all-zero costs take the heap");
        assertFalse(GridShortestPathOracle.bucketedHeapFits(Double.MIN_VALUE, 144),
                "buckets would be 0 wide");
        assertFalse(GridShortestPathOracle.bucketedHeapFits(1e306, 144), "distances could overflow");
        assertFalse(GridShortestPathOracle.bucketedHeapFits(1.0, 1 << 23), "bucket indices would overflow");
        // all-zero, subnormal and tiny costs, with ties: whichever queue, the heap's paths
        GridShortestPathOracle oracle = new GridShortestPathOracle(4, 4, 8);
        SplittableRandom rng = new SplittableRandom(16);
        for (double scale : new double[] {0.0, Double.MIN_VALUE, 1e-300, 1e-200}) {
            for (int trial = 0; trial < 50; trial++) {
                double[] theta = new double[16];
                for (int i = 0; i < 16; i++) {
                    theta[i] = -scale * rng.nextInt(3);
                }
                double[] expected = new double[16];
                oracle.solveWithHeap(theta, 0, expected, 0);
                assertArrayEquals(expected, solveFeasible(oracle, theta), "scale " + scale);
            }
        }
    }

    @Test
    void bucketRingIsAPowerOfTwoWithinItsLimits() {
        assertEquals(0, GridShortestPathOracle.bucketRing(0.0, 5.0, 144), "a zero cost takes the heap");
        assertEquals(8, GridShortestPathOracle.bucketRing(1.0, 1.0, 144), "2 + 4 buckets, rounded up");
        assertEquals(32, GridShortestPathOracle.bucketRing(0.5, 10.0, 144), "21 + 4 buckets, rounded up");
        int max = GridShortestPathOracle.MAX_BUCKETS;
        assertEquals(max, GridShortestPathOracle.bucketRing(1.0, max - 5, 144));
        assertEquals(0, GridShortestPathOracle.bucketRing(1.0, max - 3, 144), "too wide a range");
        assertEquals(0, GridShortestPathOracle.bucketRing(1.0, 1.0, 1 << 28), "bucket indices would overflow");
    }

    @Test
    void oneByOneGridIsItsOwnPath() {
        GridShortestPathOracle oracle = new GridShortestPathOracle(1, 1);
        assertArrayEquals(new double[] {1}, solveFeasible(oracle, new double[] {-2.5}));
        assertArrayEquals(new double[] {1}, solveFeasible(oracle, new double[] {0.0}));
    }

    @Test
    void sameSourceAndTargetGiveThatCellAlone() {
        GridShortestPathOracle oracle = new GridShortestPathOracle(3, 3, 4, 1, 1, 1, 1,
                NegativeCostPolicy.REJECT, 0.0);
        double[] z = solveFeasible(oracle, new double[] {-1, -1, -1, -1, -1, -1, -1, -1, -1});
        assertArrayEquals(new double[] {0, 0, 0, 0, 1, 0, 0, 0, 0}, z);
    }

    @Test
    void knownPathAroundAWall() {
        // 3 x 3, 4-neighbourhood; the middle column is expensive except at the bottom
        double[] cost = {1, 9, 1, 1, 9, 1, 1, 1, 1};
        double[] z = solveFeasible(new GridShortestPathOracle(3, 3, 4), negate(cost));
        assertArrayEquals(new double[] {1, 0, 0, 1, 0, 0, 1, 1, 1}, z);
        // with diagonals the walk cuts the corners
        double[] z8 = solveFeasible(new GridShortestPathOracle(3, 3, 8), negate(cost));
        assertArrayEquals(new double[] {1, 0, 0, 1, 0, 0, 0, 1, 1}, z8);
    }

    @Test
    void rejectsNegativeCostsNamingTheCell() {
        GridShortestPathOracle oracle = new GridShortestPathOracle(2, 3);
        double[] theta = {-1, -1, -1, -1, 0.5, -1};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> oracle.solve(theta, new double[6]));
        assertTrue(e.getMessage().contains("coordinate 4"), e.getMessage());
        assertTrue(e.getMessage().contains("row 1, column 1"), e.getMessage());
        assertTrue(e.getMessage().contains("negative cost"), e.getMessage());
    }

    @Test
    void clampPolicySolvesTheClampedProblem() {
        SplittableRandom rng = new SplittableRandom(14);
        for (int trial = 0; trial < 300; trial++) {
            int h = 1 + rng.nextInt(6);
            int w = 1 + rng.nextInt(6);
            double minCost = trial % 3 == 0 ? 0.0 : 0.05;
            GridShortestPathOracle clamping = new GridShortestPathOracle(h, w, 8, 0, 0, h - 1, w - 1,
                    NegativeCostPolicy.CLAMP, minCost);
            double[] theta = new double[h * w];
            double[] clamped = new double[h * w];
            for (int i = 0; i < theta.length; i++) {
                theta[i] = rng.nextDouble() * 2 - 1.5;
                clamped[i] = Math.max(minCost, -theta[i]);
            }
            double[] z = solveFeasible(clamping, theta);
            double[] reference = jgraphtPath(clamping, clamped);
            // clamped cells share the cost minCost, so only the cost is unique
            assertEquals(dot(reference, clamped), dot(z, clamped), 1e-9);
        }
    }

    @Test
    void finiteCostsWhoseTotalOverflowsAreStillSolved() {
        // the cells' sum is +infinity, which sends the copy of the costs down its checked path
        double big = 1e308;
        double[] cost = {1, big, big, big, 1, big, big, big, 1};
        double[] z = solveFeasible(new GridShortestPathOracle(3, 3, 8), negate(cost));
        assertArrayEquals(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}, z);
    }

    @Test
    void aNonFiniteThetaIsNamedAtAnOffset() {
        GridShortestPathOracle oracle = new GridShortestPathOracle(2, 2);
        double[] theta = {-1, -1, -1, -1, -1, -1, Double.NaN, -1};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> oracle.solve(theta, 4, new double[4], 0));
        assertTrue(e.getMessage().contains("coordinate 2 (cell row 1, column 0)"), e.getMessage());
    }

    @Test
    void rejectsNonFiniteThetaUnderEveryPolicy() {
        for (NegativeCostPolicy policy : NegativeCostPolicy.values()) {
            GridShortestPathOracle oracle = new GridShortestPathOracle(2, 2, 8, 0, 0, 1, 1, policy, 0.0);
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                double[] theta = {-1, -1, bad, -1};
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> oracle.solve(theta, new double[4]));
                assertTrue(e.getMessage().contains("coordinate 2 (cell row 1, column 0)"), e.getMessage());
            }
        }
    }

    @Test
    void rejectsBadConfigurationsAndLengths() {
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class,
                () -> new GridShortestPathOracle(3, 3, 6));
        assertTrue(n.getMessage().contains("neighbourhood must be 4 or 8, got 6"));
        assertThrows(IllegalArgumentException.class, () -> new GridShortestPathOracle(0, 3));
        assertThrows(IllegalArgumentException.class, () -> new GridShortestPathOracle(3, 0));
        IllegalArgumentException row = assertThrows(IllegalArgumentException.class,
                () -> new GridShortestPathOracle(3, 3, 8, 3, 0, 2, 2, NegativeCostPolicy.REJECT, 0));
        assertTrue(row.getMessage().contains("source row"));
        IllegalArgumentException col = assertThrows(IllegalArgumentException.class,
                () -> new GridShortestPathOracle(3, 3, 8, 0, 0, 2, -1, NegativeCostPolicy.REJECT, 0));
        assertTrue(col.getMessage().contains("target column"));
        assertThrows(IllegalArgumentException.class,
                () -> new GridShortestPathOracle(3, 3, 8, 0, 0, 2, 2, NegativeCostPolicy.CLAMP, -1));
        assertThrows(IllegalArgumentException.class,
                () -> new GridShortestPathOracle(3, 3, 8, 0, 0, 2, 2, null, 0));
        GridShortestPathOracle oracle = new GridShortestPathOracle(2, 2);
        assertThrows(IllegalArgumentException.class, () -> oracle.solve(new double[3], new double[4]));
        assertThrows(IllegalArgumentException.class, () -> oracle.solve(new double[4], new double[5]));
        assertThrows(IllegalArgumentException.class, () -> oracle.solve(new double[6], 3, new double[4], 0));
        assertEquals(NegativeCostPolicy.CLAMP, NegativeCostPolicy.parse(" Clamp "));
        assertThrows(IllegalArgumentException.class, () -> NegativeCostPolicy.parse("shift"));
    }

    @Test
    void infeasibilityRecognisesPathsAndNonPaths() {
        GridShortestPathOracle oracle = new GridShortestPathOracle(3, 3, 4);
        assertNull(oracle.infeasibility(new double[] {1, 1, 1, 0, 0, 1, 0, 0, 1}));
        assertNotNull(oracle.infeasibility(new double[] {0, 1, 1, 0, 0, 1, 0, 0, 1}));
        assertNotNull(oracle.infeasibility(new double[] {1, 1, 1, 0, 0, 1, 0, 0, 0}));
        // two disconnected pieces, each end with a neighbour
        assertNotNull(oracle.infeasibility(new double[] {1, 1, 0, 0, 0, 0, 0, 1, 1}));
        // a dead-end branch
        assertNotNull(oracle.infeasibility(new double[] {1, 1, 1, 0, 0, 1, 1, 0, 1}));
        assertNotNull(oracle.infeasibility(new double[] {1, 1, 1, 0, 0, 1, 0, 0, 2}));
        GridShortestPathOracle diagonal = new GridShortestPathOracle(3, 3, 8);
        assertNull(diagonal.infeasibility(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}));
        assertNotNull(oracle.infeasibility(new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1}));
    }

    @Test
    void concurrentSolvesEqualSequentialOnes() throws Exception {
        SplittableRandom rng = new SplittableRandom(15);
        GridShortestPathOracle oracle = new GridShortestPathOracle(12, 12, 8);
        List<double[]> thetas = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            thetas.add(randomTheta(rng, 144, i % 2 == 0));
        }
        OracleAssertions.assertConcurrentEqualsSequential(oracle, thetas);
    }
}
