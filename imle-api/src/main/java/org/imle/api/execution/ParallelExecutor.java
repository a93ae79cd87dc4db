package org.imle.api.execution;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * Runs tasks on a fixed set of daemon threads plus the caller. Workers claim chunks of consecutive
 * task indices (about eight per thread, see {@link #chunkSize}) from a shared counter, so the work
 * balances itself when solves take uneven time while microsecond solves do not contend on the
 * counter; which thread runs which task never affects results, because every task depends only on
 * its index. A failing task does
 * not stop the others, so the failure reported (the lowest failing index) is the same every run.
 *
 * <p>The caller waits for the tasks to finish, not for the helper threads it asked for: a helper
 * still queued behind busy threads has nothing left to claim when it starts. This is what lets a
 * task run a nested batch on the same executor without deadlock. Idle threads stop after a minute,
 * so an executor that is dropped does not keep threads alive.
 *
 * <p>A helper that runs out of work first spins for {@link #spinNanos the spin window} before it parks: a step
 * or a gradient request hands this executor several batches in a row (noise, forward solves,
 * target solves, sums) a few microseconds apart, and waking a parked thread costs tens of
 * microseconds on a virtual machine, long enough that the caller had claimed most of a short
 * batch alone (measured: the caller ran 102 of 159 solve samples of a 70 x 144 request on two
 * threads). OpenMP's runtime, which PyTorch's intra-op threads use, spins for the same reason.
 * The caller, done with its own chunks, polls the same window for the helpers' last ones before it
 * waits. The system property {@value #SPIN_PROPERTY} sets the window (0: park at once).
 */
final class ParallelExecutor implements SolveExecutor {

    private final int threads;
    private final long spinNanos;
    private final ThreadPoolExecutor pool;

    ParallelExecutor(int threads) {
        this(threads, spinNanos(System.getProperty(SPIN_PROPERTY)));
    }

    /** An executor whose idle threads spin for {@code spinNanos} before they park (tests compare). */
    ParallelExecutor(int threads, long spinNanos) {
        this.threads = threads;
        this.spinNanos = spinNanos;
        AtomicInteger count = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads - 1, threads - 1, 60, TimeUnit.SECONDS,
                new SpinningQueue(spinNanos), r -> {
                    Thread t = new Thread(r, "imle-solve-" + count.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        this.pool.allowCoreThreadTimeOut(true);
    }

    @Override
    public void run(int tasks, IntConsumer task) {
        if (tasks <= 1) {
            SequentialExecutor.INSTANCE.run(tasks, task);
            return;
        }
        int chunk = chunkSize(tasks, threads);
        int chunks = (tasks + chunk - 1) / chunk;
        AtomicInteger next = new AtomicInteger();
        CountDownLatch finished = new CountDownLatch(chunks);
        Throwable[] firstFailure = new Throwable[1];
        int[] failedIndex = {Integer.MAX_VALUE};
        Runnable worker = () -> {
            for (int c = next.getAndIncrement(); c < chunks; c = next.getAndIncrement()) {
                int end = (int) Math.min(tasks, (long) (c + 1) * chunk);
                for (int i = c * chunk; i < end; i++) {
                    try {
                        task.accept(i);
                    } catch (Throwable e) { // checked ones too, if a task throws them sneakily
                        synchronized (firstFailure) {
                            if (i < failedIndex[0]) {
                                failedIndex[0] = i;
                                firstFailure[0] = e;
                            }
                        }
                    }
                }
                finished.countDown();
            }
        };
        int helpers = Math.min(threads - 1, chunks - 1);
        for (int h = 0; h < helpers; h++) {
            pool.execute(worker);
        }
        worker.run();
        try {
            // the helpers' last chunks end within microseconds of the caller's: poll before parking
            long start = System.nanoTime();
            while (finished.getCount() > 0 && System.nanoTime() - start < spinNanos) {
                Thread.onSpinWait();
            }
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for solve tasks", e);
        }
        Throwable failure;
        synchronized (firstFailure) {
            failure = firstFailure[0];
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error err) {
            throw err;
        }
        if (failure != null) {
            throw new IllegalStateException("solve task " + failedIndex[0] + " failed", failure);
        }
    }

    /** The system property of the spin window, in microseconds. */
    static final String SPIN_PROPERTY = "imle.executor.spinMicros";

    /**
     * The spin window, in nanoseconds, of a value of {@link #SPIN_PROPERTY} (null or blank: the
     * default of 200 microseconds).
     */
    static long spinNanos(String micros) {
        if (micros == null || micros.isBlank()) {
            return 200_000L;
        }
        try {
            long value = Long.parseLong(micros.trim());
            if (value >= 0 && value <= 1_000_000) {
                return value * 1000;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("imle.executor.spinMicros must be a whole number of microseconds"
                + " from 0 to 1000000, got '" + micros + "'");
    }

    /**
     * The helpers' work queue: taking from it polls for up to the spin window before blocking. Only
     * the idle helpers spin; a queue with work answers at once, as a {@link LinkedBlockingQueue}.
     */
    static final class SpinningQueue extends LinkedBlockingQueue<Runnable> {

        private static final long serialVersionUID = 1L;

        private final long spinNanos;

        SpinningQueue(long spinNanos) {
            this.spinNanos = spinNanos;
        }

        @Override
        public Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
            Runnable r = spin();
            return r != null ? r : super.poll(timeout, unit);
        }

        @Override
        public Runnable take() throws InterruptedException {
            Runnable r = spin();
            return r != null ? r : super.take();
        }

        private Runnable spin() {
            if (spinNanos == 0) {
                return null;
            }
            long start = System.nanoTime();
            do {
                Runnable r = poll();
                if (r != null) {
                    return r;
                }
                Thread.onSpinWait();
            } while (System.nanoTime() - start < spinNanos);
            return null;
        }
    }

    /**
     * Tasks per claim: about 8 claims per thread, so that threads still balance uneven solves,
     * while a batch of microsecond solves does not pay one shared-counter update and one latch
     * count per task. Only speed depends on it: every task still depends on its index alone.
     */
    static int chunkSize(int tasks, int threads) {
        return Math.max(1, tasks / (8 * threads));
    }

    @Override
    public String toString() {
        return "parallel(" + threads + ")";
    }
}
