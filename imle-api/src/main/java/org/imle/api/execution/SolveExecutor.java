package org.imle.api.execution;

import java.util.function.IntConsumer;
import org.imle.api.MapOracle;
import org.imle.api.check.Checks;

/**
 * Runs the solves of estimators and structured losses, and the local work around them.
 *
 * <p><b>The row-batch solve contract.</b> Every oracle call of an estimator or loss goes through
 * {@link #solve}: a request is an oracle, a block of theta rows ({@link ThetaRows}) and the array
 * for the block of z rows, answered in row order. Estimators perturb their rows themselves (the noise
 * of a row is keyed by (seed, step, row, sample), see {@link RandomStreams}), so where a row is
 * solved changes nothing: the in-process executors solve rows on the calling thread or a pool, and
 * a distributed one ships the block and the oracle's spec ({@code org.imle.api.registry.OracleSpec},
 * its registry name and parameters) to other JVMs, which rebuild the oracle from the registry.
 *
 * <p>{@link #run} runs indexed tasks in this JVM: drawing noise, summing gradients. A task must
 * depend only on its index; results must not depend on which thread runs it or when. Both methods
 * return after all their work finished, and rethrow the first failure (by task or row index) after
 * the others stopped.
 */
public interface SolveExecutor {

    /** Runs {@code task.accept(i)} for every i in {@code [0, tasks)}, in this JVM. */
    void run(int tasks, IntConsumer task);

    /**
     * Solves {@code rows} rows: writes {@code MAP(theta row r)} into {@code z[r * n .. (r + 1) * n)}
     * for every r in {@code [0, rows)}, with n the oracle's dimension. The default solves them here,
     * spread over {@link #run}'s threads; an executor that ships the rows elsewhere overrides it,
     * and refuses an oracle that carries no spec (one made by hand rather than by the registry) with
     * a message that says so.
     *
     * @throws IllegalArgumentException if an argument is null, rows is negative or z is too short
     */
    default void solve(MapOracle oracle, int rows, ThetaRows theta, double[] z) {
        InProcessSolves.checkRequest(oracle, rows, theta, z);
        int n = oracle.dimension();
        run(rows, r -> InProcessSolves.solveRow(oracle, theta, r, z, n));
    }

    /**
     * Whether {@link #solve} sends rows to other JVMs, which rebuild the oracle from its registry
     * spec: code that makes its oracles by hand then makes them through the registry instead. The
     * in-process executors answer false.
     */
    default boolean shipsSolves() {
        return false;
    }

    /** Runs every task on the calling thread, in index order. */
    static SolveExecutor sequential() {
        return SequentialExecutor.INSTANCE;
    }

    /** Runs tasks on {@code threads} threads (1 means the calling thread only). */
    static SolveExecutor parallel(int threads) {
        Checks.atLeast("threads", threads, 1);
        return threads == 1 ? sequential() : new ParallelExecutor(threads);
    }

    /** Runs tasks on all available processors. */
    static SolveExecutor allCores() {
        return parallel(Runtime.getRuntime().availableProcessors());
    }
}
