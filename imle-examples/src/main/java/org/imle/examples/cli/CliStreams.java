package org.imle.examples.cli;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * The three streams a command line run talks to. {@link Main} passes the process's own; tests pass
 * in-memory ones, so that every subcommand is tested end to end inside one JVM.
 *
 * @param in what {@code --input -} and the default input read
 * @param out results (JSON Lines, tables, the demo's epochs)
 * @param err progress and the one-line error reports
 */
public record CliStreams(InputStream in, PrintStream out, PrintStream err) {

    /** The process's standard streams. */
    public static CliStreams system() {
        return new CliStreams(System.in, System.out, System.err);
    }
}
