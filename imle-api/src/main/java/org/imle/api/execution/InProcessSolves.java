package org.imle.api.execution;

import org.imle.api.MapOracle;

/**
 * The body of {@link SolveExecutor#solve} for executors that solve in this JVM: each thread writes
 * a row into a buffer of its own and solves it there, so a request allocates nothing per row. A
 * buffer in use is marked busy, so that an oracle whose solve hands a nested request to an executor
 * on the same thread gets a fresh buffer instead of overwriting the row it is reading.
 */
final class InProcessSolves {

    /** One thread's row buffer and whether a solve on this thread is using it. */
    private static final class Slot {
        double[] row = new double[0];
        boolean busy;
    }

    private static final ThreadLocal<Slot> SLOTS = ThreadLocal.withInitial(Slot::new);

    private InProcessSolves() {
    }

    static void checkRequest(MapOracle oracle, int rows, ThetaRows theta, double[] z) {
        if (oracle == null || theta == null || z == null) {
            throw new IllegalArgumentException("oracle, theta rows and z must not be null");
        }
        if (rows < 0) {
            throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        }
        long cells = (long) rows * oracle.dimension();
        if (z.length < cells) {
            throw new IllegalArgumentException("z has length " + z.length + ", expected at least " + rows
                    + " rows x dimension " + oracle.dimension() + " = " + cells);
        }
    }

    /** Solves row {@code r} of a request into {@code z[r * n .. (r + 1) * n)}. */
    static void solveRow(MapOracle oracle, ThetaRows theta, int r, double[] z, int n) {
        if (theta instanceof ThetaRows.Stored s) {
            oracle.solve(s.theta(), r * n, z, r * n);
            return;
        }
        Slot slot = SLOTS.get();
        if (slot.busy) {
            double[] own = new double[n];
            theta.write(r, own, 0);
            oracle.solve(own, 0, z, r * n);
            return;
        }
        if (slot.row.length < n) {
            slot.row = new double[n];
        }
        slot.busy = true;
        try {
            theta.write(r, slot.row, 0);
            oracle.solve(slot.row, 0, z, r * n);
        } finally {
            slot.busy = false;
        }
    }
}
