package org.imle.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import org.apache.spark.SparkConf;
import org.apache.spark.SparkException;
import org.apache.spark.api.java.JavaSparkContext;
import org.imle.api.MapOracle;
import org.imle.api.check.Checks;
import org.imle.api.execution.RoutingOracle;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.execution.ThetaRows;
import org.imle.api.registry.OracleSpec;

/**
 * A {@link SolveExecutor} whose solves run as Spark jobs: a request's theta rows are written into
 * one block on the driver ({@link ThetaRows#block}), cut into one contiguous slice per task, and
 * solved on the executors, each of which builds the oracle once from its {@link OracleSpec} through
 * its own plug-in registry and keeps it for every later task. The z rows come back in row order, so
 * a training run gives the numbers of an in-process run with the same seed, bit for bit: the noise
 * is drawn on the driver, keyed by row, and only the deterministic solves travel. A task lost with an
 * executor is run again by Spark on another one, with the same answer. A {@link RoutingOracle} (a
 * solution cache) answers its local rows on the driver and only its routed rows travel.
 *
 * <p>{@link #run} (noise, gradient sums) stays on the driver, on {@code driverThreads} threads.
 *
 * <p>Every address is loopback unless the caller says otherwise: the driver binds to and advertises
 * {@code 127.0.0.1}, and the web UI is off ({@code spark.ui.enabled=false}); any {@code spark.*}
 * system property or {@link Builder#conf} entry overrides these. For a standalone master the
 * executors get the driver's class path ({@code spark.executor.extraClassPath}) unless
 * {@code spark.jars} or that key is set, which suits workers on the same machine or with the same
 * paths on a shared file system.
 *
 * <p>Thread-safe: requests from several threads run as concurrent Spark jobs. Close it to stop the
 * Spark context.
 */
public final class SparkSolveExecutor implements SolveExecutor, AutoCloseable {

    /** The master of an embedded Spark that uses every core of this machine. */
    public static final String LOCAL = "local[*]";

    private final JavaSparkContext spark;
    private final SolveExecutor driver;
    private final int tasksPerRequest;

    private SparkSolveExecutor(JavaSparkContext spark, SolveExecutor driver, int tasksPerRequest) {
        this.spark = spark;
        this.driver = driver;
        this.tasksPerRequest = tasksPerRequest;
    }

    /** A builder with the embedded master {@value #LOCAL}. */
    public static Builder builder() {
        return new Builder();
    }

    /** The Spark context's master URL. */
    public String master() {
        return spark.master();
    }

    /** The tasks one request is cut into: the cores Spark offers, unless the builder fixed it. */
    public int tasksPerRequest() {
        return tasksPerRequest > 0 ? tasksPerRequest : Math.max(1, spark.defaultParallelism());
    }

    /** True: the solves run in the Spark executors' JVMs. */
    @Override
    public boolean shipsSolves() {
        return true;
    }

    @Override
    public void run(int tasks, IntConsumer task) {
        driver.run(tasks, task);
    }

    /**
     * Solves the rows on the Spark executors; of a {@link RoutingOracle} (a solution cache), only
     * the rows it routes to its solver.
     *
     * @throws IllegalArgumentException for an oracle made by hand (it has no spec to ship) or a bad
     *     request, as the in-process executors refuse it
     * @throws SparkSolveException when an executor cannot build the oracle or the job fails for a
     *     reason outside the oracle; the oracle's own exception when it fails on a row
     */
    @Override
    public void solve(MapOracle oracle, int rows, ThetaRows theta, double[] z) {
        if (oracle == null || theta == null || z == null) {
            throw new IllegalArgumentException("oracle, theta rows and z must not be null");
        }
        Checks.atLeast("rows", rows, 0);
        int n = oracle.dimension();
        if (z.length < (long) rows * n) {
            throw new IllegalArgumentException("z has length " + z.length + ", expected at least " + rows
                    + " rows x dimension " + n + " = " + (long) rows * n);
        }
        if (rows == 0) {
            return;
        }
        if (oracle instanceof RoutingOracle routing) {
            // a cache's answers stay here; only the rows it routes to its solver travel
            RoutingOracle.solve(routing, rows, theta, z, this);
            return;
        }
        OracleSpec spec = OracleSpec.required(oracle, "spark");
        double[] block = ThetaRows.block(theta, rows, n);
        int tasks = Math.min(rows, tasksPerRequest());
        List<RowBlock> slices = new ArrayList<>(tasks);
        for (int t = 0; t < tasks; t++) {
            int first = (int) ((long) rows * t / tasks);
            int end = (int) ((long) rows * (t + 1) / tasks);
            double[] part = new double[(end - first) * n];
            System.arraycopy(block, first * n, part, 0, part.length);
            slices.add(new RowBlock(first, end - first, part));
        }
        List<double[]> answers;
        try {
            answers = spark.parallelize(slices, tasks).map(new SolveBlock(spec)).collect();
        } catch (Exception e) { // Scala code throws SparkException, a checked exception, undeclared
            throw unwrap(e, spec);
        }
        int at = 0;
        for (double[] answer : answers) {
            System.arraycopy(answer, 0, z, at, answer.length);
            at += answer.length;
        }
    }

