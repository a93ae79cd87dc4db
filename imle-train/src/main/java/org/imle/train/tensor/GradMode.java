package org.imle.train.tensor;

/**
 * Switches graph recording off for the current thread, for evaluation and for optimiser updates:
 * <pre>
 *   try (GradMode.Scope s = GradMode.off()) { Tensor y = model.forward(x); }
 * </pre>
 * Inside the scope operations compute values only; no backward closures are kept, so memory is
 * freed as soon as a result is no longer used. Scopes nest.
 */
public final class GradMode {

    private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

    private GradMode() {
    }

    /** Whether operations on this thread record the graph. */
    public static boolean enabled() {
        return DEPTH.get()[0] == 0;
    }

    /** Turns recording off until the returned scope is closed. */
    public static Scope off() {
        DEPTH.get()[0]++;
        return new Scope();
    }

    /** A no-grad region; closing it restores the previous mode. */
    public static final class Scope implements AutoCloseable {
        private boolean closed;

        private Scope() {
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                DEPTH.get()[0]--;
            }
        }
    }
}
