package org.imle.api.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ParallelExecutorTest {

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 8})
    void runsEveryTaskExactlyOnce(int threads) {
        SolveExecutor executor = SolveExecutor.parallel(threads);
        for (int tasks : new int[] {0, 1, 2, 7, 15, 16, 17, 100, 1001, 5000}) {
            AtomicIntegerArray runs = new AtomicIntegerArray(tasks);
            executor.run(tasks, runs::incrementAndGet);
            for (int i = 0; i < tasks; i++) {
                assertEquals(1, runs.get(i), "task " + i + " of " + tasks);
            }
        }
    }

    /** Chunks are never empty and stay numerous enough (8 per thread) to balance uneven solves. */
    @Test
    void chunksKeepEightClaimsPerThread() {
        for (int threads = 2; threads <= 16; threads++) {
            for (int tasks = 1; tasks <= 3000; tasks += 7) {
                int chunk = ParallelExecutor.chunkSize(tasks, threads);
                int chunks = (tasks + chunk - 1) / chunk;
                assertTrue(chunk >= 1, tasks + " tasks on " + threads + " threads");
                assertTrue(chunks >= Math.min(tasks, 8 * threads), tasks + " tasks on " + threads
                        + " threads give only " + chunks + " chunks");
            }
        }
    }

    /** Tasks 13, 40 and 77 fail; whichever thread hits which first, task 13's failure is thrown. */
    @ParameterizedTest
    @ValueSource(ints = {2, 8})
    void reportsTheLowestFailingTaskAfterRunningAllOthers(int threads) {
        SolveExecutor executor = SolveExecutor.parallel(threads);
        for (int rep = 0; rep < 200; rep++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(100);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () ->
                    executor.run(100, i -> {
                        runs.incrementAndGet(i);
                        if (i == 77 || i == 40 || i == 13) {
                            throw new IllegalArgumentException("task " + i);
                        }
                    }));
            assertEquals("task 13", e.getMessage());
            for (int i = 0; i < 100; i++) {
                assertEquals(1, runs.get(i), "task " + i);
            }
        }
    }

    @Test
    void rethrowsErrorsUnwrapped() {
        AssertionError boom = new AssertionError("boom");
        AssertionError thrown = assertThrows(AssertionError.class, () ->
                SolveExecutor.parallel(2).run(10, i -> {
                    if (i == 3) {
                        throw boom;
                    }
                }));
        assertSame(boom, thrown);
    }

    @Test
    void wrapsCheckedExceptionsThrownSneakily() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () ->
                SolveExecutor.parallel(2).run(10, i -> {
                    if (i == 6) {
                        ParallelExecutorTest.<RuntimeException>sneaky(new java.io.IOException("disk"));
                    }
                }));
        assertEquals("solve task 6 failed", e.getMessage());
        assertEquals("disk", e.getCause().getMessage());
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneaky(Throwable t) throws T {
        throw (T) t;
    }

    /**
     * A task may itself run a batch on the same executor (a layer inside a parallel batch). The
     * waiting caller must not depend on helpers still queued behind busy threads, or it hangs.
     */
    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void nestedRunsOnTheSameExecutorFinish(int threads) {
        SolveExecutor executor = SolveExecutor.parallel(threads);
        AtomicIntegerArray runs = new AtomicIntegerArray(16 * 16);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            for (int rep = 0; rep < 50; rep++) {
                executor.run(16, outer -> executor.run(16, inner -> runs.incrementAndGet(outer * 16 + inner)));
            }
        });
        for (int i = 0; i < runs.length(); i++) {
            assertEquals(50, runs.get(i), "task " + i);
        }
    }

    @Test
    void threadCountBelowOneIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SolveExecutor.parallel(0));
        assertEquals("threads must be >= 1, got 0", e.getMessage());
    }

    /** The spin window is read in microseconds; a bad value is refused naming the property and the value. */
    @Test
    void readsTheSpinWindowAndRefusesBadValues() {
        assertEquals(200_000L, ParallelExecutor.spinNanos(null));
        assertEquals(200_000L, ParallelExecutor.spinNanos(" "));
        assertEquals(0L, ParallelExecutor.spinNanos("0"));
        assertEquals(50_000L, ParallelExecutor.spinNanos(" 50 "));
        for (String bad : new String[] {"-1", "abc", "1.5", "1000001"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ParallelExecutor.spinNanos(bad));
            assertEquals("imle.executor.spinMicros must be a whole number of microseconds from 0 to 1000000, got '"
                    + bad + "'", e.getMessage());
        }
    }

    /**
     * An idle helper polling a spinning queue stays runnable through the window (it is not parked
     * when the next batch comes) and takes what is offered; with no window it parks at once.
     */
    @ParameterizedTest
    @ValueSource(longs = {0L, 30_000_000_000L})
    void anIdleHelperSpinsThroughTheWindowBeforeItParks(long spinNanos) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            ParallelExecutor.SpinningQueue queue = new ParallelExecutor.SpinningQueue(spinNanos);
            Runnable[] taken = new Runnable[1];
            Thread helper = new Thread(() -> {
                try {
                    taken[0] = queue.poll(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            helper.start();
            Thread.State expected = spinNanos > 0 ? Thread.State.RUNNABLE : Thread.State.TIMED_WAITING;
            Thread.State seen = helper.getState();
            for (int i = 0; i < 200 && seen != expected; i++) {
                Thread.sleep(5);
                seen = helper.getState();
            }
            Thread.sleep(50);
            assertEquals(expected, helper.getState());
            Runnable batch = () -> { };
            queue.offer(batch);
            helper.join();
            assertSame(batch, taken[0]);
        });
    }

    /** Spinning or not, every task runs once and the executor still nests batches. */
    @ParameterizedTest
    @ValueSource(longs = {0L, 200_000L})
    void runsEveryTaskWhateverTheSpinWindow(long spinNanos) {
        SolveExecutor executor = new ParallelExecutor(2, spinNanos);
        for (int rep = 0; rep < 50; rep++) {
            AtomicIntegerArray runs = new AtomicIntegerArray(64);
            executor.run(8, outer -> executor.run(8, inner -> runs.incrementAndGet(outer * 8 + inner)));
            for (int i = 0; i < 64; i++) {
                assertEquals(1, runs.get(i), "task " + i);
            }
        }
    }
}
