package org.imle.examples.cli;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.imle.api.io.AtomicFile;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The base of every {@code imle} subcommand: one class per subcommand extends it, implements
 * {@link #run()}, and is listed in {@link ImleCommand}'s {@code subcommands}.
 *
 * <p>It gives subcommands the conventions they share, so none repeats them: results go to
 * {@link #out()}, progress to {@link #progress(String)} (stderr); inputs open through
 * {@link #openInput(Path)} (stdin for {@code null} or {@code -}, a clear error for a missing file);
 * outputs are written through {@link #writeOutput(Path, AtomicFile.Writer)}, which never leaves a
 * half-written file. Errors are thrown, never printed here: {@link CliErrors} turns them into one
 * line and the exit code.
 *
 * <p>Options shared between commands are picocli mixins ({@link ThreadsOption}, {@link SeedOption},
 * {@link OutputOption}; {@link TrainingCommand} bundles them for the training commands) whose
 * defaults each command gives in {@link #defaults()}; enum options are parsed by picocli through
 * {@link EnumOptions}.
 */
public abstract class Subcommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    /**
     * The defaults of this command's options, from its experiment's configuration; options not
     * named here keep their field's initial value. Installed by {@link ImleCommand#commandLine}.
     */
    protected OptionDefaults defaults() {
        return new OptionDefaults();
    }

    /** Does the work; throws on bad input or failure (see {@link CliErrors}). */
    protected abstract void run() throws Exception;

    @Override
    public final Integer call() throws Exception {
        run();
        out().flush();
        return CliErrors.OK;
    }

    /** The streams of this run (the process's own, or a test's). */
    protected final CliStreams streams() {
        return ((ImleCommand) spec.root().userObject()).streams();
    }

    /** Where results go (stdout, UTF-8). */
    protected final PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Prints one line of progress to stderr, prefixed with the command's name. */
    protected final void progress(String line) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.qualifiedName() + ": " + line);
        err.flush();
    }

    /** Bad-option error for checks picocli cannot express, reported like a parse error. */
    protected final ParameterException badOption(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /**
     * Opens an input: stdin when {@code file} is {@code null} or {@code -} (stdin is not closed by
     * closing the returned stream), else the file.
     *
     * @throws BadInputException naming the file when it does not exist or is not readable
     */
    protected final InputStream openInput(Path file) throws IOException {
        if (file == null || file.toString().equals("-")) {
            return new FilterInputStream(streams().in()) {
                @Override
                public void close() {
                    // stdin belongs to the process, not to this command
                }
            };
        }
        if (Files.isDirectory(file)) {
            throw new BadInputException("input file '" + file + "' is a directory");
        }
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException("input file '" + file + "' does not exist", e);
        } catch (java.nio.file.AccessDeniedException e) {
            throw new BadInputException("input file '" + file + "' is not readable", e);
        }
    }

    /**
     * Writes an output: to stdout when {@code file} is {@code null} or {@code -}, else atomically
     * to the file (temporary file, fsync, rename), so that a failure leaves no partial file.
     */
    protected final void writeOutput(Path file, AtomicFile.Writer writer) throws IOException {
        if (file == null || file.toString().equals("-")) {
            PrintWriter pw = out();
            pw.flush();
            OutputStream stdout = streams().out();
            writer.write(new NonClosingOutputStream(stdout));
            stdout.flush();
            return;
        }
        AtomicFile.write(file, writer);
    }

    /** stdout must survive a writer that closes what it was given. */
    private static final class NonClosingOutputStream extends java.io.FilterOutputStream {
        NonClosingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
