package org.imle.api.loss;

import java.util.Locale;
import org.imle.api.MapOracle;
import org.imle.api.StructuredLoss;
import org.imle.api.execution.NumpyUniforms;
import org.imle.api.execution.RandomStreams;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.execution.ThetaRows;
import org.imle.api.pool.PooledLoss;
import org.imle.api.pool.PooledOracle;
import org.imle.api.pool.SolutionPool;
import org.imle.api.registry.EstimatorBuilder;
import org.imle.api.registry.Setting;

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
 * <p><b>One solve decision per batch</b> ({@link Builder#BATCH_SOLVE_RATIO} r below 1; PyEPO's
 * {@code solve_ratio} as its pool losses use it). One coin per evaluation, drawn from the stream
 * {@link RandomStreams#open RandomStreams.open(seed, step, 0, 0)}, decides for the whole batch: with
 * probability r every row is solved by the oracle, the solutions join the pool at once (committed
 * before the batch is scored, so the batch is scored against its own solutions too, as PyEPO's
 * are), and the batch costs B solves; otherwise no row is solved, the decisions returned are the
 * pool's best under theta ({@code argmax_{w in P} <theta, w>}, the lowest index among ties), and
 * the pool does not change. The pool therefore grows by whole batches, and the coin depends on
 * (seed, step) only, never on the thread count. With {@link Builder#BATCH_COINS} {@code numpy} the
 * coin of step t is instead draw t of numpy's {@code RandomState(seed).uniform()}
 * ({@link NumpyUniforms}), solved when at most r: PyEPO's coin when its module's generator is seeded
 * with the same seed, so a run can follow a PyEPO run coin for coin. The per-call decision of a caching oracle is the
 * other way to solve a fraction of the calls; the two do not combine (the builder refuses a
 * {@link PooledOracle} with r below 1).
 *
 * <p>Cost per batch: B solves (on the executor; none on a batch the coin answers from the pool) and
 * {@code O(B |pool| n)} for the scores.
 */
public abstract class PoolLoss implements StructuredLoss, PooledLoss {

    private final MapOracle oracle;
    private final SolveExecutor executor;
    private final SolutionPool pool;
    private final boolean oracleFeedsPool;
    private final double batchSolveRatio;
    private final long seed;
    private final NumpyUniforms numpyCoins;

    PoolLoss(Builder<?, ?> b) {
        this.oracle = b.oracle;
        this.executor = b.executor();
        this.seed = b.seed();
        if (!(b.batchSolveRatio >= 0 && b.batchSolveRatio <= 1)) {
            throw new IllegalArgumentException("batchSolveRatio must be in [0, 1], got " + b.batchSolveRatio);
        }
        if (b.batchSolveRatio < 1 && b.oracle instanceof PooledOracle) {
            throw new IllegalArgumentException("batchSolveRatio " + b.batchSolveRatio + " decides per batch which rows"
                    + " are solved, but the oracle (" + b.oracle + ") already decides per call: give the loss the"
                    + " solver itself, or leave batchSolveRatio at 1");
        }
        this.batchSolveRatio = b.batchSolveRatio;
        this.numpyCoins = b.coins == Coins.NUMPY ? new NumpyUniforms(seed) : null;
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

    /** The fraction of batches solved ({@link Builder#BATCH_SOLVE_RATIO}); 1 solves every row of every batch. */
    public final double batchSolveRatio() {
        return batchSolveRatio;
    }

    /**
     * Whether the batch of {@code step} is solved: always when {@link #batchSolveRatio()} is 1,
     * otherwise when the uniform draw of the stream (seed, step, 0, 0) is below it, or, with
     * {@link Coins#NUMPY} coins, when numpy's draw number {@code step} is at most it (PyEPO's
     * {@code uniform() <= solve_ratio}).
     */
    public final boolean solvesBatch(long step) {
        if (batchSolveRatio >= 1) {
            return true;
        }
        return numpyCoins != null ? numpyCoins.at(step) <= batchSolveRatio
                : RandomStreams.open(seed, step, 0, 0).nextDouble() < batchSolveRatio;
    }

    /** Where the per-batch solve coins come from ({@link Builder#BATCH_COINS}). */
    public enum Coins {
        /** imle's stream keyed by (seed, step): the default. */
        IMLE,
        /** numpy's {@code RandomState(seed)}, one draw per step in step order: PyEPO's coins. */
        NUMPY;

        /** The coins named {@code imle} or {@code numpy}. */
        public static Coins parse(String name) {
            for (Coins c : values()) {
                if (c.toString().equals(name)) {
                    return c;
                }
            }
            throw new IllegalArgumentException("batchCoins must be imle or numpy, got '" + name + "'");
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

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
        if (batchSolveRatio < 1) {
            decidePerBatch(theta, batchSize, step, decisions);
        } else {
            executor.solve(oracle, batchSize, ThetaRows.stored(theta, n), decisions);
            if (!oracleFeedsPool) {
                for (int row = 0; row < batchSize; row++) {
                    pool.add(decisions, row * n);
                }
            }
            if (pool.size() == 0) {
                pool.commit();
            }
        }
        double[][] pooled = pool.snapshot();
        double[] losses = new double[batchSize];
        for (int row = 0; row < batchSize; row++) {
            losses[row] = rowLoss(theta, supervision, row * n, pooled, gradTheta);
        }
        return new Evaluation(losses, decisions, 1);
    }

    /**
     * One decision for the batch (the class comment): solve every row and commit the solutions
     * before scoring, or answer every row from the pool. A pool that is still empty is solved.
     */
    private void decidePerBatch(double[] theta, int batchSize, long step, double[] decisions) {
        int n = dimension();
        if (pool.size() == 0 || solvesBatch(step)) {
            executor.solve(oracle, batchSize, ThetaRows.stored(theta, n), decisions);
            for (int row = 0; row < batchSize; row++) {
                pool.add(decisions, row * n);
            }
            pool.commit();
            return;
        }
        double[][] pooled = pool.snapshot();
        for (int row = 0; row < batchSize; row++) {
            System.arraycopy(pooled[SolutionPool.bestIndex(pooled, theta, row * n)], 0, decisions, row * n, n);
        }
    }

    /**
     * The builder every pool-based loss extends: the oracle, the fraction of batches solved and,
     * optionally, an explicit pool.
     *
     * @param <B> the concrete builder
     * @param <T> the loss it builds
     */
    public abstract static class Builder<B extends Builder<B, T>, T extends PoolLoss> extends EstimatorBuilder<B, T> {
        /** The fraction of batches solved, with one decision per batch (the class comment; PyEPO's solve_ratio). */
        public static final Setting<Double> BATCH_SOLVE_RATIO = Setting.real("batchSolveRatio", 1.0,
                "in [0, 1]: 1 solves every row of every batch; below 1, one coin per batch (keyed by seed and step)"
                        + " solves the whole batch and pools its solutions before scoring, or answers every row from"
                        + " the pool (PyEPO's solve_ratio); not with a caching oracle");

        /** Where the per-batch coins come from (the class comment). */
        public static final Setting<Coins> BATCH_COINS = Setting.choice("batchCoins", "imle", Coins.IMLE,
                Coins::parse, "imle or numpy: with batchSolveRatio below 1, the coin of step t is imle's stream of"
                        + " (seed, step), or draw t of numpy's RandomState(seed).uniform() (PyEPO's coin, for a run"
                        + " that follows a PyEPO run)");

        private final MapOracle oracle;
        private SolutionPool pool;
        private double batchSolveRatio = BATCH_SOLVE_RATIO.defaultValue();
        private Coins coins = Coins.IMLE;

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

        /** The fraction of batches solved ({@link #BATCH_SOLVE_RATIO}). */
        public final B batchSolveRatio(double ratio) {
            this.batchSolveRatio = ratio;
            return self();
        }

        /** Where the per-batch coins come from ({@link #BATCH_COINS}). */
        public final B batchCoins(Coins c) {
            if (c == null) {
                throw new IllegalArgumentException("batchCoins must not be null");
            }
            this.coins = c;
            return self();
        }
    }
}
