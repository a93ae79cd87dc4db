package org.imle.examples.ilp;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import org.imle.api.MapOracle;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.execution.ThetaRows;

/**
 * A {@link SolveExecutor} that counts the rows it passes on to be solved, so that a run without
 * solution caching reports its solver calls as a run with caching does (through
 * {@link org.imle.solvers.cache.CachingOracle#solverCalls()}). It counts requests rather than
 * wrapping the oracle, so the oracle keeps its registry spec and may be solved in another JVM.
 */
final class CountingExecutor implements SolveExecutor {

    private final SolveExecutor executor;
    private final AtomicLong rows = new AtomicLong();

    CountingExecutor(SolveExecutor executor) {
        this.executor = executor;
    }

    /** The rows solved so far. */
    long calls() {
        return rows.get();
    }

    /** Sets the count (a checkpoint's, on resume). */
    void restoreCalls(long count) {
        rows.set(count);
    }

    @Override
    public boolean shipsSolves() {
        return executor.shipsSolves();
    }

    @Override
    public void run(int tasks, IntConsumer task) {
        executor.run(tasks, task);
    }

    @Override
    public void solve(MapOracle oracle, int rows, ThetaRows theta, double[] z) {
        executor.solve(oracle, rows, theta, z);
        this.rows.addAndGet(rows);
    }
}
