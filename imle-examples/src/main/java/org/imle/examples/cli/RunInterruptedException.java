package org.imle.examples.cli;

/**
 * A training run stopped by a signal after writing what it finished: {@link CliErrors} prints its
 * message as the command's one line and exits with {@link #exitCode()}.
 */
public final class RunInterruptedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    /**
     * @param message where the run stopped and how to resume it, one line
     * @param exitCode 128 + the signal's number
     */
    public RunInterruptedException(String message, int exitCode) {
        super(message);
        this.exitCode = exitCode;
    }

    /** The process's exit code. */
    public int exitCode() {
        return exitCode;
    }
}
