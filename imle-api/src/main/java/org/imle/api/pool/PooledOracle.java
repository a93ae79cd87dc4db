package org.imle.api.pool;

import org.imle.api.MapOracle;

/**
 * A {@link MapOracle} that records the solutions its solver returns in a {@link SolutionPool}
 * (solution caching). A pool-based loss built around such an oracle reads that pool rather than
 * keeping its own, and does not add the oracle's answers a second time.
 */
public interface PooledOracle extends MapOracle {

    /** The pool the solver's answers join (at {@link SolutionPool#commit()}). */
    SolutionPool pool();
}
