package org.imle.solvers;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.imle.api.MapOracle;
import org.imle.solvers.parsing.MaximumArborescenceOracle;
import org.imle.solvers.shortestpath.GridShortestPathOracle;
import org.imle.solvers.shortestpath.NegativeCostPolicy;
import org.imle.solvers.topk.TopKOracle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The oracles that document "no allocation per solve" keep that promise: the bytes this thread
 * allocates over many solves, after a warm-up that creates the per-thread scratch, stay below a
 * bound far smaller than one object per solve. It counts bytes (HotSpot's per-thread allocation
 * counter), not time, so it does not depend on the machine's load.
 */
class ZeroAllocationTest {

    private static final int SOLVES = 5_000;
    /** Far below one 16-byte object per solve (80 kB here); leaves room for the counter's own reads. */
    private static final long BOUND_BYTES = 4096;

    static Stream<Arguments> oracles() {
        return Stream.of(
                Arguments.of(new TopKOracle(1000, 10), false),
                Arguments.of(new TopKOracle(7, 7), false),
                Arguments.of(new GridShortestPathOracle(12, 12, 8), true),
                Arguments.of(new GridShortestPathOracle(30, 30, 8), true),
                Arguments.of(new GridShortestPathOracle(9, 5, 4), true),
                Arguments.of(new GridShortestPathOracle(12, 12, 8, 0, 0, 11, 11, NegativeCostPolicy.CLAMP, 0.0), false),
                Arguments.of(new MaximumArborescenceOracle(15), false),
                Arguments.of(org.imle.solvers.shortestpath.PyEpoGrid.oracle(5, 5), true),
                Arguments.of(org.imle.solvers.shortestpath.PyEpoGrid.oracle(12, 9), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("oracles")
    void solvesAllocateNothing(MapOracle oracle, boolean costs) {
        long allocated = allocatedBytes(oracle, costs);
        assertTrue(allocated < BOUND_BYTES, oracle + " allocated " + allocated + " bytes over " + SOLVES
                + " solves (" + (double) allocated / SOLVES + " per solve)");
    }

    /** The measurement sees allocation: the interface's default offset solve copies through two arrays. */
    @org.junit.jupiter.api.Test
    void anOracleThatCopiesIsCaught() {
        MapOracle copying = new MapOracle() {
            @Override
            public int dimension() {
                return 50;
            }

            @Override
            public void solve(double[] theta, double[] z) {
                System.arraycopy(theta, 0, z, 0, 50);
            }
        };
        long allocated = allocatedBytes(copying, false);
        assertTrue(allocated >= (long) SOLVES * 2 * 50 * Double.BYTES, "only " + allocated + " bytes seen");
    }

    private static long allocatedBytes(MapOracle oracle, boolean costs) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean,
                "this JVM has no per-thread allocation counter");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(counter.isThreadAllocatedMemorySupported() && counter.isThreadAllocatedMemoryEnabled(),
                "per-thread allocation counting is off in this JVM");
        int n = oracle.dimension();
        int instances = 32;
        SplittableRandom rnd = new SplittableRandom(17);
        double[] theta = new double[instances * n];
        for (int i = 0; i < theta.length; i++) {
            // grid theta is minus a positive cost; others (clamped grid included) any sign
            theta[i] = costs ? -rnd.nextDouble(0.5, 10) : rnd.nextDouble(-1, 1);
        }
        double[] z = new double[2 * n];
        long thread = Thread.currentThread().getId();
        for (int i = 0; i < SOLVES; i++) {
            oracle.solve(theta, (i % instances) * n, z, n);
        }
        long before = counter.getThreadAllocatedBytes(thread);
        for (int i = 0; i < SOLVES; i++) {
            oracle.solve(theta, (i % instances) * n, z, (i & 1) * n);
        }
        return counter.getThreadAllocatedBytes(thread) - before;
    }
}
