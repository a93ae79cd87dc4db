package org.imle.examples.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One run of the real {@code ./imle} launcher ({@code IMLE_NO_BUILD=1}, as in {@link LauncherTest})
 * with stdout and stderr going to files in a test's directory, for the tests that stop runs with
 * signals ({@link CheckpointLauncherTest}, {@link TrainingCommandsCheckpointTest}).
 */
record LaunchedImle(Process process, Path errFile) {

    /** How long a tiny run may take, and how long a test waits for a line of it. */
    static final long TIMEOUT_SECONDS = 120;

    /** Starts {@code ./imle args} from the project's root, its files in {@code tmp}. */
    static LaunchedImle launch(Path tmp, List<String> args) throws IOException {
        Path root = Path.of("").toAbsolutePath().getParent();
        List<String> command = new ArrayList<>(List.of("bash", root.resolve("imle").toString()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(root.toFile());
        pb.environment().put("IMLE_NO_BUILD", "1");
        pb.environment().remove("JAVA_OPTS");
        Path err = Files.createTempFile(tmp, "imle", ".err");
        pb.redirectError(err.toFile());
        pb.redirectOutput(Files.createTempFile(tmp, "imle", ".out").toFile());
        pb.redirectInput(ProcessBuilder.Redirect.PIPE);
        Process p = pb.start();
        p.getOutputStream().close();
        return new LaunchedImle(p, err);
    }

    /** Waits until stderr holds {@code fragment}; fails if the run ends first or takes too long. */
    void awaitErr(String fragment) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (!err().contains(fragment)) {
            if (!process.isAlive()) {
                throw new AssertionError("the run ended before '" + fragment + "': " + err());
            }
            if (System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new AssertionError("no '" + fragment + "' within " + TIMEOUT_SECONDS + " s: " + err());
            }
            Thread.sleep(10);
        }
    }

    /**
     * Sends SIGTERM, waits for the run to say that it finishes its step, and sends SIGTERM again,
     * then waits for the end. Two signals sent back to back would merge into one (a pending Unix
     * signal is not queued twice), so the second is sent only once the first was handled. Returns
     * false when the attempt proves nothing: the run's orderly stop was over (it printed its
     * "interrupted by" line) before the second signal arrived.
     */
    boolean terminateTwice() throws Exception {
        process.destroy();
        awaitErr("(again to stop at once)");
        process.destroy();
        int code = waitFor();
        if (code != 143) {
            throw new AssertionError("exit " + code + " after two SIGTERMs, expected 143: " + err());
        }
        return !err().contains("interrupted by SIGTERM after");
    }

    /**
     * Runs {@code ./imle args(dir)} in fresh directories {@code tmp/twice-N} and stops each with
     * {@link #terminateTwice} once stderr holds {@code midEpoch}, until an attempt proves the halt
     * (at most 5); returns that run's directory.
     */
    static Path stoppedTwice(Path tmp, java.util.function.Function<Path, List<String>> args, String midEpoch)
            throws Exception {
        for (int attempt = 1; ; attempt++) {
            Path dir = tmp.resolve("twice-" + attempt);
            LaunchedImle run = launch(tmp, args.apply(dir));
            run.awaitErr(midEpoch);
            if (run.terminateTwice()) {
                return dir;
            }
            if (attempt == 5) {
                throw new AssertionError("in 5 runs the second SIGTERM never stopped the run before its orderly stop: "
                        + run.err());
            }
        }
    }

    /** Waits for the end of the run and returns its exit code. */
    int waitFor() throws InterruptedException {
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("the launcher did not finish within " + TIMEOUT_SECONDS + " s");
        }
        return process.exitValue();
    }

    /** What the run wrote to stderr so far. */
    String err() {
        try {
            return Files.readString(errFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
