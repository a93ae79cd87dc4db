package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Bad options for every subcommand registered in the picocli root, derived from each command's
 * own option specs, so that a subcommand added later is swept without editing this test: an
 * unknown option, every option left without its value, every numeric option given a non-number.
 * Each run must exit with code 2, print exactly one line on stderr naming the command, print
 * nothing on stdout, and create none of the files its path options point to.
 */
class SubcommandSweepTest {

    @TempDir
    static Path outputs;

    private static CommandLine root() {
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        PrintStream ps = new PrintStream(sink, true, StandardCharsets.UTF_8);
        return ImleCommand.commandLine(new CliStreams(new java.io.ByteArrayInputStream(new byte[0]), ps, ps));
    }

    private static boolean numeric(Class<?> t) {
        return t == int.class || t == long.class || t == double.class || t == float.class || t == short.class
                || t == Integer.class || t == Long.class || t == Double.class || t == Float.class;
    }

    private static boolean takesPath(OptionSpec o) {
        return o.type() == Path.class || o.type() == java.io.File.class;
    }

    /**
     * Every path option of a command pointed at a fresh file name under {@link #outputs}, and every other
     * required option given a value.
     */
    private static List<String> pathOptions(String command, CommandLine cmd) {
        List<String> args = new ArrayList<>();
        for (OptionSpec o : cmd.getCommandSpec().options()) {
            if (takesPath(o)) {
                args.add(o.longestName());
                args.add(outputs.resolve(command + o.longestName().replace("-", "_") + ".out").toString());
            } else if (o.required()) {
                // a required option left out would be reported before the bad argument under test
                args.add(o.longestName());
                args.add("required-value");
            }
        }
        return args;
    }

    static Stream<Arguments> badInvocations() {
        List<Arguments> cases = new ArrayList<>();
        root().getSubcommands().forEach((name, cmd) -> {
            if (name.equals("help")) {
                return;
            }
            List<String> paths = pathOptions(name, cmd);
            cases.add(Arguments.of(name, withPaths(paths, name, "--no-such-option"), "--no-such-option"));
            cases.add(Arguments.of(name, withPaths(paths, name, "unexpected-positional-argument"), "unexpected"));
            for (OptionSpec o : cmd.getCommandSpec().options()) {
                if (o.arity().min() < 1 || o.usageHelp() || o.versionHelp()) {
                    continue;
                }
                cases.add(Arguments.of(name, withPaths(paths, name, o.longestName()), o.longestName()));
                if (numeric(o.type())) {
                    List<String> args = new ArrayList<>(paths);
                    args.add(0, name);
                    args.add(o.longestName());
                    args.add("not-a-number");
                    cases.add(Arguments.of(name, args, o.longestName()));
                }
            }
        });
        return cases.stream();
    }

    /** {@code command, path options..., last}: the bad argument last so that nothing runs. */
    private static List<String> withPaths(List<String> paths, String command, String last) {
        List<String> args = new ArrayList<>();
        args.add(command);
        args.addAll(paths);
        args.add(last);
        return args;
    }

    @ParameterizedTest(name = "imle {1}")
    @MethodSource("badInvocations")
    void badOptionsGiveOneLineExitTwoAndNoFiles(String command, List<String> args, String mentions) throws IOException {
        CliRun run = CliRun.run("", args.toArray(new String[0]));
        assertEquals(CliErrors.BAD_INPUT, run.exitCode(), run.err());
        assertEquals("", run.out(), "nothing on stdout");
        List<String> err = run.errLines();
        assertEquals(1, err.size(), run.err());
        assertTrue(err.get(0).startsWith("imle " + command + ": "), err.get(0));
        assertTrue(err.get(0).contains(mentions) || err.get(0).toLowerCase().contains("unmatched"), err.get(0));
        try (Stream<Path> s = Files.list(outputs)) {
            assertEquals(List.of(), s.toList(), "no output files after a refused run");
        }
    }

    @Test
    void theSweepCoversEverySubcommandExceptHelp() {
        List<String> swept = badInvocations().map(a -> (String) a.get()[0]).distinct().sorted().toList();
        List<String> registered = root().getSubcommands().keySet().stream().filter(n -> !n.equals("help")).sorted().toList();
        assertEquals(registered, swept);
        assertTrue(swept.containsAll(List.of("demo", "gradient", "oracles")), swept.toString());
    }

    @Test
    void aMissingInputFileGivesOneLineAndNoOutputFile(@TempDir Path dir) {
        Path output = dir.resolve("responses.jsonl");
        CliRun run = CliRun.run("", "gradient", "--input", dir.resolve("absent.jsonl").toString(),
                "--output", output.toString());
        assertEquals(CliErrors.BAD_INPUT, run.exitCode(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith("imle gradient: ") && run.err().contains("absent.jsonl"), run.err());
        assertFalse(Files.exists(output), "no partial output");
    }

    @Test
    void malformedFileExceptionsOfEveryReaderAreBadInput() {
        assertTrue(CliErrors.isBadInput(new org.imle.data.DataFormatException("x.npy", 12, "bad magic")));
        assertTrue(CliErrors.isBadInput(new org.imle.data.MalformedFileException(Path.of("x.conllu"), 3, "bad")));
        assertTrue(CliErrors.isBadInput(new java.io.UncheckedIOException(
                new org.imle.data.MalformedFileException(Path.of("v.txt"), 1, "bad"))));
    }
}
