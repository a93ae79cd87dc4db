package org.imle.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.FileNotFoundException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import org.imle.data.BadFileException;
import org.imle.data.MissingDatasetException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The one place where the command line's error conventions live, installed on every subcommand
 * by {@link ImleCommand#commandLine}:
 * <ul>
 *   <li>bad input (an unknown or malformed option, a missing input file, a malformed file, an
 *       {@link IllegalArgumentException} from the library) prints ONE line on stderr,
 *       {@code imle <command>: <what is wrong>}, and exits with {@link #BAD_INPUT} (2);</li>
 *   <li>any other failure prints one line {@code imle <command>: failed: <exception>: <message>}
 *       and exits with {@link #FAILURE} (1).</li>
 * </ul>
 * Run with {@code -Dimle.debug=true} (for example through {@code JAVA_OPTS}) to get the stack
 * trace after that line. Subcommands never catch exceptions to report them: they throw, and this
 * class reports. Output files are written with {@link org.imle.api.io.AtomicFile}, so a failure
 * never leaves a half-written one.
 */
public final class CliErrors implements IParameterExceptionHandler, IExecutionExceptionHandler {

    /** Exit code of a successful run. */
    public static final int OK = 0;
    /** Exit code of a run that failed for another reason than its input. */
    public static final int FAILURE = 1;
    /** Exit code of a run given bad options or bad input. */
    public static final int BAD_INPUT = 2;

    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        report(cmd, oneLine(ex.getMessage()) + " (see '" + cmd.getCommandSpec().qualifiedName()
                + " --help')", ex);
        return BAD_INPUT;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        if (ex instanceof RunInterruptedException stopped) {
            report(cmd, stopped.getMessage(), ex);
            return stopped.exitCode();
        }
        if (isBadInput(ex)) {
            report(cmd, badInputMessage(ex), ex);
            return BAD_INPUT;
        }
        report(cmd, "failed: " + describe(ex), ex);
        return FAILURE;
    }

    /**
     * Reports a {@link Throwable} that escaped picocli (an {@link Error} such as
     * {@link OutOfMemoryError}) in the same one-line form, and returns {@link #FAILURE}.
     */
    static int reportFatal(PrintWriter err, Throwable t) {
        err.println("imle: failed: " + describe(t));
        if (Boolean.getBoolean("imle.debug")) {
            t.printStackTrace(err);
        }
        err.flush();
        return FAILURE;
    }

    /** Whether an exception means the user gave bad input, looking through I/O wrappers. */
    static boolean isBadInput(Throwable t) {
        Throwable e = t instanceof UncheckedIOException && t.getCause() != null ? t.getCause() : t;
        return e instanceof IllegalArgumentException
                || e instanceof BadInputException
                || e instanceof BadFileException
                || e instanceof org.imle.train.trainer.BadCheckpointException
                || e instanceof MissingDatasetException
                || e instanceof ParameterException
                || e instanceof JsonProcessingException
                || e instanceof CharacterCodingException
                || e instanceof NoSuchFileException
                || e instanceof FileNotFoundException
                || e instanceof AccessDeniedException;
    }

    private static String badInputMessage(Throwable t) {
        Throwable e = t instanceof UncheckedIOException && t.getCause() != null ? t.getCause() : t;
        if (e instanceof NoSuchFileException) {
            return "no such file: " + e.getMessage();
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied: " + e.getMessage();
        }
        if (e instanceof JsonProcessingException j) {
            return oneLine(j.getOriginalMessage());
        }
        return oneLine(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + oneLine(message));
    }

    /** Folds a message onto one line, so that one error is always one line of stderr. */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", "; ");
    }

    private static void report(CommandLine cmd, String message, Throwable t) {
        PrintWriter err = cmd.getErr();
        err.println(cmd.getCommandSpec().qualifiedName() + ": " + message);
        if (Boolean.getBoolean("imle.debug")) {
            t.printStackTrace(err);
        }
        err.flush();
    }
}
