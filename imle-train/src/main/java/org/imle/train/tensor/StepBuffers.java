package org.imle.train.tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Float arrays for activations and gradients (and the int arrays some operations keep for
 * their backward), reused from one training step to the next: the
 * trainer opens {@link #step()} around each step, operations on that thread take their result and
 * gradient arrays with {@link #floats}, and the next {@code step()} hands the same arrays out
 * again. Steps of one network at one batch size ask for the same lengths in the same order, so
 * after the first step they allocate no activation or gradient array at all.
 *
 * <p>An array taken in a step stays valid until the next {@code step()} of the same pool: what a
 * caller reads after the step (the loss value, statistics) it must read before then, or copy.
 * Outside a step scope {@link #floats} allocates, as before. Leaves (parameters and their
 * gradients) are never taken from a pool.
 *
 * <p>Every array from {@link #floats} is handed out zeroed, as {@code new float[n]} is, so no
 * operation's numbers depend on whether its array was reused; {@link #overwritten} skips the
 * zeroing for an array its caller writes whole before reading. Not thread-safe: one pool per training thread; kernels'
 * worker threads have no pool and allocate.
 */
public final class StepBuffers {

    private static final ThreadLocal<StepBuffers> ACTIVE = new ThreadLocal<>();

    /** The arrays of one length, those below {@code next} lent out in the current step. */
    private static final class Bucket<A> {
        final int length;
        final List<A> arrays = new ArrayList<>();
        int next;

        Bucket(int length) {
            this.length = length;
        }

        /** The next array lent in this step: one of an earlier step, or a new one. */
        A lend(IntFunction<A> create) {
            if (next == arrays.size()) {
                arrays.add(create.apply(length));
            }
            return arrays.get(next++);
        }
    }

    private final List<Bucket<float[]>> buckets = new ArrayList<>();
    /** Int arrays (the winners of max pooling), pooled the same way. */
    private final List<Bucket<int[]>> intBuckets = new ArrayList<>();
    private final Scope scope = new Scope();
    private Bucket<float[]> last;
    private boolean open;

    /**
     * Starts a step on this thread: every array lent in earlier steps may be handed out again.
     *
     * @throws IllegalStateException if a step of this pool is already open
     */
    public Scope step() {
        if (open) {
            throw new IllegalStateException("a step of this buffer pool is already open");
        }
        for (Bucket<float[]> b : buckets) {
            b.next = 0;
        }
        for (Bucket<int[]> b : intBuckets) {
            b.next = 0;
        }
        open = true;
        ACTIVE.set(this);
        return scope;
    }

    /** A zeroed array of length n: from this thread's open step's pool if there is one, else new. */
    public static float[] floats(int n) {
        StepBuffers pool = ACTIVE.get();
        return pool == null ? new float[n] : pool.take(n, true);
    }

    /**
     * An array of length n whose every element the caller writes before anything reads it: from
     * the open step's pool without zeroing it (its contents are those of an earlier step), else
     * new. For results an operation overwrites whole (a matrix product's output, unfolded columns,
     * an element-wise result), where the zeroing of {@link #floats} was a tenth of a patch-network
     * step's time; an operation that adds into its array, or leaves some of it, takes
     * {@link #floats}.
     */
    public static float[] overwritten(int n) {
        StepBuffers pool = ACTIVE.get();
        return pool == null ? new float[n] : pool.take(n, false);
    }

    /**
     * An int array of length n whose every element the caller writes before anything reads it
     * (such as the index of each pooling window's winner): from the open step's pool, not zeroed,
     * else new.
     */
    public static int[] ints(int n) {
        StepBuffers pool = ACTIVE.get();
        return pool == null ? new int[n] : find(pool.intBuckets, n).lend(int[]::new);
    }

    /** Floats held by this pool (for tests and logs); int arrays count as one float an element. */
    public long heldFloats() {
        long sum = 0;
        for (Bucket<float[]> b : buckets) {
            sum += (long) b.length * b.arrays.size();
        }
        for (Bucket<int[]> b : intBuckets) {
            sum += (long) b.length * b.arrays.size();
        }
        return sum;
    }

    private float[] take(int n, boolean zeroed) {
        Bucket<float[]> b = last != null && last.length == n ? last : find(buckets, n);
        last = b;
        boolean reused = b.next < b.arrays.size();
        float[] a = b.lend(float[]::new);
        if (reused && zeroed) {
            Arrays.fill(a, 0f);
        }
        return a;
    }

    private static <A> Bucket<A> find(List<Bucket<A>> list, int n) {
        for (Bucket<A> b : list) {
            if (b.length == n) {
                return b;
            }
        }
        Bucket<A> b = new Bucket<>(n);
        list.add(b);
        return b;
    }

    /** The open step; closing it stops lending (the arrays stay valid until the next step). */
    public final class Scope implements AutoCloseable {
        private Scope() {
        }

        @Override
        public void close() {
            if (open) {
                open = false;
                ACTIVE.remove();
            }
        }
    }
}
