package org.imle.examples.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A Spark standalone cluster of separate JVMs on 127.0.0.1, for tests: one master and some workers
 * (the {@code Master} and {@code Worker} classes spark-core ships), each on the test's class path,
 * with the web UIs on loopback ports of their own choosing and {@code SPARK_LOCAL_IP=127.0.0.1}.
 * The workers launch executor JVMs as children, with the class path the driver names in
 * {@code spark.executor.extraClassPath} and an empty {@code SPARK_HOME/jars}. {@link #close} kills
 * every JVM it started, with its children.
 */
final class StandaloneCluster implements AutoCloseable {

    private static final long START_MILLIS = 60_000;

    private final Path home;
    private final int port;
    private final Process master;
    private final List<Process> workers = new ArrayList<>();

    private StandaloneCluster(Path home, int port, Process master) {
        this.home = home;
        this.port = port;
        this.master = master;
    }

    /** Starts a master and {@code workers} workers of one core each, and waits until the master answers. */
    static StandaloneCluster start(int workers, Path dir) throws IOException, InterruptedException {
        Path home = Files.createDirectories(dir.resolve("spark-home"));
        Files.createDirectories(home.resolve("jars"));
        int port = freePort();
        Process master = launch(home, dir.resolve("master.log"), "org.apache.spark.deploy.master.Master",
                "--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port", "0");
        StandaloneCluster cluster = new StandaloneCluster(home, port, master);
        try {
            awaitPort(port, master);
            for (int w = 0; w < workers; w++) {
                Path work = Files.createDirectories(dir.resolve("work-" + w));
                cluster.workers.add(launch(home, dir.resolve("worker-" + w + ".log"),
                        "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "1",
                        "--memory", "1g", "--webui-port", "0", "--work-dir", work.toString(), cluster.url()));
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            cluster.close();
            throw e;
        }
        return cluster;
    }

    /** {@code spark://127.0.0.1:PORT}. */
    String url() {
        return "spark://127.0.0.1:" + port;
    }

    /** Worker {@code w}'s JVM. */
    Process worker(int w) {
        return workers.get(w);
    }

    /** Every live process of the cluster: master, workers and the executors they launched. */
    List<ProcessHandle> processes() {
        List<ProcessHandle> all = new ArrayList<>();
        Stream.concat(Stream.of(master), workers.stream()).forEach(p -> {
            if (p.isAlive()) {
                all.add(p.toHandle());
            }
            p.toHandle().descendants().filter(ProcessHandle::isAlive).forEach(all::add);
        });
        return all;
    }

    /** Kills worker {@code w} with SIGKILL; its executor notices the lost worker and exits too. */
    void killWorker(int w) {
        workers.get(w).destroyForcibly();
    }

    @Override
    public void close() {
        List<Process> all = new ArrayList<>(workers);
        all.add(master);
        for (Process p : all) {
            p.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        for (Process p : all) {
            try {
                p.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** The class path of this test JVM (surefire's, not its booter jar). */
    static String testClassPath() {
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    private static Process launch(Path home, Path log, String mainClass, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("--add-opens") || a.startsWith("-Dio.netty")).toList());
        command.add("-cp");
        command.add(testClassPath());
        command.add(mainClass);
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("SPARK_HOME", home.toString());
        pb.environment().put("SPARK_SCALA_VERSION", "2.13");
        pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        pb.environment().put("SPARK_NO_DAEMONIZE", "1");
        return pb.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void awaitPort(int port, Process owner) throws InterruptedException {
        long deadline = System.currentTimeMillis() + START_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!owner.isAlive()) {
                throw new IllegalStateException("the Spark master exited with " + owner.exitValue());
            }
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
                return;
            } catch (IOException e) {
                Thread.sleep(200);
            }
        }
        throw new UncheckedIOException(new IOException("the Spark master did not listen on port " + port
                + " within " + START_MILLIS / 1000 + " s"));
    }
}
