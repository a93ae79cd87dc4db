package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.imle.train.nn.StateFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --checkpoint}, {@code --resume} and signals through the real {@code ./imle} launcher
 * ({@code IMLE_NO_BUILD=1}, as in {@link LauncherTest}): a tiny {@code imle shortest-path} run is
 * killed with SIGKILL, or stopped with SIGTERM, in the middle of its second epoch, resumed, and
 * compared with an uninterrupted run: {@code metrics.csv} without its wall-clock columns and the
 * final model, bit for bit.
 */
class CheckpointLauncherTest {

    /** Four epochs of six batches of 6 x 6 maps: a few seconds. */
    private static final List<String> RUN = List.of("shortest-path", "--grid", "6", "--train-size", "24",
            "--val-size", "4", "--test-size", "4", "--epochs", "4", "--batch", "4", "--plot-maps", "0",
            "--threads", "1", "--checkpoint-every", "1");
    /** Where the runs are stopped: once this progress line is out, a checkpoint inside epoch 2 exists. */
    private static final String MID_EPOCH = "epoch 2/4 batch 2/6";
    private static final List<String> WALL_CLOCK = List.of("seconds", "examples_per_second");

    @TempDir
    static Path tmp;

    private static Path reference;

    @BeforeAll
    static void runUninterrupted() throws Exception {
        reference = tmp.resolve("reference");
        LaunchedImle r = launch(args(reference));
        assertEquals(0, r.waitFor(), r.err());
    }

    private static List<String> args(Path dir, String... more) {
        List<String> a = new ArrayList<>(RUN);
        a.addAll(List.of("--out", dir.resolve("out").toString(), "--checkpoint", dir.resolve("ckpt").toString()));
        a.addAll(List.of(more));
        return a;
    }

    @Test
    void killedAndResumedRunEqualsAnUninterruptedOne() throws Exception {
        Path dir = tmp.resolve("killed");
        LaunchedImle run = launch(args(dir));
        run.awaitErr(MID_EPOCH);
        run.process().destroyForcibly(); // SIGKILL
        run.waitFor();
        assertFalse(Files.exists(dir.resolve("ckpt").resolve(CheckpointOptions.MODEL_FILE)), "the run finished");

        LaunchedImle resumed = launch(args(dir, "--resume"));
        assertEquals(0, resumed.waitFor(), resumed.err());
        assertSameRun(dir);
    }

    @Test
    void sigtermFinishesTheStepCheckpointsAndSaysHowToResume() throws Exception {
        Path dir = tmp.resolve("terminated");
        LaunchedImle run = launch(args(dir));
        run.awaitErr(MID_EPOCH);
        run.process().destroy(); // SIGTERM
        assertEquals(143, run.waitFor(), run.err());
        List<String> lines = run.err().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("imle shortest-path: interrupted by SIGTERM after 1 epochs and "), last);
        String prefix = "resume with: imle ";
        assertTrue(last.contains(prefix), last);
        List<String> resumeArgs = Arrays.asList(last.substring(last.indexOf(prefix) + prefix.length()).split(" "));
        assertEquals(args(dir, "--resume"), resumeArgs);
        // the finished epoch's metrics are on disk
        List<String> csv = Files.readAllLines(dir.resolve("out").resolve("metrics.csv"));
        assertEquals(2, csv.size(), csv.toString());
        assertTrue(Files.exists(dir.resolve("out").resolve("training-loss.png")));

        LaunchedImle resumed = launch(resumeArgs);
        assertEquals(0, resumed.waitFor(), resumed.err());
        assertSameRun(dir);
    }

    @Test
    void aSecondSignalStopsAtOnceLeavingNoHalfWrittenFile() throws Exception {
        // the second SIGTERM once the first was handled (two at once merge into one signal)
        Path dir = LaunchedImle.stoppedTwice(tmp, CheckpointLauncherTest::args, MID_EPOCH);
        // whatever the second signal interrupted, the checkpoint is whole: the old one or the new one
        StateFile.read(dir.resolve("ckpt").resolve(CheckpointOptions.CHECKPOINT_FILE));
        TrainingCommandsCheckpointTest.assertEveryFileWhole(dir.resolve("out"));
        LaunchedImle resumed = launch(args(dir, "--resume"));
        assertEquals(0, resumed.waitFor(), resumed.err());
        assertSameRun(dir);
    }

    @Test
    void resumeRefusesOtherSettingsAndBrokenCheckpointsWithOneLine() throws Exception {
        Path dir = tmp.resolve("refused");
        Path ckpt = dir.resolve("ckpt");
        Files.createDirectories(ckpt);
        Files.copy(reference.resolve("ckpt").resolve(CheckpointOptions.CHECKPOINT_FILE),
                ckpt.resolve(CheckpointOptions.CHECKPOINT_FILE));

        assertRefused(launch(args(dir)), "already holds a checkpoint; add --resume");
        List<String> otherLr = args(dir, "--resume", "--lr", "0.01");
        assertRefused(launch(otherLr), "checkpoint was made with other settings");

        byte[] whole = Files.readAllBytes(ckpt.resolve(CheckpointOptions.CHECKPOINT_FILE));
        Files.write(ckpt.resolve(CheckpointOptions.CHECKPOINT_FILE), Arrays.copyOf(whole, whole.length / 2));
        assertRefused(launch(args(dir, "--resume")), "checksum mismatch, the file is corrupt or truncated");

        Path empty = tmp.resolve("empty");
        assertRefused(launch(args(empty, "--resume")), "--resume: no checkpoint in");
    }

    private static void assertRefused(LaunchedImle r, String fragment) throws Exception {
        assertEquals(CliErrors.BAD_INPUT, r.waitFor(), r.err());
        List<String> lines = r.err().lines().filter(l -> l.startsWith("imle shortest-path: ")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).contains(fragment), lines.get(0));
    }

    /** metrics.csv without wall-clock columns, and the final model, equal the reference's. */
    private static void assertSameRun(Path dir) throws IOException {
        assertEquals(withoutWallClock(reference.resolve("out").resolve("metrics.csv")),
                withoutWallClock(dir.resolve("out").resolve("metrics.csv")));
        assertArrayEquals(Files.readAllBytes(reference.resolve("ckpt").resolve(CheckpointOptions.MODEL_FILE)),
                Files.readAllBytes(dir.resolve("ckpt").resolve(CheckpointOptions.MODEL_FILE)));
    }

    private static List<String> withoutWallClock(Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        assertEquals(5, lines.size(), "a header and four epochs: " + lines);
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                if (!WALL_CLOCK.contains(header.get(i))) {
                    s.append(cells[i]).append(',');
                }
            }
            kept.add(s.toString());
        }
        assertTrue(header.containsAll(WALL_CLOCK), header.toString());
        return kept;
    }

    private static LaunchedImle launch(List<String> args) throws IOException {
        return LaunchedImle.launch(tmp, args);
    }
}
