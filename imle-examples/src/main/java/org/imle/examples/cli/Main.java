package org.imle.examples.cli;

/** The entry point of the {@code imle} command line; see {@link ImleCommand}. */
public final class Main {

    private Main() {
    }

    /** Runs {@code imle} with the process's streams and exits with its exit code. */
    public static void main(String[] args) {
        System.exit(ImleCommand.execute(CliStreams.system(), args));
    }
}