    /**
     * What a failed job means for the caller: the oracle's own exception when an executor sent it
     * back (so the CLI reports it as an in-process run would), otherwise one line on what Spark said.
     */
    private RuntimeException unwrap(Exception e, OracleSpec spec) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SparkSolveException s) {
                return new SparkSolveException(s.getMessage(), e);
            }
            if (t != e && t instanceof RuntimeException r && !(t instanceof SparkException)) {
                return r;
            }
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        if (spark.sc().isStopped()) {
            return new SparkSolveException("the Spark context of master " + master() + " has stopped (the master or"
                    + " every executor was lost?) while solving oracle " + spec + ": " + message, e);
        }
        return new SparkSolveException("a Spark job solving oracle " + spec + " on " + master() + " failed: "
                + message, e);
    }

    /** Stops the Spark context. */
    @Override
    public void close() {
        spark.stop();
    }

    @Override
    public String toString() {
        return "spark(" + master() + ")";
    }

    /** The settings of a {@link SparkSolveExecutor}, each with a default. */
    public static final class Builder {

        private String master = LOCAL;
        private String appName = "imle";
        private int driverThreads = Runtime.getRuntime().availableProcessors();
        private int tasksPerRequest;
        private final Map<String, String> conf = new TreeMap<>();

        private Builder() {
        }

        /** The master URL: {@code local}, {@code local[N]}, {@code local[*]} or {@code spark://HOST:PORT}. */
        public Builder master(String url) {
            this.master = SparkMasters.check(url);
            return this;
        }

        /** The application's name in the master's list. */
        public Builder appName(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("the Spark application name must not be blank");
            }
            this.appName = name;
            return this;
        }

        /** The driver's threads for the local work of {@link SolveExecutor#run} (default: all cores). */
        public Builder driverThreads(int threads) {
            this.driverThreads = Checks.atLeast("driver threads", threads, 1);
            return this;
        }

        /** Cuts every request into this many tasks (default 0: as many as Spark has cores). */
        public Builder tasksPerRequest(int tasks) {
            this.tasksPerRequest = Checks.atLeast("tasks per request", tasks, 0);
            return this;
        }

        /** Sets one Spark configuration entry, over the defaults and the {@code spark.*} system properties. */
        public Builder conf(String key, String value) {
            if (key == null || !key.startsWith("spark.") || value == null) {
                throw new IllegalArgumentException("a Spark setting is spark.KEY=VALUE, got " + key + "=" + value);
            }
            conf.put(key, value);
            return this;
        }

        /**
         * Starts the Spark context; for a standalone master, first checks that it answers.
         *
         * @throws SparkSolveException when the master cannot be reached or Spark does not start
         */
        public SparkSolveExecutor start() {
            SparkMasters.checkReachable(master);
            SparkConf sc = new SparkConf(true).setMaster(master).setAppName(appName)
                    .setIfMissing("spark.driver.bindAddress", "127.0.0.1")
                    .setIfMissing("spark.driver.host", "127.0.0.1")
                    .setIfMissing("spark.ui.enabled", "false")
                    .setIfMissing("spark.ui.showConsoleProgress", "false");
            if (master.startsWith("spark://") && !sc.contains("spark.jars")) {
                sc.setIfMissing("spark.executor.extraClassPath", System.getProperty("java.class.path"));
            }
            conf.forEach(sc::set);
            JavaSparkContext context;
            try {
                context = new JavaSparkContext(sc);
            } catch (RuntimeException e) {
                throw new SparkSolveException("Spark did not start on master " + master + ": " + e.getMessage(), e);
            }
            if (context.sc().isStopped()) {
                throw new SparkSolveException("the Spark master " + master + " did not accept the application");
            }
            return new SparkSolveExecutor(context, SolveExecutor.parallel(driverThreads), tasksPerRequest);
        }
    }
}
