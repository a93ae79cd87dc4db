package org.imle.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.imle.examples.cli.CliStreams;
import org.imle.examples.cli.ImleCommand;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code imle bench} as {@link BenchMain} runs it: JMH's options, its benchmark list, bad input. */
class BenchCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cmd = ImleCommand.commandLine(new CliStreams(InputStream.nullInputStream(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)),
                new BenchCommand());
        int code = ImleCommand.execute(cmd, args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listsTheBenchmarksTheAnnotationProcessorFound() {
        PrintStream saved = System.out;
        ByteArrayOutputStream listed = new ByteArrayOutputStream();
        // JMH's Runner prints the list to System.out, not to the command's stream
        System.setOut(new PrintStream(listed, true, StandardCharsets.UTF_8));
        Run run;
        try {
            run = run("bench", "-l");
        } finally {
            System.setOut(saved);
        }
        assertEquals(0, run.exitCode(), run.err());
        String list = listed.toString(StandardCharsets.UTF_8);
        for (String benchmark : new String[] {"OracleBenchmark", "EstimatorBenchmark", "MatMulBenchmark",
            "ShortestPathStepBenchmark", "ThreadScalingBenchmark", "CnnBenchmark"}) {
            assertTrue(list.contains("org.imle.bench." + benchmark + "."), benchmark + " in " + list);
        }
    }

    @Test
    void aBadJmhOptionIsBadInputOnOneLine() {
        Run run = run("bench", "-f", "x");
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("imle bench: bad JMH option in [-f, x]:"), run.err());
    }

    @Test
    void anIncludePatternThatMatchesNothingIsBadInput() {
        Run run = run("bench", "NoSuchBenchmarkAnywhere");
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().startsWith("imle bench: no benchmark matches [NoSuchBenchmarkAnywhere]"), run.err());
    }

    @Test
    void helpOfBenchIsJmhsOwn() {
        Run run = run("help", "bench");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("Usage: imle bench"), run.out());
    }

    /**
     * {@code imle help NAME} for every subcommand of the command line that {@link BenchMain} runs
     * (the examples' and {@code bench}), enumerated from its spec: usage on stdout and no picocli
     * warning on any stream, the process's stderr included.
     */
    @Test
    void helpOfEverySubcommandPrintsNoWarning() {
        CommandLine root = ImleCommand.commandLine(new CliStreams(InputStream.nullInputStream(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)), new BenchCommand());
        assertTrue(root.getSubcommands().containsKey("bench"));
        PrintStream savedErr = System.err;
        ByteArrayOutputStream processErr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(processErr, true, StandardCharsets.UTF_8));
        try {
            for (String name : root.getSubcommands().keySet()) {
                Run run = run("help", name);
                assertEquals(0, run.exitCode(), name + ": " + run.err());
                assertTrue(run.out().contains("Usage: imle " + name), run.out());
                assertTrue(!run.out().contains("WARN") && !run.err().contains("WARN"), name + ": " + run.err());
            }
        } finally {
            System.setErr(savedErr);
        }
        assertEquals("", processErr.toString(StandardCharsets.UTF_8));
    }
}
