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
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.imle.train.nn.StateFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --checkpoint}, {@code --resume} and signals on {@code imle parse} (supervised and latent),
 * {@code imle ilp} (with the solution cache, whose contents a resumed run needs) and
 * {@code imle dvae} and {@code imle shortest-path --engine djl} (DJL parameters and TorchAdam's
 * moments in the checkpoint), through the real launcher as {@link CheckpointLauncherTest} does for
 * {@code shortest-path}: for each, a tiny run killed with SIGKILL in its second epoch and resumed,
 * and one stopped with SIGTERM there and resumed with the command it prints, equal an uninterrupted
 * run (metrics.csv without its wall-clock columns, and the final model, bit for bit); and a
 * checkpoint made with other settings, truncated or replaced by garbage is refused with one line
 * and exit 2. A second SIGTERM on {@code imle ilp} and {@code imle parse} stops the run at once
 * with every file whole, and DJL's AIMLE continues its adaptive lambda from the checkpoint.
 */
class TrainingCommandsCheckpointTest {

    /**
     * One command's tiny run.
     *
     * @param args the command line without --out and --checkpoint
     * @param epochs the run's epochs (its second is where runs are stopped)
     * @param rowsBefore metrics.csv rows before the first trained epoch (parse's epoch 0)
     * @param wallClock the metrics.csv columns that are times
     * @param epochFiles files in --out written for each finished epoch, %03d the epoch
     */
    record Case(List<String> args, int epochs, int rowsBefore, List<String> wallClock, List<String> epochFiles) {

        String command() {
            return args.get(0);
        }

        @Override
        public String toString() {
            return String.join(" ", args);
        }
    }

    /** AIMLE on three of them: its adaptive lambda is state a resumed run must continue. */
    static Stream<Case> commands() {
        return Stream.of(
                new Case(List.of("parse", "--estimator", "aimle",
                        "--sentences", "40", "--test-sentences", "6", "--epochs", "3", "--batch", "4",
                        "--show", "0", "--threads", "1", "--checkpoint-every", "1"), 3, 1, List.of("seconds"),
                        List.of()),
                new Case(List.of("parse", "--latent", "--sentences", "40", "--test-sentences", "6", "--epochs", "3",
                        "--batch", "4", "--show", "0", "--threads", "1", "--checkpoint-every", "1"), 3, 1,
                        List.of("seconds"), List.of()),
                new Case(List.of("ilp", "--estimator", "aimle",
                        "--train", "24", "--test", "8", "--epochs", "3", "--batch", "4",
                        "--solve-ratio", "0.5", "--threads", "1", "--checkpoint-every", "1"), 3, 0,
                        List.of("seconds", "examples_per_second"), List.of()),
                new Case(List.of("dvae", "--estimator", "aimle",
                        "--synthetic", "--train-size", "40", "--test-size", "10", "--epochs", "3",
                        "--batch", "10", "--threads", "1", "--checkpoint-every", "1"), 3, 0,
                        List.of("train_seconds", "test_seconds"),
                        List.of("reconstructions-epoch-%03d.png", "samples-epoch-%03d.png")),
                new Case(List.of("shortest-path", "--engine", "djl", "--model", "patch", "--grid", "6", "--train-size",
                        "24", "--val-size", "4", "--test-size", "4", "--epochs", "3", "--batch", "4", "--plot-maps", "0",
                        "--threads", "1", "--checkpoint-every", "1"), 3, 0, List.of("seconds", "examples_per_second"),
                        List.of()));
    }

    @TempDir
    Path tmp;

    private List<String> args(Case c, Path dir, String... more) {
        List<String> a = new ArrayList<>(c.args());
        a.addAll(List.of("--out", dir.resolve("out").toString(), "--checkpoint", dir.resolve("ckpt").toString()));
        a.addAll(List.of(more));
        return a;
    }

