package org.imle.api.registry;

import java.util.function.Consumer;

/**
 * How a plug-in base hands its factories straight to a registry, without building a Guice injector
 * ({@link PluginMaps}): while {@link #run} runs, {@link #offer} takes each factory the plug-in
 * registers; otherwise it refuses, and the base binds the factory with Guice. One instance per
 * plug-in; the bases call {@link #run} under their own lock.
 *
 * @param <F> the kind of factory
 */
final class DirectRegistration<F> {

    private Consumer<F> sink;

    /** True when a direct registration is running and has taken {@code factory}. */
    boolean offer(F factory) {
        if (sink == null) {
            return false;
        }
        sink.accept(factory);
        return true;
    }

    /** Runs {@code registerAll}, its factories going to {@code to}. */
    void run(Consumer<F> to, Runnable registerAll) {
        sink = to;
        try {
            registerAll.run();
        } finally {
            sink = null;
        }
    }
}
