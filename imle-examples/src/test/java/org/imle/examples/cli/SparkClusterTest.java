package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code imle ilp} on a real Spark standalone cluster: a master and two one-core workers as separate
 * JVMs on 127.0.0.1. The run's metrics equal the in-process run's, also when one worker is killed
 * (SIGKILL) in the middle of the run; no JVM of the cluster or the driver listens on anything but
 * loopback; an executor without the oracle's plug-in gives one clear line and no output file.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkClusterTest {

    private static final String[] ILP = {"ilp", "--problem", "knapsack", "--estimator", "imle", "--epochs", "2",
        "--train", "64", "--test", "16", "--batch", "16", "--seed", "3", "--threads", "2"};

    @TempDir
    static Path dir;

    private static StandaloneCluster cluster;
    private static List<String> inProcess;

    @BeforeAll
    static void start() throws Exception {
        cluster = StandaloneCluster.start(2, dir);
        // the executors get this class path, which holds every module and plug-in
        System.setProperty("spark.executor.extraClassPath", StandaloneCluster.testClassPath());
        System.setProperty("spark.executor.memory", "512m");
        System.setProperty("spark.cores.max", "2");
        // the first job waits for both executors, so every run starts on two JVMs
        System.setProperty("spark.scheduler.minRegisteredResourcesRatio", "1.0");
        System.setProperty("spark.scheduler.maxRegisteredResourcesWaitingTime", "120s");
        inProcess = metrics(run(dir.resolve("in-process"), ILP));
    }

    @AfterAll
    static void stop() {
        for (String key : List.of("spark.executor.extraClassPath", "spark.executor.memory", "spark.cores.max",
                "spark.scheduler.minRegisteredResourcesRatio", "spark.scheduler.maxRegisteredResourcesWaitingTime")) {
            System.clearProperty(key);
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    /** Runs the command line with {@code --out DIR}; returns DIR after checking the exit code 0. */
    private static Path run(Path out, String... args) {
        CliRun r = CliRun.run("", concat(args, "--out", out.toString()));
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }


    private static String[] concat(String[] a, String... b) {
        String[] all = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static List<String> metrics(Path out) throws IOException {
        return ClockFreeMetrics.of(out);
    }

    @Test
    @Order(1)
    void aClusterRunGivesTheInProcessMetricsAndListensOnLoopbackOnly() throws Exception {
        List<String> sockets = new CopyOnWriteArrayList<>();
        List<Integer> processesSeen = new CopyOnWriteArrayList<>();
        Thread watcher = SparkJobs.watch(job -> {
            if (job == 2) { // driver, master, both workers and both executors are up now
                try {
                    List<ProcessHandle> all = new ArrayList<>(cluster.processes());
                    all.add(ProcessHandle.current());
                    processesSeen.add(all.size());
                    sockets.addAll(LoopbackSockets.nonLoopbackListeners(all));
                } catch (IOException e) {
                    sockets.add("cannot read /proc: " + e);
                }
            }
        });
        Path out = run(dir.resolve("cluster"), concat(ILP, "--executor", "spark", "--spark-master", cluster.url()));
        watcher.interrupt();
        assertEquals(inProcess, metrics(out));
        assertEquals(List.of(6), processesSeen, "driver, master, two workers and two executors");
        assertEquals(List.of(), sockets);
    }

    @Test
    @Order(2)
    void anExecutorWithoutTheOraclesPluginGivesOneLineAndNoOutput() throws IOException {
        String withoutSolvers = Arrays.stream(StandaloneCluster.testClassPath().split(java.io.File.pathSeparator))
                .filter(entry -> !entry.contains("imle-solvers")).collect(Collectors.joining(java.io.File.pathSeparator));
        Path theta = dir.resolve("theta.npy");
        org.imle.data.npy.Npy.write(theta, org.imle.data.npy.NpyArray.ofFloat64(new double[] {1, 2, 3, 4, 5, 6}, 2, 3));
        Path z = dir.resolve("z.npy");
        System.setProperty("spark.executor.extraClassPath", withoutSolvers);
        System.setProperty("spark.task.maxFailures", "1");
        CliRun r;
        try {
            r = CliRun.run("", "solve", "--oracle", "top-k", "--params", "{\"n\": 3, \"k\": 1}", "--input",
                    theta.toString(), "--output", z.toString(), "--executor", "spark", "--spark-master", cluster.url());
        } finally {
            System.setProperty("spark.executor.extraClassPath", StandaloneCluster.testClassPath());
            System.clearProperty("spark.task.maxFailures");
        }
        assertEquals(1, r.exitCode(), r.err());
        List<String> lines = r.errLines().stream().filter(l -> !l.startsWith("solve:")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("imle solve: failed: SparkSolveException: a Spark executor on "),
                lines.get(0));
        assertTrue(lines.get(0).contains("cannot build oracle top-k{n=3, k=1} from its spec: unknown oracle 'top-k'"),
                lines.get(0));
        assertFalse(Files.exists(z), "no output file after a failed run");
    }

    @Test
    @Order(3)
    void aRunWhoseWorkerIsKilledMidwayStillGivesTheSameMetrics() throws Exception {
        AtomicInteger killedAt = new AtomicInteger();
        Thread watcher = SparkJobs.watch(job -> {
            if (job == 5 && cluster.worker(1).isAlive()) {
                cluster.killWorker(1);
                killedAt.set(job);
            }
        });
        Path out = run(dir.resolve("killed"), concat(ILP, "--executor", "spark", "--spark-master", cluster.url()));
        watcher.interrupt();
        assertEquals(5, killedAt.get(), "the worker was killed after the fifth of the run's jobs");
        assertFalse(cluster.worker(1).isAlive());
        assertEquals(inProcess, metrics(out));
    }
}