    /** Once this progress line is out, the run has checkpointed inside its second epoch. */
    private static String midEpoch(Case c) {
        return "epoch 2/" + c.epochs() + " batch ";
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void killedOrStoppedRunsResumeToTheUninterruptedRun(Case c) throws Exception {
        Path reference = tmp.resolve("reference");
        LaunchedImle whole = LaunchedImle.launch(tmp, args(c, reference));
        assertEquals(0, whole.waitFor(), whole.err());

        assertKilledRunResumesTo(c, reference);

        Path stopped = tmp.resolve("stopped");
        LaunchedImle run = LaunchedImle.launch(tmp, args(c, stopped));
        run.awaitErr(midEpoch(c));
        run.process().destroy(); // SIGTERM
        assertEquals(143, run.waitFor(), run.err());
        List<String> lines = run.err().lines().toList();
        String last = lines.get(lines.size() - 1);
        assertTrue(last.startsWith("imle " + c.command() + ": interrupted by SIGTERM after 1 epochs and "), last);
        String prefix = "resume with: imle ";
        assertTrue(last.contains(prefix), last);
        List<String> resumeArgs = Arrays.asList(last.substring(last.indexOf(prefix) + prefix.length()).split(" "));
        assertEquals(args(c, stopped, "--resume"), resumeArgs);
        // the finished epoch's metrics (and images) are on disk
        List<String> csv = Files.readAllLines(stopped.resolve("out").resolve("metrics.csv"));
        assertEquals(1 + c.rowsBefore() + 1, csv.size(), csv.toString());
        for (String f : c.epochFiles()) {
            assertTrue(Files.exists(stopped.resolve("out").resolve(String.format(f, 1))), f);
        }
        LaunchedImle resumed = LaunchedImle.launch(tmp, resumeArgs);
        assertEquals(0, resumed.waitFor(), resumed.err());
        assertSameRun(c, reference, stopped);

        assertRefusesBadCheckpoints(c, reference);
    }

    /** ilp (with AIMLE and the solution cache) and supervised parse: the first two cases above. */
    static Stream<Case> stoppedTwice() {
        return commands().filter(c -> c.command().equals("ilp") || c.args().contains("aimle") && c.command().equals("parse"));
    }

    /**
     * Two SIGTERMs in the middle of the second epoch, the second once the first was handled: the
     * second halts the JVM (exit 143, without the line the first signal's orderly stop prints), every file the run wrote is whole (the checkpoint
     * reads, metrics.csv has whole rows, a JSON file parses, a PNG ends with its IEND chunk; at most a temporary file of
     * AtomicFile is left beside them), and resuming gives the uninterrupted run.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("stoppedTwice")
    void aSecondSignalStopsAtOnceLeavingNoHalfWrittenFile(Case c) throws Exception {
        Path reference = tmp.resolve("reference");
        LaunchedImle whole = LaunchedImle.launch(tmp, args(c, reference));
        assertEquals(0, whole.waitFor(), whole.err());

        Path dir = LaunchedImle.stoppedTwice(tmp, d -> args(c, d), midEpoch(c));
        assertEveryFileWhole(dir.resolve("out"));
        assertEveryFileWhole(dir.resolve("ckpt"));

        LaunchedImle resumed = LaunchedImle.launch(tmp, args(c, dir, "--resume"));
        assertEquals(0, resumed.waitFor(), resumed.err());
        assertSameRun(c, reference, dir);
    }

    static void assertEveryFileWhole(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.startsWith(".") && name.endsWith(".tmp")) {
                    continue; // AtomicFile's temporary, never renamed into place
                }
                if (name.endsWith(".png")) {
                    byte[] b = Files.readAllBytes(f);
                    assertTrue(b.length > 12 && new String(b, b.length - 8, 4, java.nio.charset.StandardCharsets.US_ASCII)
                            .equals("IEND"), f + " is cut short");
                } else if (name.endsWith(".csv")) {
                    List<String> lines = Files.readAllLines(f);
                    int columns = lines.get(0).split(",", -1).length;
                    for (String line : lines) {
                        assertEquals(columns, line.split(",", -1).length, f + ": " + line);
                    }
                } else if (name.endsWith(".json")) {
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(f.toFile()); // throws when cut short
                } else if (name.endsWith(".imle") || name.endsWith(".state") || name.contains("checkpoint")) {
                    StateFile.read(f); // a checksum over the whole file: throws when cut short
                }
            }
        }
    }

    /**
     * {@code shortest-path --engine djl --estimator aimle}, killed in its second epoch and resumed,
     * equals the uninterrupted run bit for bit; this needs AIMLE's adaptive lambda, which the
     * checkpoint holds as {@code state.estimator.*} and the resume must put back (the model and Adam's
     * moments alone give another run).
     */
    @Test
    void djlAimleResumeContinuesTheAdaptiveLambda() throws Exception {
        Case c = new Case(List.of("shortest-path", "--engine", "djl", "--estimator", "aimle", "--model", "patch",
                "--grid", "6", "--train-size", "24", "--val-size", "4", "--test-size", "4", "--epochs", "3",
                "--batch", "4", "--plot-maps", "0", "--threads", "1", "--checkpoint-every", "1"), 3, 0,
                List.of("seconds", "examples_per_second"), List.of());
        Path reference = tmp.resolve("reference");
        LaunchedImle whole = LaunchedImle.launch(tmp, args(c, reference));
        assertEquals(0, whole.waitFor(), whole.err());
        Map<String, Long> saved = StateFile.read(reference.resolve("ckpt").resolve(CheckpointOptions.CHECKPOINT_FILE))
                .longs();
        assertTrue(saved.keySet().stream().anyMatch(k -> k.startsWith("state.estimator.")), saved.keySet().toString());

        assertKilledRunResumesTo(c, reference);
    }

    /** SIGKILLs a run in the middle of an epoch, resumes it, and checks it equals {@code reference}. */
    private void assertKilledRunResumesTo(Case c, Path reference) throws Exception {
        Path killed = tmp.resolve("killed");
        LaunchedImle run = LaunchedImle.launch(tmp, args(c, killed));
        run.awaitErr(midEpoch(c));
        run.process().destroyForcibly(); // SIGKILL
        run.waitFor();
        assertFalse(Files.exists(killed.resolve("ckpt").resolve(CheckpointOptions.MODEL_FILE)), "the run finished");
        LaunchedImle resumed = LaunchedImle.launch(tmp, args(c, killed, "--resume"));
        assertEquals(0, resumed.waitFor(), resumed.err());
        assertSameRun(c, reference, killed);
    }

    /** Other settings, a truncated checkpoint and garbage: one line each, exit 2. */
    private void assertRefusesBadCheckpoints(Case c, Path reference) throws Exception {
        Path dir = tmp.resolve("refused");
        Path file = dir.resolve("ckpt").resolve(CheckpointOptions.CHECKPOINT_FILE);
        Files.createDirectories(file.getParent());
        byte[] whole = Files.readAllBytes(reference.resolve("ckpt").resolve(CheckpointOptions.CHECKPOINT_FILE));
        Files.write(file, whole);
        assertRefused(c, LaunchedImle.launch(tmp, args(c, dir, "--resume", "--lr", "0.0123")),
                "checkpoint was made with other settings");
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));
        assertRefused(c, LaunchedImle.launch(tmp, args(c, dir, "--resume")),
                "checksum mismatch, the file is corrupt or truncated");
        byte[] garbage = new byte[whole.length];
        new SplittableRandom(7).nextBytes(garbage);
        Files.write(file, garbage);
        assertRefused(c, LaunchedImle.launch(tmp, args(c, dir, "--resume")), "not an imle state file");
    }

    private static void assertRefused(Case c, LaunchedImle r, String fragment) throws Exception {
        assertEquals(CliErrors.BAD_INPUT, r.waitFor(), r.err());
        List<String> lines = r.err().lines().filter(l -> l.startsWith("imle " + c.command() + ": ")).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).contains(fragment), lines.get(0));
        assertTrue(lines.get(0).contains(CheckpointOptions.CHECKPOINT_FILE), lines.get(0));
    }

    /** metrics.csv without wall-clock columns, and the final model, equal the reference's. */
    private static void assertSameRun(Case c, Path reference, Path dir) throws IOException {
        assertEquals(withoutWallClock(c, reference.resolve("out").resolve("metrics.csv")),
                withoutWallClock(c, dir.resolve("out").resolve("metrics.csv")));
        assertArrayEquals(Files.readAllBytes(reference.resolve("ckpt").resolve(CheckpointOptions.MODEL_FILE)),
                Files.readAllBytes(dir.resolve("ckpt").resolve(CheckpointOptions.MODEL_FILE)));
    }

    private static List<String> withoutWallClock(Case c, Path csv) throws IOException {
        List<String> lines = Files.readAllLines(csv);
        List<String> header = Arrays.asList(lines.get(0).split(",", -1));
        assertEquals(1 + c.rowsBefore() + c.epochs(), lines.size(), "a header and every epoch: " + lines);
        assertTrue(header.containsAll(c.wallClock()), header.toString());
        List<String> kept = new ArrayList<>();
        for (String line : lines) {
            String[] cells = line.split(",", -1);
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < cells.length; i++) {
                if (!c.wallClock().contains(header.get(i))) {
                    s.append(cells[i]).append(',');
                }
            }
            kept.add(s.toString());
        }
        return kept;
    }
}
