package org.imle.api.execution;

import java.util.function.IntConsumer;

/** Runs tasks in index order on the caller's thread. */
final class SequentialExecutor implements SolveExecutor {

    static final SequentialExecutor INSTANCE = new SequentialExecutor();

    private SequentialExecutor() {
    }

    @Override
    public void run(int tasks, IntConsumer task) {
        for (int i = 0; i < tasks; i++) {
            task.accept(i);
        }
    }

    @Override
    public String toString() {
        return "sequential";
    }
}
