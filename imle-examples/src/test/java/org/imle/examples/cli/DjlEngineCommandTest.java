package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imle shortest-path --engine djl} end to end on tiny configurations, on libtorch. */
class DjlEngineCommandTest {

    private static final String[] TINY = {"shortest-path", "--engine", "djl", "--grid", "4", "--channels", "4",
        "--train-size", "20", "--val-size", "6", "--test-size", "6", "--batch", "10", "--epochs", "2", "--threads", "2",
        "--plot-maps", "0"};

    private static String[] tiny(String... more) {
        return Stream.concat(Stream.of(TINY), Stream.of(more)).toArray(String[]::new);
    }

    private static List<String> withoutSeconds(CliRun run) {
        return run.outLines().subList(1, 5).stream().map(r -> r.replaceAll("\\s+\\S+$", "")).toList();
    }

    @Test
    void trainsThePatchNetworkOnLibtorchAndRepeatsItsNumbers(@TempDir Path dir) throws Exception {
        CliRun first = CliRun.run("", tiny("--out", dir.resolve("a").toString()));
        assertEquals(0, first.exitCode(), first.err());
        assertTrue(first.outLines().get(0).startsWith("shortest paths on 4 x 4 maps: imle through the patch network"),
                first.out());
        assertTrue(first.outLines().get(4).startsWith("test: cost-optimal "), first.out());
        List<String> csv = Files.readAllLines(dir.resolve("a").resolve("metrics.csv"));
        assertEquals(3, csv.size(), "a header and two epochs");
        assertTrue(Files.size(dir.resolve("a").resolve("metrics.json")) > 0);
        assertTrue(!first.out().contains("GPU") && !first.out().contains("WARN"), "DJL's log stays off stdout");
        // one seed, one thread count: the same losses and scores
        CliRun second = CliRun.run("", tiny("--out", dir.resolve("b").toString()));
        assertEquals(0, second.exitCode(), second.err());
        assertEquals(withoutSeconds(first), withoutSeconds(second));
    }

    @Test
    void trainsCombResNetAndTheStructuredLossOnLibtorch(@TempDir Path dir) {
        CliRun run = CliRun.run("", tiny("--model", "combresnet", "--estimator", "fenchel-young",
                "--out", dir.toString()));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.outLines().get(0).contains("fenchel-young through the combresnet network"), run.out());
    }

    @Test
    void theSmallNetworkAndGpuWithTheJavaEngineAreBadOptions() {
        CliRun small = CliRun.run("", tiny("--model", "small"));
        assertEquals(2, small.exitCode(), small.err());
        assertTrue(small.err().contains("--engine djl has the patch and combresnet networks"), small.err());
        CliRun gpu = CliRun.run("", "shortest-path", "--device", "gpu", "--epochs", "1");
        assertEquals(2, gpu.exitCode(), gpu.err());
        assertTrue(gpu.err().contains("--device gpu needs --engine djl"), gpu.err());
    }

    @Test
    void everyTrainingCommandsHelpSaysWhichEnginesItHas() {
        CliRun sp = CliRun.run("", "shortest-path", "--help");
        assertTrue(sp.out().contains("--engine=NAME") && sp.out().contains("--device=NAME"), sp.out());
        for (String command : List.of("demo", "dvae", "explain", "ilp", "parse")) {
            CliRun help = CliRun.run("", command, "--help");
            assertEquals(0, help.exitCode(), help.err());
            assertTrue(help.out().replaceAll("\\s+", " ").contains("Network engine: Java only (no --engine djl"),
                    command + ": " + help.out());
        }
    }

    @Test
    void profileTimesLibtorchsStepPhaseByPhaseAndSamplesMemory() {
        CliRun run = CliRun.run("", tiny("--profile", "20"));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("20 timed steps of 10 maps on libtorch"), run.out());
        double sum = 0;
        for (String phase : List.of("assemble batch", "network forward", "estimator forward \\(solves\\) \\+ loss",
                "estimator backward \\(solves\\)", "network backward", "optimiser step")) {
            sum += milliseconds(run.out(), phase);
        }
        // the phases add up to the total, to the table's rounding
        assertEquals(milliseconds(run.out(), "total"), sum, 0.04, run.out());
        assertTrue(milliseconds(run.out(), "network forward\\+backward alone") > 0, run.out());
        // resident memory read every 2 timed steps (20 / 10) and at the end: 11 rows
        java.util.regex.Matcher rows = java.util.regex.Pattern.compile("(?m)^ +\\d+ +\\d+$").matcher(
                run.out().substring(run.out().indexOf("resident memory")));
        int count = 0;
        while (rows.find()) {
            count++;
        }
        assertEquals(11, count, run.out());
    }

    private static double milliseconds(String out, String phase) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?m)^" + phase + " +(\\d+\\.\\d+) ").matcher(out);
        assertTrue(m.find(), phase + " in " + out);
        return Double.parseDouble(m.group(1));
    }
}
