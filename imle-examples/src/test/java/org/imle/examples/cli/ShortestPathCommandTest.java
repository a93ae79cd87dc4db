package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code imle shortest-path} end to end on tiny configurations. */
class ShortestPathCommandTest {

    private static final String[] TINY = {"shortest-path", "--grid", "4", "--channels", "4", "--train-size", "20",
        "--val-size", "6", "--test-size", "6", "--batch", "10", "--epochs", "2", "--threads", "2", "--plot-maps", "2"};

    private static String[] tiny(String... more) {
        return Stream.concat(Stream.of(TINY), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void trainsPrintsTheTestMetricsAndWritesItsOutputs(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("run");
        CliRun run = CliRun.run("", tiny("--out", out.toString()));
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.outLines();
        assertTrue(lines.get(0).startsWith("shortest paths on 4 x 4 maps: imle through the patch network; 20 training"),
                run.out());
        assertEquals("epoch  train-loss  val-cost-opt  test-cost-opt  test-exact  test-regret  seconds", lines.get(1));
        assertTrue(lines.get(2).trim().startsWith("1 "), run.out());
        assertTrue(lines.get(3).trim().startsWith("2 "), run.out());
        assertTrue(lines.get(4).matches("test: cost-optimal \\d\\.\\d{3}, exact match \\d\\.\\d{3}, cell accuracy "
                + "\\d\\.\\d{4}, normalised regret -?\\d+\\.\\d{4}"), lines.get(4));
        for (String f : List.of("metrics.csv", "metrics.json", "learning-curves.png", "training-loss.png",
                "test-maps.png")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(3, csv.size());
        assertTrue(csv.get(0).contains("test_cost_optimal") && csv.get(0).contains("val_regret"), csv.get(0));
        String json = Files.readString(out.resolve("metrics.json"));
        assertTrue(json.startsWith("[") && json.contains("\"test_exact_match\""), json);
        try (Stream<Path> files = Files.list(out)) {
            assertFalse(files.anyMatch(p -> p.getFileName().toString().contains(".tmp")), "no temporary files left");
        }
        assertTrue(run.errLines().get(run.errLines().size() - 1).startsWith("imle shortest-path: done in "), run.err());
    }

    @Test
    void generatedMapsAreWrittenByWriteDataAndReadBackByData(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("maps");
        CliRun first = CliRun.run("", tiny("--write-data", data.toString(), "--out", dir.resolve("a").toString()));
        assertEquals(0, first.exitCode(), first.err());
        for (String name : org.imle.data.warcraft.WarcraftFiles.fileNames()) {
            assertTrue(Files.isRegularFile(data.resolve(name)), name);
        }
        assertTrue(first.outLines().get(0).endsWith("(generated, seed 1)"), first.out());
        CliRun second = CliRun.run("", tiny("--data", data.toString(), "--out", dir.resolve("b").toString()));
        assertEquals(0, second.exitCode(), second.err());
        assertTrue(second.outLines().get(0).endsWith("(read from " + data + ")"), second.out());
        // the same maps and seed give the same training, read or generated
        assertEquals(first.outLines().subList(1, 4).stream().map(ShortestPathCommandTest::withoutSeconds).toList(),
                second.outLines().subList(1, 4).stream().map(ShortestPathCommandTest::withoutSeconds).toList());
    }

    private static String withoutSeconds(String row) {
        return row.replaceAll("\\s+\\S+$", "");
    }

    @Test
    void profilePrintsTheTimeOfEachPhase() {
        CliRun run = CliRun.run("", tiny("--profile", "2"));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("estimator backward (solves)"), run.out());
        assertTrue(run.out().contains("network forward"), run.out());
        assertTrue(run.outLines().get(run.outLines().size() - 1).startsWith("total"), run.out());
    }

    static Stream<Arguments> badOptions() {
        return Stream.of(
                Arguments.of(new String[] {"--estimator", "sgd"}, "unknown estimator 'sgd'"),
                Arguments.of(new String[] {"--model", "vgg"},
                        "Invalid value for option '--model': expected one of small, combresnet, patch, got 'vgg'"),
                Arguments.of(new String[] {"--data", "d", "--write-data", "w"}, "--write-data"),
                Arguments.of(new String[] {"--epochs", "0"}, "--epochs"),
                Arguments.of(new String[] {"--grid", "1"}, "--grid"),
                Arguments.of(new String[] {"--threads", "0"}, "--threads"),
                Arguments.of(new String[] {"--lr", "-1"}, "--lr"),
                Arguments.of(new String[] {"--milestones", "2,1"}, "--milestones"),
                Arguments.of(new String[] {"--profile", "0"}, "--profile"),
                Arguments.of(new String[] {"--epochs", "many"}, "--epochs"),
                Arguments.of(new String[] {"--no-such-option"}, "--no-such-option"));
    }

    @ParameterizedTest
    @MethodSource("badOptions")
    void badOptionsExitWithTwoAndOneLine(String[] args, String expected) {
        CliRun run = CliRun.run("", Stream.concat(Stream.of("shortest-path"), Stream.of(args)).toArray(String[]::new));
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().startsWith("imle shortest-path: "), run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertEquals("", run.out());
    }

    @Test
    void aFileAsDataOrAnIncompleteDataFolderIsBadInput(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("maps.txt"), "not a folder");
        CliRun run = CliRun.run("", tiny("--data", file.toString()));
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains("'" + file + "' is not a directory"), run.err());
        Path partial = Files.createDirectories(dir.resolve("partial"));
        Files.write(partial.resolve("train_maps.npy"), new byte[] {1, 2, 3});
        run = CliRun.run("", tiny("--data", partial.toString()));
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains("'" + partial + "' lacks train_vertex_weights.npy, train_shortest_paths.npy, "
                + "val_maps.npy"), run.err());
        assertFalse(run.err().contains("lacks train_maps.npy"), run.err());
    }

    /** A mistyped folder used to be filled with generated maps and trained on; now it is refused. */
    @Test
    void aDataFolderThatDoesNotExistIsBadInputAndIsNotCreated(@TempDir Path dir) {
        Path typo = dir.resolve("warcraft_shortest_path_oneskin/12x21");
        CliRun run = CliRun.run("", tiny("--data", typo.toString(), "--out", dir.resolve("o").toString()));
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(List.of("imle shortest-path: --data '" + typo + "' does not exist; it must hold "
                + String.join(", ", org.imle.data.warcraft.WarcraftFiles.fileNames())), run.errLines());
        assertEquals("", run.out());
        assertFalse(Files.exists(typo), "nothing is generated there");
        assertFalse(Files.exists(dir.resolve("o")), "nothing is trained");
    }

    @Test
    void aDataFileThatIsADirectoryIsBadInputNamingIt(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("maps");
        assertEquals(0, CliRun.run("", tiny("--write-data", data.toString(), "--out", dir.resolve("a").toString()))
                .exitCode());
        Path weights = data.resolve("val_vertex_weights.npy");
        Files.delete(weights);
        Files.createDirectory(weights);
        CliRun run = CliRun.run("", tiny("--data", data.toString(), "--out", dir.resolve("b").toString()));
        assertEquals(2, run.exitCode(), run.err());
        assertEquals(1, run.errLines().size(), run.err());
        assertTrue(run.err().contains("val_vertex_weights.npy"), run.err());
    }
}
