package org.imle.train.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.imle.train.nn.StateFile;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Training killed with SIGKILL ({@link Process#destroyForcibly()}) in the middle of an epoch and
 * resumed from its last checkpoint ends with bit-identical parameters, optimiser state and
 * metrics to a run that was never interrupted. The run lives in its own JVM
 * ({@link KillableTrainingRun}) so that the kill is real: no shutdown hook, no finally block runs.
 */
class KillAndResumeTest {

    private static final int STEPS_PER_EPOCH = KillableTrainingRun.EXAMPLES / KillableTrainingRun.BATCH;

    @TempDir
    Path dir;

    private Process start(Path checkpoint, Path result, long blockAt) throws IOException {
        String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-cp", classpath, KillableTrainingRun.class.getName(),
                checkpoint.toString(), result.toString(), Long.toString(blockAt));
        pb.redirectError(dir.resolve("stderr-" + System.nanoTime() + ".txt").toFile());
        return pb.start();
    }

    /** Runs until the child reports it is blocked at the step, then kills it with SIGKILL. */
    private void runAndKillAt(Path checkpoint, long step) throws Exception {
        Process p = start(checkpoint, dir.resolve("never-written"), step);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertEquals("blocking at step " + step, line, "the child must reach the step alive");
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the killed child is gone");
            assertEquals(137, p.exitValue(), "exit code of a process killed by SIGKILL");
        } finally {
            p.destroyForcibly();
        }
    }

    private void runToTheEnd(Path checkpoint, Path result) throws Exception {
        Process p = start(checkpoint, result, -1);
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertEquals("done", out.readLine());
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    @Timeout(180)
    void aRunKilledTwiceMidEpochAndResumedEqualsAnUninterruptedRunBitForBit() throws Exception {
        Path straight = dir.resolve("straight.state");
        runToTheEnd(dir.resolve("straight.ckpt"), straight);

        Path ck = dir.resolve("run.ckpt");
        long firstKill = STEPS_PER_EPOCH + 2;
        runAndKillAt(ck, firstKill);
        assertCheckpointAfterEpochs(ck, 1);
        // a temporary file left by a write that a kill could interrupt must not be taken for the
        // checkpoint: the next run reads only the checkpoint's own name
        Path leftover = dir.resolve(".run.ckpt.4711.tmp");
        byte[] whole = Files.readAllBytes(ck);
        Files.write(leftover, java.util.Arrays.copyOf(whole, whole.length / 2));

        long secondKill = 2L * STEPS_PER_EPOCH + 1;
        runAndKillAt(ck, secondKill);
        assertCheckpointAfterEpochs(ck, 2);

        Path resumed = dir.resolve("resumed.state");
        runToTheEnd(ck, resumed);
        assertSameRun(StateFile.read(straight), StateFile.read(resumed));
        assertEquals(List.of(".run.ckpt.4711.tmp", "resumed.state", "run.ckpt", "straight.ckpt", "straight.state"),
                regularFiles(), "the trainer leaves no temporary files of its own");
    }

    private List<String> regularFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith("stderr-")).sorted().toList();
        }
    }

    private static void assertCheckpointAfterEpochs(Path ck, long epochs) throws IOException {
        StateFile f = StateFile.read(ck);
        assertEquals(epochs, f.longs().get("trainer.epochs_done"), "the last checkpoint before the kill");
        assertEquals(epochs * STEPS_PER_EPOCH, f.longs().get("trainer.step"));
    }

    private static void assertSameRun(StateFile expected, StateFile actual) {
        assertEquals(expected.longs(), actual.longs(), "metrics (as raw bits) and optimiser counters");
        assertTrue(expected.longs().containsKey("metric." + (KillableTrainingRun.EPOCHS - 1) + ".train_loss"));
        assertEquals(expected.tensors().keySet(), actual.tensors().keySet());
        List<String> names = new ArrayList<>(expected.tensors().keySet());
        for (String name : names) {
            Tensor e = expected.tensors().get(name);
            assertArrayEquals(e.data(), actual.tensors().get(name).data(), name);
        }
        assertTrue(names.stream().anyMatch(n -> n.contains("running_mean")), "buffers are compared too: " + names);
        for (Map.Entry<String, Long> m : expected.longs().entrySet()) {
            if (m.getKey().endsWith("train_loss")) {
                assertTrue(Double.isFinite(Double.longBitsToDouble(m.getValue())), m.getKey());
            }
        }
    }
}
