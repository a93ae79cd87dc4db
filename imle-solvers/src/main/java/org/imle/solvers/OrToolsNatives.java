package org.imle.solvers;

import com.google.ortools.Loader;

/**
 * Loads the OR-Tools native libraries once per class loader. Every oracle that touches OR-Tools
 * calls {@link #load()} in its constructor, so users never have to.
 */
public final class OrToolsNatives {

    private OrToolsNatives() {
    }

    /** Loads the natives on first use; later calls only touch an initialised class. */
    public static void load() {
        Holder.touch();
    }

    // The holder idiom gives thread-safe, exactly-once loading without a lock on every call.
    private static final class Holder {
        static {
            Loader.loadNativeLibraries();
        }

        static void touch() {
        }
    }
}
