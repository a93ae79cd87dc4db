package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The conventions every subcommand shares (exit 2 and one stderr line for bad input, exit 1 and one
 * line for other failures, nothing on stdout then, no partial output files).
 */
class CliConventionsTest {

    @ParameterizedTest(name = "[{index}] imle {0}")
    @CsvSource(delimiter = '|', value = {
        "--bogus                         | imle: Unknown option: '--bogus' (see 'imle --help')",
        "frobnicate                      | imle: Unmatched argument at index 0: 'frobnicate'",
        "oracles --bogus                 | imle oracles: Unknown option: '--bogus' (see 'imle oracles --help')",
        "gradient --threads              | imle gradient: Missing required parameter for option '--threads' (N)",
        "gradient --threads two          | imle gradient: Invalid value for option '--threads': 'two' is not an int",
        "gradient --threads 0            | imle gradient: --threads must be in 1..1024, got 0 (see 'imle gradient --help')",
        "gradient --max-line-bytes -5    | imle gradient: --max-line-bytes must be >= 1, got -5",
        "demo --k 30                     | imle demo: k must be in 1..20, got 30",
        "demo --lr -1                    | imle demo: learning rate must be positive and finite, got -1.0",
        "demo --noise cauchy             | imle demo: noise must be one of [none, gumbel, sum-of-gamma,",
        "demo --epochs 0                 | imle demo: epochs must be >= 1, got 0",
        "demo --threads 0                | imle demo: --threads must be in 1..1024, got 0",
        "''                              | imle: missing subcommand; one of help, demo, oracles, estimators, gradient,",
    })
    void badOptionsGiveExitCodeTwoAndOneLine(String args, String expectedStart) {
        String[] argv = args.isEmpty() ? new String[0] : args.split(" ");
        CliRun run = CliRun.run("", argv);
        assertEquals(CliErrors.BAD_INPUT, run.exitCode(), run.err());
        assertEquals("", run.out());
        List<String> err = run.errLines();
        assertEquals(1, err.size(), run.err());
        assertTrue(err.get(0).startsWith(expectedStart), err.get(0));
    }

    @Test
    void aFailureThatIsNotBadInputGivesExitCodeOneAndOneLine(@TempDir Path dir) throws Exception {
        Path blocker = dir.resolve("file");
        Files.writeString(blocker, "x");
        // the output's parent directory cannot be made: a file is in the way
        CliRun run = CliRun.run("", "demo", "--train", "20", "--test", "5", "--epochs", "1",
                "--metrics", blocker.resolve("metrics.csv").toString());
        assertEquals(CliErrors.FAILURE, run.exitCode(), run.err());
        List<String> err = run.errLines();
        assertEquals(1, err.size(), run.err());
        assertTrue(err.get(0).startsWith("imle demo: failed: FileAlreadyExistsException"), err.get(0));
    }

    @Test
    void helpAndVersionSucceedOnStdout() {
        CliRun help = CliRun.run("", "--help");
        assertEquals(0, help.exitCode());
        for (String sub : new String[] {"demo", "oracles", "gradient", "dvae"}) {
            assertTrue(help.out().contains(sub), help.out());
            CliRun subHelp = CliRun.run("", "help", sub);
            assertEquals(0, subHelp.exitCode());
            assertTrue(subHelp.out().startsWith("Usage: imle " + sub), subHelp.out());
        }
        assertTrue(help.out().contains("./imle bench"), "the footer points to the benchmarks: " + help.out());
        CliRun version = CliRun.run("", "--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.out().matches("imle \\d+\\.\\d+\\.\\d+.*\\R"), version.out());
        assertFalse(version.out().contains("${"), "the version must be filtered at build time");
    }

    @Test
    void oneLineFoldsMultiLineMessages() {
        assertEquals("a; b; c", CliErrors.oneLine("a\n  b\r\nc\n"));
        assertTrue(CliErrors.isBadInput(new java.io.UncheckedIOException(new java.nio.file.NoSuchFileException("f"))));
        assertFalse(CliErrors.isBadInput(new IllegalStateException("solver crashed")));
    }
}
