package org.imle.solvers.matching;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.imle.api.testing.ConcurrentSolves;
import org.imle.api.exact.EnumeratedOracle;
import org.imle.api.exact.StructureSet;
import org.imle.solvers.SolverTimeoutException;
import org.junit.jupiter.api.Test;

class GeneralMatchingOracleTest {

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static int[][] randomEdges(SplittableRandom rnd, int nodes, int maxEdges) {
        List<int[]> all = new ArrayList<>();
        for (int u = 0; u < nodes; u++) {
            for (int v = u + 1; v < nodes; v++) {
                if (rnd.nextInt(3) > 0) {
                    all.add(rnd.nextBoolean() ? new int[] {u, v} : new int[] {v, u});
                }
            }
        }
        while (all.size() > maxEdges) {
            all.remove(rnd.nextInt(all.size()));
        }
        return all.toArray(new int[0][]);
    }

    private static double[] randomTheta(SplittableRandom rnd, int m) {
        double[] theta = new double[m];
        int kind = rnd.nextInt(3);
        for (int i = 0; i < m; i++) {
            theta[i] = switch (kind) {
                case 0 -> rnd.nextDouble(-0.5, 1);
                case 1 -> rnd.nextInt(-1, 3);
                default -> rnd.nextInt(-1, 3) + 1e-10 * rnd.nextInt(-2, 3);
            };
        }
        return theta;
    }

    @Test
    void matchesBruteForceOnRandomSmallGraphs() {
        SplittableRandom rnd = new SplittableRandom(41);
        int compared = 0;
        for (int t = 0; t < 1000; t++) {
            int nodes = 2 + rnd.nextInt(6);
            int[][] edges = randomEdges(rnd, nodes, 13);
            if (edges.length == 0) {
                continue;
            }
            GeneralMatchingOracle oracle = GeneralMatchingOracle.of(nodes, edges);
            EnumeratedOracle reference = new EnumeratedOracle(
                    StructureSet.binary(edges.length, z -> oracle.infeasibility(z) == null));
            double[] theta = randomTheta(rnd, edges.length);
            double[] z = new double[edges.length];
            double[] best = new double[edges.length];
            oracle.solve(theta, z);
            reference.solve(theta, best);
            assertNull(oracle.infeasibility(z));
            assertEquals(dot(best, theta), dot(z, theta), 1e-9);
            for (int e = 0; e < z.length; e++) {
                assertTrue(z[e] == 0 || theta[e] > 0, "edge " + e + " with theta <= 0 was matched");
            }
            compared++;
        }
        assertTrue(compared >= 950, "compared " + compared);
    }

    /** A primary that waits until it is interrupted, as a stuck solver would (but cooperatively). */
    private static final GeneralMatchingOracle.Primary STUCK = (theta, z) -> Thread.sleep(60_000);

    @Test
    void fallbackIsExactWhenThePrimaryRunsOutOfTime() {
        SplittableRandom rnd = new SplittableRandom(42);
        for (int t = 0; t < 40; t++) {
            int nodes = 2 + rnd.nextInt(5);
            int[][] edges = randomEdges(rnd, nodes, 10);
            if (edges.length == 0) {
                continue;
            }
            GeneralMatchingOracle stuck = GeneralMatchingOracle.withPrimary(nodes, edges, 0.002, 10, STUCK);
            EnumeratedOracle reference = new EnumeratedOracle(
                    StructureSet.binary(edges.length, z -> stuck.infeasibility(z) == null));
            double[] theta = randomTheta(rnd, edges.length);
            double[] z = new double[edges.length];
            double[] best = new double[edges.length];
            stuck.solve(theta, z);
            reference.solve(theta, best);
            assertNull(stuck.infeasibility(z));
            assertEquals(dot(best, theta), dot(z, theta), 1e-9);
            for (int e = 0; e < z.length; e++) {
                assertTrue(z[e] == 0 || theta[e] > 0);
            }
        }
    }

    @Test
    void blossomVAgreesWithTheExactFallbackOnLargerGraphs() {
        SplittableRandom rnd = new SplittableRandom(43);
        for (int t = 0; t < 30; t++) {
            int nodes = 10 + rnd.nextInt(15);
            int[][] edges = randomEdges(rnd, nodes, 200);
            GeneralMatchingOracle fast = GeneralMatchingOracle.of(nodes, edges);
            GeneralMatchingOracle exact = GeneralMatchingOracle.withPrimary(nodes, edges, 0.001, 10, STUCK);
            double[] theta = randomTheta(rnd, edges.length);
            double[] z = new double[edges.length];
            double[] reference = new double[edges.length];
            fast.solve(theta, z);
            exact.solve(theta, reference);
            assertNull(fast.infeasibility(z));
            assertEquals(dot(reference, theta), dot(z, theta), 1e-8);
        }
    }

