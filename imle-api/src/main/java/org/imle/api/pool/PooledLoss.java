package org.imle.api.pool;

/**
 * A structured loss that scores theta against a {@link SolutionPool} (NCE, CMAP, learning to rank).
 * Training code seeds the pool with the optimal solutions of the training instances, as Mulamba et
 * al. (2021) and PyEPO do, before the first step.
 */
public interface PooledLoss {

    /** The pool this loss reads; the same object as its oracle's when the oracle is a {@link PooledOracle}. */
    SolutionPool pool();
}
