package org.imle.api.execution;

import java.util.function.IntConsumer;
import org.imle.api.check.Checks;

/**
 * Runs a batch of independent solve tasks. Estimators hand their 2 * B * S oracle calls to one of
 * these and nothing else, so a distributed engine can take them behind this interface.
 *
 * <p>A task must depend only on its index; results must not depend on which thread runs it or
 * when. {@link #run} returns after every task finished, and rethrows the first failure (by task
 * index) after the others stopped.
 */
public interface SolveExecutor {

    /** Runs {@code task.accept(i)} for every i in {@code [0, tasks)}. */
    void run(int tasks, IntConsumer task);

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
