package org.imle.examples.cli;

import java.util.Locale;
import org.imle.api.execution.SolveExecutor;
import picocli.CommandLine.Option;

/**
 * {@code --executor inprocess|spark} and {@code --spark-master URL}: who runs the MAP solves. The
 * in-process executor (threads of this JVM, {@code --threads}) is the default; {@code spark} sends
 * blocks of rows to Spark tasks (module imle-spark), embedded {@code local[*]} unless
 * {@code --spark-master} names another master. Results are the same either way. Nothing here
 * touches a Spark class: they load only when {@code spark} is chosen ({@link SparkExecutors}).
 */
public final class ExecutorOptions {

    /** The executors. */
    public enum Kind {
        /** Threads of this JVM. */
        INPROCESS,
        /** Spark tasks, on an embedded or a standalone master. */
        SPARK;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A running executor, which the command closes when it is done. */
    public interface Handle extends AutoCloseable {

        /** The executor. */
        SolveExecutor executor();

        /** Whether solves leave this JVM, so every oracle must come from the registry. */
        boolean ships();

        /** Stops what the executor started (a Spark context); never throws. */
        @Override
        void close();
    }

    @Option(names = "--executor", paramLabel = "NAME",
            description = "Who runs the MAP solves: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}); spark sends "
                    + "blocks of rows to Spark tasks, with the same results.")
    private Kind kind = Kind.INPROCESS;

    @Option(names = "--spark-master", paramLabel = "URL",
            description = "Spark master of --executor spark: local[*] (default, embedded), local[N] or "
                    + "spark://HOST:PORT.")
    private String sparkMaster;

    /** The chosen executor kind. */
    public Kind kind() {
        return kind;
    }

    /**
     * Starts the chosen executor.
     *
     * @param threads the in-process threads, and the Spark driver's threads for local work
     * @param command the command's name, the Spark application's name
     * @throws BadInputException for {@code --spark-master} without {@code --executor spark}
     */
    public Handle open(int threads, String command) {
        if (kind == Kind.INPROCESS) {
            if (sparkMaster != null) {
                throw new BadInputException("--spark-master needs --executor spark");
            }
            SolveExecutor local = SolveExecutor.parallel(threads);
            return new Handle() {
                @Override
                public SolveExecutor executor() {
                    return local;
                }

                @Override
                public boolean ships() {
                    return false;
                }

                @Override
                public void close() {
                }
            };
        }
        return SparkExecutors.start(sparkMaster == null ? "local[*]" : sparkMaster, threads, "imle " + command);
    }
}
