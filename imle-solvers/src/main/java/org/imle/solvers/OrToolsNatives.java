package org.imle.solvers;

import com.google.ortools.Loader;
import com.sun.jna.Platform;
import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URL;
import java.nio.file.Path;

/**
 * Loads the OR-Tools native libraries once per class loader. Every oracle that touches OR-Tools
 * calls {@link #load()} in its constructor, so users never have to.
 *
 * <p>On Linux and macOS the libraries are loaded from a folder unpacked once per OR-Tools version
 * into the user's cache ({@link UnpackedNatives#defaultRoot()}: the system property
 * {@code imle.nativeCache}, else {@code $XDG_CACHE_HOME/imle/natives} or
 * {@code ~/.cache/imle/natives}), not from the new temporary folder of 65 MB that OR-Tools' own
 * {@link Loader} unpacks at every start and leaves behind when the JVM is killed. Where that
 * cannot be done (Windows,
 * whose libraries the {@code Loader} loads one by one; natives outside a jar file; a cache that
 * cannot be written), the {@code Loader} loads them as before.
 */
public final class OrToolsNatives {

    private static final System.Logger LOG = System.getLogger(OrToolsNatives.class.getName());

    private OrToolsNatives() {
    }

    /** Loads the natives on first use; later calls only touch an initialised class. */
    public static void load() {
        Holder.touch();
    }

    /** The folder the natives were loaded from, or null when OR-Tools' own loader loaded them. */
    public static Path cachedFolder() {
        return Holder.FOLDER;
    }

    // The holder idiom gives thread-safe, exactly-once loading without a lock on every call.
    private static final class Holder {
        static final Path FOLDER = loadFromCache();

        static {
            if (FOLDER == null) {
                Loader.loadNativeLibraries();
            }
        }

        static void touch() {
        }
    }

    private static Path loadFromCache() {
        if (Platform.isWindows()) {
            return null;
        }
        URL resource = Loader.class.getClassLoader().getResource("ortools-" + Platform.RESOURCE_PREFIX + "/");
        if (resource == null) {
            return null; // the Loader gives its own error about the missing platform jar
        }
        Path folder;
        try {
            folder = UnpackedNatives.unpack(resource, UnpackedNatives.defaultRoot());
            System.load(folder.resolve(System.mapLibraryName("jniortools")).toAbsolutePath().toString());
        } catch (IOException | UnsatisfiedLinkError | SecurityException e) {
            LOG.log(System.Logger.Level.WARNING, "OR-Tools natives not loaded from the cache (" + e
                    + "); unpacking them into a temporary folder instead");
            return null;
        }
        markLoaded();
        return folder;
    }

    /**
     * Tells OR-Tools' {@link Loader} that its libraries are in, so that a later call of it (user
     * code's, say) does not unpack and load a second copy.
     */
    private static void markLoaded() {
        try {
            Field loaded = Loader.class.getDeclaredField("loaded");
            loaded.setAccessible(true);
            synchronized (Loader.class) { // the Loader's methods are static synchronized
                loaded.setBoolean(null, true);
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not mark OR-Tools' Loader as loaded: " + e);
        }
    }
}
