package org.imle.examples.ilp;

import java.util.concurrent.atomic.AtomicLong;
import org.imle.api.MapOracle;

/**
 * A {@link MapOracle} that counts the calls it passes to the oracle it wraps, so that a run
 * without solution caching reports its solver calls as a run with caching does (through
 * {@link org.imle.solvers.cache.CachingOracle#solverCalls()}). Thread-safe when the wrapped oracle
 * is; answers are the wrapped oracle's.
 */
final class CountingOracle implements MapOracle {

    private final MapOracle solver;
    private final AtomicLong calls = new AtomicLong();

    CountingOracle(MapOracle solver) {
        this.solver = solver;
    }

    /** The calls made so far. */
    long calls() {
        return calls.get();
    }

    /** Sets the count (a checkpoint's, on resume). */
    void restoreCalls(long count) {
        calls.set(count);
    }

    @Override
    public int dimension() {
        return solver.dimension();
    }

    @Override
    public void solve(double[] theta, double[] z) {
        calls.incrementAndGet();
        solver.solve(theta, z);
    }

    @Override
    public void solve(double[] theta, int thetaOffset, double[] z, int zOffset) {
        calls.incrementAndGet();
        solver.solve(theta, thetaOffset, z, zOffset);
    }

    @Override
    public String infeasibility(double[] z) {
        return solver.infeasibility(z);
    }
}
