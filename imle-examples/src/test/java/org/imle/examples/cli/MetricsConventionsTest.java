package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every training command numbers epochs the same way, from 1 (0 is the untrained model where a
 * command evaluates it), as integers, in its table, its {@code metrics.csv}, its
 * {@code metrics.json} and its progress lines; the two metrics files hold the same rows, and no
 * output says NaN.
 */
class MetricsConventionsTest {

    static Stream<Arguments> runs() {
        return Stream.of(
                Arguments.of("shortest-path", 1, new String[] {"shortest-path", "--grid", "4", "--channels", "4",
                    "--train-size", "16", "--val-size", "4", "--test-size", "4", "--batch", "8", "--epochs", "2",
                    "--threads", "2", "--plot-maps", "0"}),
                Arguments.of("parse", 0, new String[] {"parse", "--sentences", "40", "--test-sentences", "10",
                    "--epochs", "2", "--threads", "2", "--show", "0"}),
                Arguments.of("ilp", 1, new String[] {"ilp", "--epochs", "2", "--train", "16", "--test", "8",
                    "--threads", "2"}),
                Arguments.of("dvae", 1, new String[] {"dvae", "--synthetic", "--epochs", "2", "--train-size", "40",
                    "--test-size", "20", "--batch", "20", "--threads", "2"}),
                Arguments.of("explain", 1, new String[] {"explain", "--epochs", "2", "--train", "60", "--test", "20",
                    "--threads", "2", "--show", "0"}),
                Arguments.of("demo", 1, new String[] {"demo", "--epochs", "2", "--train", "100", "--test", "20",
                    "--threads", "2"}));
    }

    private static final Pattern PROGRESS_EPOCH = Pattern.compile("epoch (\\d+(?:\\.\\d+)?)(?:/\\d+)?");

    @ParameterizedTest(name = "imle {0}")
    @MethodSource("runs")
    void epochsAreNumberedFromOneEverywhereAndNothingIsNaN(String command, int first, String[] args,
            @TempDir Path dir) throws Exception {
        Path out = dir.resolve("out");
        CliRun run = CliRun.run("", concat(args, "--out", out.toString()));
        assertEquals(0, run.exitCode(), run.err());
        List<Integer> expected = IntStream.rangeClosed(first, 2).boxed().toList();

        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        String[] header = csv.get(0).split(",");
        assertEquals("epoch", header[0], csv.get(0));
        List<Integer> csvEpochs = new ArrayList<>();
        for (String row : csv.subList(1, csv.size())) {
            csvEpochs.add(Integer.parseInt(row.split(",", -1)[0]));
        }
        assertEquals(expected, csvEpochs, "metrics.csv epochs");

        JsonNode json = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        assertTrue(json.isArray(), "metrics.json is an array of epochs, as for every command");
        assertEquals(csv.size() - 1, json.size());
        for (int r = 0; r < json.size(); r++) {
            JsonNode row = json.get(r);
            assertTrue(row.get("epoch").isIntegralNumber(), row.toString());
            String[] cells = csv.get(r + 1).split(",", -1);
            for (int c = 0; c < header.length; c++) {
                JsonNode v = row.get(header[c]);
                if (cells[c].isEmpty()) {
                    assertTrue(v == null || v.isNull(), header[c] + " " + row);
                } else {
                    assertEquals(Double.parseDouble(cells[c]), v.asDouble(), 0.0, header[c] + " " + row);
                }
            }
        }

        assertEquals(expected.stream().filter(e -> e > 0).toList(), tableEpochs(run.out(), first),
                "table epochs: " + run.out());
        Matcher m = PROGRESS_EPOCH.matcher(run.err());
        while (m.find()) {
            assertTrue(m.group(1).matches("\\d+"), "progress numbers epochs as integers: " + m.group());
            int e = Integer.parseInt(m.group(1));
            assertTrue(e >= 1 && e <= 2, "progress epoch " + e + " in " + run.err());
        }
        for (String text : List.of(run.out(), run.err(), String.join("\n", csv), json.toString())) {
            assertFalse(text.contains("NaN") || text.contains("Infinity"), text);
        }
    }

    /** The epochs of the rows under the table's {@code epoch ...} header, leaving out epoch 0. */
    private static List<Integer> tableEpochs(String stdout, int first) {
        List<String> lines = stdout.lines().toList();
        int h = 0;
        while (!lines.get(h).startsWith("epoch ")) {
            h++;
        }
        List<Integer> epochs = new ArrayList<>();
        for (String line : lines.subList(h + 1, lines.size())) {
            String cell = line.trim().split("\\s+")[0];
            if (!cell.matches("\\d+")) {
                break;
            }
            int e = Integer.parseInt(cell);
            if (e > 0) {
                epochs.add(e);
            }
        }
        return epochs;
    }

    private static String[] concat(String[] args, String... more) {
        return Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
    }
}