    @Test
    void aPrimaryThatIgnoresInterruptsIsAbandonedAndCounted() {
        int before = GeneralMatchingOracle.abandonedWorkers();
        GeneralMatchingOracle.Primary deaf = (theta, z) -> {
            long end = System.nanoTime() + 300_000_000L;
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            java.util.Arrays.fill(z, 1.0);
        };
        GeneralMatchingOracle oracle = GeneralMatchingOracle.withPrimary(3,
                new int[][] {{0, 1}, {1, 2}}, 0.005, 10, deaf);
        double[] z = new double[2];
        oracle.solve(new double[] {1, 2}, z);
        assertArrayEquals(new double[] {0, 1}, z);
        assertEquals(before + 1, GeneralMatchingOracle.abandonedWorkers());
    }

    @Test
    void fallbackTimeOutRaisesNamingTheGraph() {
        int nodes = 30;
        List<int[]> all = new ArrayList<>();
        for (int u = 0; u < nodes; u++) {
            for (int v = u + 1; v < nodes; v++) {
                all.add(new int[] {u, v});
            }
        }
        int[][] edges = all.toArray(new int[0][]);
        GeneralMatchingOracle oracle = GeneralMatchingOracle.withPrimary(nodes, edges, 0.001, 1e-6, STUCK);
        double[] theta = randomTheta(new SplittableRandom(44), edges.length);
        SolverTimeoutException e = assertThrows(SolverTimeoutException.class,
                () -> oracle.solve(theta, new double[edges.length]));
        assertTrue(e.getMessage().contains("matching on 30 nodes"), e.getMessage());
    }

    @Test
    void primaryFailuresPropagate() {
        GeneralMatchingOracle oracle = GeneralMatchingOracle.withPrimary(2, new int[][] {{0, 1}}, 1, 1,
                (theta, z) -> {
                    throw new IllegalStateException("broken solver");
                });
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> oracle.solve(new double[] {1}, new double[1]));
        assertEquals("broken solver", e.getMessage());
    }

    @Test
    void degenerateGraphs() {
        GeneralMatchingOracle single = GeneralMatchingOracle.of(1, new int[0][]);
        assertEquals(0, single.dimension());
        single.solve(new double[0], new double[0]);
        GeneralMatchingOracle negative = GeneralMatchingOracle.of(3, new int[][] {{0, 1}, {1, 2}, {0, 2}});
        double[] z = {1, 1, 1};
        negative.solve(new double[] {-1, 0, -2}, z);
        assertArrayEquals(new double[] {0, 0, 0}, z);
        GeneralMatchingOracle oneEdge = GeneralMatchingOracle.of(2, new int[][] {{1, 0}});
        double[] one = new double[1];
        oneEdge.solve(new double[] {1e-300}, one);
        assertArrayEquals(new double[] {1}, one);
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GeneralMatchingOracle.of(3, new int[][] {{0, 1}, {2, 2}}));
        assertTrue(e.getMessage().contains("edge 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GeneralMatchingOracle.of(3, new int[][] {{0, 1}, {1, 0}}));
        assertTrue(e.getMessage().contains("edge 1") && e.getMessage().contains("repeats"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> GeneralMatchingOracle.of(3, new int[][] {{0, 3}}));
        assertTrue(e.getMessage().contains("edge 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> GeneralMatchingOracle.of(0, new int[0][]));
        GeneralMatchingOracle oracle = GeneralMatchingOracle.of(3, new int[][] {{0, 1}, {1, 2}});
        e = assertThrows(IllegalArgumentException.class,
                () -> oracle.solve(new double[] {1, Double.POSITIVE_INFINITY}, new double[2]));
        assertTrue(e.getMessage().contains("coordinate 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> oracle.solve(new double[3], new double[2]));
        assertNotNull(oracle.infeasibility(new double[] {1, 1}));
        assertNull(oracle.infeasibility(new double[] {0, 1}));
    }

    @Test
    void concurrentSolvesEqualSequentialOnes() throws Exception {
        SplittableRandom rnd = new SplittableRandom(45);
        int nodes = 12;
        int[][] edges = randomEdges(rnd, nodes, 40);
        GeneralMatchingOracle oracle = GeneralMatchingOracle.of(nodes, edges);
        int m = edges.length;
        double[][] thetas = new double[200][];
        for (int t = 0; t < thetas.length; t++) {
            thetas[t] = randomTheta(rnd, m);
        }
        ConcurrentSolves.assertEqualSequential(oracle, thetas, 4);
    }
}
