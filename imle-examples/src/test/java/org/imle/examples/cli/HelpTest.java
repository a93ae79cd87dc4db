package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * {@code --help} of every subcommand, enumerated from the command spec (so a command added later is
 * checked without editing this test), prints its usage on stdout and no warning anywhere: picocli
 * reports a description it cannot format (a bare {@code %}) as {@code [picocli WARN]} on the
 * process's own stderr, which is captured here too.
 */
class HelpTest {

    private static CommandLine root() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return ImleCommand.commandLine(new CliStreams(new ByteArrayInputStream(new byte[0]), sink, sink));
    }

    static Stream<String> subcommands() {
        return root().getSubcommands().keySet().stream();
    }

    /** Every subcommand's help, and the root's: exit 0, usage on stdout, nothing warned. */
    @ParameterizedTest(name = "imle {0} --help")
    @MethodSource("subcommands")
    void helpPrintsUsageAndNoWarning(String command) {
        Captured help = helpOf(command, "--help");
        assertEquals(0, help.run.exitCode(), help.run.err());
        assertTrue(help.run.out().lines().anyMatch(l -> l.startsWith("Usage: imle " + command + " ")), help.run.out());
        assertNoWarning(help);
        assertFalse(help.run.out().contains("${"), "every variable is resolved: " + help.run.out());
        assertFalse(help.run.out().contains("default: null"), "an option without a default says so: " + help.run.out());
    }

    @Test
    void rootHelpPrintsNoWarning() {
        Captured help = helpOf("--help");
        assertEquals(0, help.run.exitCode());
        assertNoWarning(help);
    }

    @Test
    void theRootListsEveryTrainingCommandAndTheReportPrograms() {
        assertTrue(subcommands().toList().containsAll(List.of("shortest-path", "demo", "parse", "ilp", "dvae",
                "explain", "topk", "estimator-diagnostics", "explain-report")), subcommands().toList().toString());
    }

    /** The shared options show the defaults of each command's own configuration. */
    @Test
    void sharedOptionsShowTheDefaultsOfTheCommandsConfiguration() {
        String shortestPath = helpOf("shortest-path", "--help").run.out();
        var sp = org.imle.examples.shortestpath.ShortestPathConfig.builder().build();
        assertTrue(shortestPath.contains("Epochs (default: " + sp.epochs() + ")."), shortestPath);
        assertTrue(shortestPath.contains("(default: " + sp.batchSize() + ")."), shortestPath);
        assertTrue(shortestPath.replaceAll("\\s+", " ").contains("(default: shortest-path-out)"), shortestPath);
        String ilp = helpOf("ilp", "--help").run.out();
        var settings = org.imle.examples.ilp.DecisionFocusedTraining.Settings.defaults("imle");
        assertTrue(ilp.contains("Epochs (default: " + settings.epochs() + ")."), ilp);
        assertTrue(ilp.replaceAll("\\s+", " ").contains("none are written without it"), ilp);
        String dvae = helpOf("dvae", "--help").run.out();
        var vae = org.imle.examples.dvae.DiscreteVae.Config.defaults();
        assertTrue(dvae.contains("(default: " + vae.learningRate() + ")."), dvae);
    }

    private static void assertNoWarning(Captured c) {
        for (String stream : List.of(c.run.out(), c.run.err(), c.systemErr, c.systemOut)) {
            assertFalse(stream.contains("WARN"), stream);
        }
    }

    private record Captured(CliRun run, String systemOut, String systemErr) {
    }

    /** Runs the command line with the process's own stdout and stderr captured as well. */
    private static Captured helpOf(String... args) {
        PrintStream oldErr = System.err;
        PrintStream oldOut = System.out;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CliRun run = CliRun.run("", args);
            return new Captured(run, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setErr(oldErr);
            System.setOut(oldOut);
        }
    }
}
