package org.imle.examples.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.imle.train.trainer.RunControl;
import org.imle.train.trainer.TrainingStoppedException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --checkpoint DIR}, {@code --resume} and {@code --checkpoint-every N}, shared by every
 * training command that uses the {@link org.imle.train.trainer.Trainer}. The run's checkpoint is
 * {@code DIR/checkpoint.state} (a {@link org.imle.train.nn.StateFile}, rewritten atomically after
 * every epoch and every N steps), the trained model {@code DIR/model.state}.
 *
 * <p>The checkpoint stores a hash of the command's name and every option value that determines
 * the numbers ({@link #configHash}); options that only change where output goes or how fast it
 * comes ({@code --out}, {@code --threads}, {@code --executor}, {@code --spark-master}, the checkpoint options themselves and those a command
 * names in {@link #control}) are left out, so a resumed run may change them. {@code --resume}
 * refuses, with one line and exit 2, a checkpoint with another hash and a corrupt or truncated one.
 *
 * <p>A command uses it as {@code try (RunSignals signals = checkpoints.signals()) { ...
 * experiment.run(..., checkpoints.control(signals)) } catch (TrainingStoppedException e) { throw
 * checkpoints.interrupted(e, signals); }}; an engine without {@link org.imle.train.trainer.Trainer}
 * honours the {@link RunControl} itself.
 */
public final class CheckpointOptions {

    /** The checkpoint's file name inside {@code --checkpoint DIR}. */
    public static final String CHECKPOINT_FILE = "checkpoint.state";
    /** The trained model's file name inside {@code --checkpoint DIR}. */
    public static final String MODEL_FILE = "model.state";

    /** Options that never change a run's numbers, whatever the command. */
    private static final Set<String> NOT_HASHED = Set.of("--out", "--threads", "--executor", "--spark-master",
            "--checkpoint", "--resume", "--checkpoint-every", "--help", "--version");

    @Option(names = "--checkpoint", paramLabel = "DIR",
            description = "Write a checkpoint to DIR after every epoch (atomically), and the trained model to "
                    + "DIR/" + MODEL_FILE + " at the end.")
    private Path dir;

    @Option(names = "--resume",
            description = "Continue the run whose checkpoint is in --checkpoint DIR (same settings required).")
    private boolean resume;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Also checkpoint every N training steps inside epochs (default: after epochs only).")
    private int every;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    /** The checkpoint directory, or null without {@code --checkpoint}. */
    public Path dir() {
        return dir;
    }

    /** Installs the handlers of SIGINT and SIGTERM for the run; close it when the run ends. */
    public RunSignals signals() {
        return RunSignals.install();
    }

    /**
     * The run control of this command line: checks the options against the directory and returns
     * the checkpoint file, interval, configuration hash, final model file and the stop request of
     * {@code signals}.
     *
     * @param signals the run's signal handlers (its stop request), or null for none
     * @param outputOnly further options of this command that do not change its numbers
     * @throws BadInputException when the options and the directory's contents disagree
     */
    public RunControl control(RunSignals signals, String... outputOnly) {
        if (every < 0) {
            throw new BadInputException("--checkpoint-every must be >= 0, got " + every);
        }
        if (dir == null) {
            if (resume) {
                throw new BadInputException("--resume needs --checkpoint DIR (the directory of the run to continue)");
            }
            if (every > 0) {
                throw new BadInputException("--checkpoint-every needs --checkpoint DIR");
            }
            return new RunControl(null, 0, 0, null, signals == null ? null : signals::stopRequested);
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new BadInputException("--checkpoint '" + dir + "' exists and is not a directory");
        }
        Path file = dir.resolve(CHECKPOINT_FILE);
        if (resume && !Files.exists(file)) {
            throw new BadInputException("--resume: no checkpoint in '" + dir + "' (expected " + file + ")");
        }
        if (!resume && Files.exists(file)) {
            throw new BadInputException("--checkpoint '" + dir + "' already holds a checkpoint; add --resume to "
                    + "continue that run, or choose another directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new RunControl(file, every, configHash(outputOnly), dir.resolve(MODEL_FILE),
                signals == null ? null : signals::stopRequested);
    }

    /**
     * The hash of the command's name and the values of its options, except those that do not
     * change the numbers: the first 8 bytes of a SHA-256 of {@code name=value} lines in name order.
     */
    long configHash(String... outputOnly) {
        Set<String> skip = new java.util.HashSet<>(NOT_HASHED);
        skip.addAll(Arrays.asList(outputOnly));
        TreeMap<String, String> values = new TreeMap<>();
        for (OptionSpec o : command.options()) {
            if (!skip.contains(o.longestName())) {
                values.put(o.longestName(), text(o.getValue()));
            }
        }
        StringBuilder s = new StringBuilder(command.qualifiedName()).append('\n');
        values.forEach((k, v) -> s.append(k).append('=').append(v).append('\n'));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.toString().getBytes(StandardCharsets.UTF_8));
            return java.nio.ByteBuffer.wrap(d).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    private static String text(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof int[] a) {
            return Arrays.toString(a);
        }
        if (value instanceof double[] a) {
            return Arrays.toString(a);
        }
        if (value instanceof long[] a) {
            return Arrays.toString(a);
        }
        if (value instanceof Object[] a) {
            return Arrays.deepToString(a);
        }
        return value.toString();
    }

    /**
     * The exception that ends a run stopped by a signal: its one line says where the run stopped
     * and the command that resumes it; its exit code is 128 + the signal's number.
     */
    public RunInterruptedException interrupted(TrainingStoppedException e, RunSignals signals) {
        String where = "after " + e.epochsDone() + " epochs" + (e.batchesDone() > 0 ? " and " + e.batchesDone()
                + " batches" : "") + " (step " + e.step() + ")";
        String how;
        if (e.checkpointed()) {
            List<String> args = new ArrayList<>(command.root().commandLine().getParseResult().originalArgs());
            if (!args.contains("--resume")) {
                args.add("--resume");
            }
            how = "; resume with: imle " + String.join(" ", args.stream().map(CheckpointOptions::quote).toList());
        } else {
            how = "; no checkpoint was written (run with --checkpoint DIR to be able to resume)";
        }
        String signal = signals == null ? "a stop request" : signals.signalName();
        return new RunInterruptedException("interrupted by " + signal + " " + where + how,
                signals == null ? CliErrors.FAILURE : signals.exitCode());
    }

    private static String quote(String arg) {
        return arg.matches("[A-Za-z0-9_./:=,+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
