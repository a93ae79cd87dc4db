package org.imle.djl;

import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.JniUtils;

/**
 * Starts libtorch the way imle needs it: offline, with a fixed number of intra-op threads, and
 * seeded. With DJL the same seed and thread count give the same numbers; libtorch's reductions
 * split work by thread, so a different thread count may change the last bits (the pure-Java engine
 * of imle-train gives the same numbers on any thread count).
 *
 * <p>Offline is not optional: left alone, DJL's engine tries to reach a usage-tracking address at
 * start-up. {@link #start} refuses to load the engine unless {@code ai.djl.offline=true} was set
 * before (imle's launcher and test JVMs set it on the command line, which is the only place early
 * enough for every DJL class).
 */
public final class DjlRuntime {

    /** The engine imle-djl runs on. */
    public static final String ENGINE = "PyTorch";

    private DjlRuntime() {
    }

    /**
     * Loads libtorch (once per JVM) and sets its intra-op thread count and random seed.
     *
     * @param threads intra-op threads, at least 1 (inter-op threads are set to 1: imle runs one op
     *     at a time)
     * @param seed the seed of libtorch's generator (initial weights, dropout; DJL takes an int)
     * @return the engine
     * @throws IllegalStateException if {@code ai.djl.offline} is not {@code true}
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static Engine start(int threads, int seed) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        requireOffline();
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        Engine engine = Engine.getEngine(ENGINE);
        JniUtils.setNumThreads(threads);
        engine.setRandomSeed(seed);
        return engine;
    }

    /** libtorch's intra-op thread count now. */
    public static int threads() {
        return JniUtils.getNumThreads();
    }

    /**
     * Throws unless DJL is told to stay offline.
     *
     * @throws IllegalStateException naming the property to set
     */
    public static void requireOffline() {
        if (!"true".equals(System.getProperty("ai.djl.offline"))) {
            throw new IllegalStateException("DJL must run offline: start the JVM with -Dai.djl.offline=true"
                    + " (the ./imle launcher and the project's tests do)");
        }
    }
}
