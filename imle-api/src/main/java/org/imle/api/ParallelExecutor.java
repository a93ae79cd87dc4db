package org.imle.api;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs tasks on a fixed set of daemon threads plus the caller. Workers claim task indices from a
 * shared counter, so the work balances itself when solves take uneven time; which thread runs which
 * task never affects results, because every task depends only on its index. A failing task does
 * not stop the others, so the failure reported (the lowest failing index) is the same every run.
 */
final class ParallelExecutor implements SolveExecutor {

    private final int threads;
    private final ExecutorService pool;

    ParallelExecutor(int threads) {
        this.threads = threads;
        AtomicInteger count = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "imle-solve-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public void run(int tasks, IntConsumer task) {
        if (tasks <= 1) {
            SequentialExecutor.INSTANCE.run(tasks, task);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        Throwable[] firstFailure = new Throwable[1];
        int[] failedIndex = {Integer.MAX_VALUE};
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < tasks; i = next.getAndIncrement()) {
                try {
                    task.accept(i);
                } catch (RuntimeException | Error e) {
                    synchronized (firstFailure) {
                        if (i < failedIndex[0]) {
                            failedIndex[0] = i;
                            firstFailure[0] = e;
                        }
                    }
                }
            }
        };
        int helpers = Math.min(threads - 1, tasks - 1);
        Future<?>[] futures = new Future<?>[helpers];
        for (int h = 0; h < helpers; h++) {
            futures[h] = pool.submit(worker);
        }
        worker.run();
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for solve tasks", e);
            } catch (ExecutionException e) {
                throw new IllegalStateException("solve worker failed", e.getCause());
            }
        }
        Throwable failure = firstFailure[0];
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
    }

    @Override
    public String toString() {
        return "parallel(" + threads + ")";
    }
}
