package org.imle.bench;

import org.imle.examples.cli.CliStreams;
import org.imle.examples.cli.ImleCommand;
import picocli.CommandLine;

/**
 * The entry point of {@code ./imle bench}: the {@code imle} command line with the {@code bench}
 * subcommand added. The benchmarks depend on the examples (one of them times a training step of
 * {@code imle shortest-path}), so they live in their own module and the launcher starts this class
 * for {@code bench} and {@link org.imle.examples.cli.Main} for everything else.
 */
public final class BenchMain {

    private BenchMain() {
    }

    /** Runs {@code imle} with {@code bench} available and exits with its exit code. */
    public static void main(String[] args) {
        CommandLine cmd = ImleCommand.commandLine(CliStreams.system(), new BenchCommand());
        System.exit(ImleCommand.execute(cmd, args));
    }
}
