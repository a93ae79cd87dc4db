package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

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
import picocli.CommandLine.Command;

/**
 * A run builds only the subcommand it names ({@link ImleCommand#commandLineFor}), and what it
 * prints and returns is what the whole command tree gives for the same arguments.
 */
class LazySubcommandsTest {

    private static CliStreams sink() {
        PrintStream p = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return new CliStreams(new ByteArrayInputStream(new byte[0]), p, p);
    }

    private static List<String> built(String... args) {
        return List.copyOf(ImleCommand.commandLineFor(sink(), args).getSubcommands().keySet());
    }

    private static List<String> all() {
        return List.copyOf(ImleCommand.commandLine(sink()).getSubcommands().keySet());
    }

    @Test
    void aRunOfOneSubcommandBuildsOnlyThatOne() {
        assertEquals(List.of("ilp"), built("ilp", "--problem", "shortest-path"));
        assertEquals(List.of("shortest-path"), built("shortest-path", "--help"));
        assertEquals(List.of("explain-report"), built("explain-report", "dir"));
    }

    @Test
    void helpNoSubcommandAndUnknownNamesBuildTheWholeTree() {
        List<String> all = all();
        assertEquals(ImleCommand.SUBCOMMANDS.size(), all.size(), all.toString());
        assertEquals(all, built());
        assertEquals(all, built("help", "ilp"));
        assertEquals(all, built("--help"));
        assertEquals(all, built("--version"));
        assertEquals(all, built("no-such-command"));
        assertEquals(all, built("ILP"), "picocli matches subcommands case-sensitively, and so does the selection");
    }

    @Test
    void everyListedSubcommandIsBuiltAloneByItsName() {
        for (Class<?> c : ImleCommand.SUBCOMMANDS) {
            Command command = c.getAnnotation(Command.class);
            assertNotNull(command, c.getName());
            if (c != CommandLine.HelpCommand.class) {
                assertEquals(List.of(command.name()), built(command.name()), c.getName());
            }
        }
    }

    static Stream<List<String>> argumentLists() {
        return Stream.of(List.of(), List.of("--help"), List.of("no-such-command"), List.of("ilp", "--help"),
                List.of("help", "ilp"), List.of("demo", "--epochs", "zero"), List.of("ilp", "--no-such-option"),
                List.of("estimators"), List.of("oracles"), List.of("ilp", "--problem", "no-such-problem"));
    }

    /** The lazy command line and the whole tree print the same and return the same exit code. */
    @ParameterizedTest(name = "imle {0}")
    @MethodSource("argumentLists")
    void printsAndReturnsWhatTheWholeTreeDoes(List<String> args) {
        String[] a = args.toArray(new String[0]);
        CliRun lazy = CliRun.run("", a);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CliStreams streams = new CliStreams(new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        int code = ImleCommand.execute(ImleCommand.commandLine(streams), a);
        assertEquals(code, lazy.exitCode(), lazy.err());
        assertEquals(out.toString(StandardCharsets.UTF_8), lazy.out());
        assertEquals(err.toString(StandardCharsets.UTF_8), lazy.err());
    }
}
