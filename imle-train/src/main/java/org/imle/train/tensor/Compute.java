package org.imle.train.tensor;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntConsumer;
import org.imle.api.execution.SolveExecutor;

/**
 * The threads used by tensor kernels (matrix products, convolutions). Work is always split into
 * tasks whose results do not depend on which thread runs them, and never into partial sums that
 * are reduced in a thread-dependent order, so every result is bit-identical for any thread count.
 *
 * <p>A parallel loop started inside another one runs sequentially on the calling thread, so
 * kernels may nest without deadlock or oversubscription.
 */
public final class Compute {

    private static final ConcurrentHashMap<Integer, SolveExecutor> EXECUTORS = new ConcurrentHashMap<>();
    private static final ThreadLocal<boolean[]> INSIDE = ThreadLocal.withInitial(() -> new boolean[1]);
    private static volatile int threads = Runtime.getRuntime().availableProcessors();

    private Compute() {
    }

    /** Sets the number of threads (at least 1) used by all kernels from now on. */
    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + n);
        }
        threads = n;
    }

    /** The number of threads kernels use. */
    public static int threads() {
        return threads;
    }

    /**
     * Whether a {@link #parallelFor} started now would run its tasks on other threads: false with
     * one thread, or inside a task of another parallel loop. Kernels that pay a set-up cost per task
     * (the matrix product packs its B panels once per task) run as one task when it is false.
     */
    static boolean wouldSplit() {
        return threads > 1 && !INSIDE.get()[0];
    }

    /** Runs {@code task.accept(i)} for i in [0, tasks), in parallel when worthwhile. */
    public static void parallelFor(int tasks, IntConsumer task) {
        boolean[] inside = INSIDE.get();
        int t = threads;
        if (t == 1 || tasks <= 1 || inside[0]) {
            for (int i = 0; i < tasks; i++) {
                task.accept(i);
            }
            return;
        }
        SolveExecutor ex = EXECUTORS.computeIfAbsent(t, SolveExecutor::parallel);
        ex.run(tasks, i -> {
            boolean[] flag = INSIDE.get();
            boolean was = flag[0];
            flag[0] = true;
            try {
                task.accept(i);
            } finally {
                flag[0] = was;
            }
        });
    }
}
