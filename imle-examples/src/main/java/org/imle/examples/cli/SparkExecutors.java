package org.imle.examples.cli;

import org.imle.api.execution.SolveExecutor;
import org.imle.spark.SparkSolveExecutor;

/**
 * Starts {@link SparkSolveExecutor} for {@link ExecutorOptions}; the only class of the command line
 * that names a Spark type, so that a run without {@code --executor spark} never loads Spark.
 */
final class SparkExecutors {

    private SparkExecutors() {
    }

    static ExecutorOptions.Handle start(String master, int driverThreads, String appName) {
        SparkSolveExecutor spark = SparkSolveExecutor.builder().master(master).driverThreads(driverThreads)
                .appName(appName).start();
        return new ExecutorOptions.Handle() {
            @Override
            public SolveExecutor executor() {
                return spark;
            }

            @Override
            public boolean ships() {
                return true;
            }

            @Override
            public void close() {
                spark.close();
            }
        };
    }
}
