package org.imle.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.imle.api.MapOracle;
import org.imle.api.registry.OracleSpec;
import org.imle.api.registry.Oracles;

/**
 * The oracles of one executor JVM: each spec is built once, through the plug-in registry the JVM's
 * class path gives, and reused by every later task of any job (oracles are thread-safe, so the task
 * threads of one executor share it). An OR-Tools model is thus built once per executor, not once per
 * task.
 */
final class ExecutorOracles {

    private static final Map<OracleSpec, MapOracle> BUILT = new ConcurrentHashMap<>();
    private static volatile Oracles registry;

    private ExecutorOracles() {
    }

    /**
     * The oracle {@code spec} names, built on first use.
     *
     * @throws SparkSolveException when this JVM's registry cannot build it (the plug-in is missing)
     */
    static MapOracle get(OracleSpec spec) {
        MapOracle oracle = BUILT.get(spec);
        return oracle != null ? oracle : BUILT.computeIfAbsent(spec, ExecutorOracles::build);
    }

    /** How many distinct oracles this JVM has built. */
    static int built() {
        return BUILT.size();
    }

    private static MapOracle build(OracleSpec spec) {
        try {
            return spec.create(registry());
        } catch (RuntimeException e) {
            throw new SparkSolveException("a Spark executor on " + host() + " cannot build oracle " + spec
                    + " from its spec: " + e.getMessage() + " (is the oracle's plug-in jar on the executors' class"
                    + " path? see spark.jars and spark.executor.extraClassPath)", e);
        }
    }

    private static Oracles registry() {
        Oracles r = registry;
        if (r == null) {
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            r = Oracles.discover(loader != null ? loader : ExecutorOracles.class.getClassLoader());
            registry = r;
        }
        return r;
    }

    private static String host() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName() + " (pid " + ProcessHandle.current().pid() + ")";
        } catch (java.net.UnknownHostException e) {
            return "an unknown host (pid " + ProcessHandle.current().pid() + ")";
        }
    }
}
