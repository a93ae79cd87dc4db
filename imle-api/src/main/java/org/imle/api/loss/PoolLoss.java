package org.imle.api.loss;

import org.imle.api.MapOracle;
import org.imle.api.StructuredLoss;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.execution.ThetaRows;
import org.imle.api.pool.PooledLoss;
import org.imle.api.pool.PooledOracle;
import org.imle.api.pool.SolutionPool;
import org.imle.api.registry.EstimatorBuilder;

/**
 * What the pool-based losses share (NCE and CMAP of Mulamba et al. 2021, the learning-to-rank losses
 * of Mandi et al. 2022): every evaluation solves {@code MAP(theta)} for each row, lets those
 * solutions join the pool, and scores each row against the pooled solutions with the subclass's
 * formula.
 *
 * <p><b>The pool.</b> Built around a {@link PooledOracle} (a {@code CachingOracle}) the loss reads
 * that oracle's pool, so {@code --solve-ratio} decides which MAP calls reach the solver and the
 * cache and the loss see the same solutions; otherwise the loss keeps a pool of its own, to which it
 * adds every solution it computes. A {@code target}-supervised loss also adds its gold rows (the true
 * optima, which PyEPO seeds its pool with). Each evaluation first commits what is pending (the
 * previous batch's solutions), so a batch reads the pool as it was when it started, whatever the
 * thread count; if the pool is still empty, the batch's own solutions are committed first.
 *
 * <p>Cost per batch: B solves (on the executor) and {@code O(B |pool| n)} for the scores.
 */
public abstract class PoolLoss implements StructuredLoss, PooledLoss {

    private final MapOracle oracle;
    private final SolveExecutor executor;
    private final SolutionPool pool;
    private final boolean oracleFeedsPool;

    PoolLoss(Builder<?, ?> b) {
        this.oracle = b.oracle;
        this.executor = b.executor();
        if (b.pool != null) {
            if (b.pool.dimension() != oracle.dimension()) {
                throw new IllegalArgumentException("the pool holds solutions of length " + b.pool.dimension()
                        + ", the oracle's have " + oracle.dimension());
            }
            this.pool = b.pool;
        } else {
            this.pool = b.oracle instanceof PooledOracle pooled ? pooled.pool() : SolutionPool.of(oracle.dimension());
        }
        this.oracleFeedsPool = oracle instanceof PooledOracle pooled && pooled.pool() == pool;
    }

    @Override
    public final SolutionPool pool() {
        return pool;
    }

    @Override
    public final int dimension() {
        return oracle.dimension();
    }

    /**
     * The loss of one row against the pooled solutions {@code pool} (never empty), writing its
     * gradient with respect to theta into {@code grad[offset .. offset + n)}.
     */
    abstract double rowLoss(double[] theta, double[] supervision, int offset, double[][] pool, double[] grad);

    /** Whether the supervision rows are gold structures that belong in the pool. */
    private boolean supervisedByStructures() {
        return "target".equals(supervisionName());
    }

    @Override
    public final Evaluation evaluate(double[] theta, double[] supervision, int batchSize, long step,
            double[] gradTheta) {
        int n = dimension();
        LossArguments.check(this, theta, supervision, batchSize, gradTheta);
        if (supervisedByStructures()) {
            for (int row = 0; row < batchSize; row++) {
                pool.add(supervision, row * n);
            }
        }
        pool.commit();
        double[] decisions = new double[batchSize * n];
        executor.solve(oracle, batchSize, ThetaRows.stored(theta, n), decisions);
        if (!oracleFeedsPool) {
            for (int row = 0; row < batchSize; row++) {
                pool.add(decisions, row * n);
            }
        }
        if (pool.size() == 0) {
            pool.commit();
        }
        double[][] pooled = pool.snapshot();
        double[] losses = new double[batchSize];
        for (int row = 0; row < batchSize; row++) {
            losses[row] = rowLoss(theta, supervision, row * n, pooled, gradTheta);
        }
        return new Evaluation(losses, decisions, 1);
    }

    /**
     * The builder every pool-based loss extends: the oracle and, optionally, an explicit pool.
     *
     * @param <B> the concrete builder
     * @param <T> the loss it builds
     */
    public abstract static class Builder<B extends Builder<B, T>, T extends PoolLoss> extends EstimatorBuilder<B, T> {
        private final MapOracle oracle;
        private SolutionPool pool;

        Builder(MapOracle oracle) {
            if (oracle == null) {
                throw new IllegalArgumentException("oracle must not be null");
            }
            this.oracle = oracle;
        }

        /**
         * The pool to read (default: the oracle's, when it is a {@link PooledOracle}, else a new
         * one owned by the loss).
         */
        public final B pool(SolutionPool pool) {
            this.pool = pool;
            return self();
        }
    }
}
