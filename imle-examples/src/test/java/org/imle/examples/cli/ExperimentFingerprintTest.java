package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the numbers of a short run of every experiment and of {@code imle gradient} for every
 * estimator by a hash, so that a change meant to move code (not results) proves it moved none.
 *
 * <p>What is hashed is the numbers, not their layout: the metrics.csv columns by name (sorted),
 * leaving out wall-clock columns and the epoch counter, each value rounded to 6 decimals; the
 * gradient responses as the bits of every number. A change that alters results on purpose
 * (a new summation order, a fixed bug) updates a hash here in the same commit that says why, with
 * docs/EXPERIMENTS.md re-measured.
 */
class ExperimentFingerprintTest {

    /** Columns that measure time or count epochs: they differ from run to run or by convention. */
    private static final Set<String> NOT_RESULTS = Set.of("epoch", "seconds", "examples_per_second",
            "train_seconds", "test_seconds", "solver_calls");

    private static final String[] SHORTEST_PATH = {"shortest-path", "--grid", "4", "--channels", "4",
        "--train-size", "24", "--val-size", "6", "--test-size", "6", "--batch", "8", "--epochs", "2",
        "--threads", "2", "--plot-maps", "0"};

    static Stream<Arguments> commands() {
        return Stream.of(
                Arguments.of("shortest-path imle", "d12edbe35b872677", cat(SHORTEST_PATH)),
                Arguments.of("shortest-path imle S=2 T=0.5", "c458af3efca8efb9",
                        cat(SHORTEST_PATH, "--samples", "2", "--temperature", "0.5", "--lambda", "5")),
                Arguments.of("shortest-path aimle", "f57571ebf17d6b90", cat(SHORTEST_PATH, "--estimator", "aimle")),
                Arguments.of("shortest-path blackbox", "7311527e25696962",
                        cat(SHORTEST_PATH, "--estimator", "blackbox")),
                Arguments.of("shortest-path fenchel-young", "c5d201795fb022fe",
                        cat(SHORTEST_PATH, "--estimator", "fenchel-young")),
                Arguments.of("shortest-path straight-through", "be88cf41a5e483be",
                        cat(SHORTEST_PATH, "--estimator", "straight-through")),
                Arguments.of("shortest-path mse", "ecb8be1c9ab23d41", cat(SHORTEST_PATH, "--estimator", "mse")),
                Arguments.of("shortest-path small", "b6fc3bc35181753e", cat(SHORTEST_PATH, "--model", "small")),
                Arguments.of("parse arborescence imle", "649644d16e219c36", cat("parse", "--sentences", "60",
                        "--test-sentences", "20", "--epochs", "2", "--threads", "2", "--show", "0")),
                Arguments.of("parse eisner fenchel-young", "810c2644f22a3a7d", cat("parse", "--decoder", "eisner",
                        "--estimator", "fenchel-young", "--sentences", "60", "--test-sentences", "20", "--epochs", "2",
                        "--threads", "2", "--show", "0")),
                Arguments.of("parse latent", "d197d8d328d05a89", cat("parse", "--latent", "--sentences", "60",
                        "--test-sentences", "20", "--epochs", "2", "--threads", "2", "--show", "0")),
                Arguments.of("ilp knapsack imle", "1fff256b2e554fdd", cat("ilp", "--epochs", "2", "--train", "32",
                        "--test", "16", "--threads", "2")),
                Arguments.of("ilp knapsack spo+ cached", "755dda4d320bbce6", cat("ilp", "--estimator", "spo+",
                        "--solve-ratio", "0.5", "--epochs", "2", "--train", "32", "--test", "16", "--threads", "2")),
                Arguments.of("ilp assignment aimle", "292e3bcdef5a5bd9", cat("ilp", "--problem", "assignment",
                        "--estimator", "aimle", "--epochs", "2", "--train", "32", "--test", "16", "--threads", "2")),
                Arguments.of("ilp knapsack blackbox", "d673c430bdc2133b", cat("ilp", "--estimator", "blackbox",
                        "--epochs", "2", "--train", "32", "--test", "16", "--threads", "2")),
                Arguments.of("ilp knapsack fenchel-young", "0b769f04daba562b", cat("ilp", "--estimator",
                        "fenchel-young", "--epochs", "2", "--train", "32", "--test", "16", "--threads", "2")),
                Arguments.of("ilp assignment mse", "971a7b2de84812d1", cat("ilp", "--problem", "assignment",
                        "--estimator", "mse", "--epochs", "2", "--train", "32", "--test", "16", "--threads", "2")),
                Arguments.of("ilp knapsack cmap-pyepo batches", "4f4c78f8db4c292e", cat("ilp", "--estimator",
                        "cmap-pyepo", "--solve-ratio", "0.3", "--epochs", "2", "--train", "32", "--test", "16",
                        "--batch", "4", "--threads", "2")),
                // on the grid, where predicted paths are often optimal and the L1's sign at the optimum shows
                Arguments.of("ilp shortest-path dbb-pyepo", "4666a6d83b43e0bf", cat("ilp", "--problem",
                        "shortest-path", "--grid", "5", "--estimator", "dbb-pyepo", "--lambda", "20", "--epochs", "3",
                        "--train", "64", "--test", "16", "--threads", "2")),
                Arguments.of("dvae imle", "d8d7c260c22bf601", dvae("imle")),
                Arguments.of("dvae aimle", "dc8e167f2cb1a2f4", dvae("aimle")),
                Arguments.of("dvae straight-through", "b57f5bcb6f322d77", dvae("straight-through")),
                Arguments.of("dvae score-function", "7d28e5943ce734a3", dvae("score-function")),
                Arguments.of("dvae gumbel-softmax", "1800b64a8430a4b9", dvae("gumbel-softmax")),
                Arguments.of("explain imle", "1f9a14db9ea54763", explain("imle")),
                Arguments.of("explain straight-through", "ba91f0e1ac6dfa5d", explain("straight-through")),
                Arguments.of("explain score-function", "74ea0af5d77c80b1", explain("score-function")),
                Arguments.of("explain l2x", "55e0297a40eaa79c", explain("l2x")),
                Arguments.of("explain softsub", "4c63662292c39608", explain("softsub")));
    }

    private static String[] dvae(String estimator) {
        return cat("dvae", "--synthetic", "--estimator", estimator, "--epochs", "1", "--train-size", "100",
                "--test-size", "40", "--batch-size", "50", "--threads", "2");
    }

    private static String[] explain(String estimator) {
        return cat("explain", "--estimator", estimator, "--epochs", "1", "--train", "150", "--test", "40",
                "--threads", "2", "--show", "0");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void trainingCommandGivesThePinnedMetrics(String label, String expected, String[] args, @TempDir Path dir)
            throws Exception {
        Path out = dir.resolve("out");
        CliRun run = CliRun.run("", cat(args, "--out", out.toString()));
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(expected, hash(csvNumbers(out.resolve("metrics.csv"))), label);
    }

    @ParameterizedTest(name = "demo {0}")
    @MethodSource("demos")
    void demoGivesThePinnedMetrics(String noise, String expected, @TempDir Path dir) throws Exception {
        Path csv = dir.resolve("demo.csv");
        CliRun run = CliRun.run("", "demo", "--epochs", "2", "--train", "200", "--test", "50", "--noise", noise,
                "--threads", "2", "--metrics", csv.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(expected, hash(csvNumbers(csv)), noise);
    }

    static Stream<Arguments> demos() {
        return Stream.of(Arguments.of("sum-of-gamma", "6ef928b2fde137be"), Arguments.of("gumbel", "c08ce6d3654c5505"), Arguments.of("none", "14c4ea3354c620e2"));
    }

    static Stream<Arguments> gradients() {
        String theta = "[[0.5,2.0,-1.0,1.5,0.0,0.25],[1.0,-0.5,0.75,0.1,2.5,-1.5]]";
        String dLdz2 = "[[0,1,0,-1,0,0.5],[0.2,0,-1,0,1,0],[1,0,0,0,-1,0],[0,0.5,0.5,0,0,-1]]";
        String dLdz1 = "[[0,1,0,-1,0,0.5],[0.2,0,-1,0,1,0]]";
        String sog = "{\"name\":\"sum-of-gamma\",\"k\":2}";
        String head = "{\"oracle\":\"top-k\",\"params\":{\"n\":6,\"k\":2},\"seed\":7,\"step\":3,\"theta\":" + theta;
        return Stream.of(
                Arguments.of("imle", "7a8c59c569fb077d", head + ",\"dLdz\":" + dLdz2 + ",\"estimator\":{\"name\":\"imle\","
                        + "\"samples\":2,\"lambda\":3,\"noise\":" + sog + "}}"),
                Arguments.of("imle marginal", "10d8fac7fb84db90", head + ",\"dLdz\":" + dLdz1 + ",\"estimator\":{\"name\":\"imle\","
                        + "\"marginalSamples\":3,\"scaling\":\"divide-by-lambda\",\"noise\":\"gumbel\"}}"),
                Arguments.of("aimle", "053419343c920e25", head + ",\"dLdz\":" + dLdz2 + ",\"estimator\":{\"name\":\"aimle\","
                        + "\"samples\":2,\"symmetric\":true,\"noise\":" + sog + "}}"),
                Arguments.of("blackbox", "cbe4d8d8345fd89e", head + ",\"dLdz\":" + dLdz1
                        + ",\"estimator\":{\"name\":\"blackbox\",\"lambda\":2}}"),
                Arguments.of("perturbed", "33e8aa4655e2bd5f", head + ",\"dLdz\":" + dLdz1
                        + ",\"estimator\":{\"name\":\"perturbed\",\"samples\":1}}"),
                Arguments.of("perturbed multiplicative", "ffd4065dc833697c", head.replace("0.0,0.25", "0.3,0.25") + ",\"dLdz\":" + dLdz1
                        + ",\"estimator\":{\"name\":\"perturbed\",\"samples\":1,\"perturbation\":\"multiplicative\","
                        + "\"temperature\":0.5}}"),
                Arguments.of("straight-through", "7de8b9b15a689be5", head + ",\"dLdz\":" + dLdz2
                        + ",\"estimator\":{\"name\":\"straight-through\",\"samples\":2,\"noise\":\"gumbel\"}}"),
                Arguments.of("score-function", "e223eb7b775f70e5", head + ",\"dLdz\":" + dLdz2
                        + ",\"estimator\":{\"name\":\"score-function\",\"samples\":2}}"),
                Arguments.of("fenchel-young", "a83fc15dcbfd121b", head + ",\"target\":[[0,1,0,1,0,0],[1,0,0,0,1,0]]"
                        + ",\"estimator\":{\"name\":\"fenchel-young\",\"samples\":3}}"),
                Arguments.of("spo+", "dcaf01f24955812b", head + ",\"trueTheta\":[[1,0,2,0,0,-1],[0,1,0,3,0,0]]"
                        + ",\"estimator\":{\"name\":\"spo+\"}}"));
    }

    @ParameterizedTest(name = "gradient {0}")
    @MethodSource("gradients")
    void gradientGivesThePinnedNumbers(String label, String expected, String request) throws Exception {
        CliRun run = CliRun.run(request + "\n", "gradient", "--threads", "2");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode response = new ObjectMapper().readTree(run.out());
        assertEquals(null, response.get("error"), run.out());
        StringBuilder bits = new StringBuilder();
        for (String field : List.of("z", "grad", "loss")) {
            bits.append(field).append(':');
            jsonBits(response.get(field), bits);
        }
        assertEquals(expected, hash(bits.toString()), label + ": " + run.out());
    }

    /** The report commands print tables of numbers: their stdout's numbers, in order, are hashed. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("reports")
    void reportCommandGivesThePinnedNumbers(String label, String expected, String[] args) throws Exception {
        CliRun run = CliRun.run("", args);
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(expected, hash(numbers(run.out())), label);
    }

    static Stream<Arguments> reports() {
        return Stream.of(
                Arguments.of("top-k experiment", "046cc8d2599f0134", cat("topk", "--repetitions", "2", "--steps", "20",
                        "--threads", "2", "--no-plot")),
                Arguments.of("estimator diagnostics", "5c1dfd703785889e", cat("estimator-diagnostics", "--items", "6",
                        "--k", "2", "--draws", "200", "--seed", "1")));
    }

    // ---------------------------------------------------------------------------------------------

    private static String[] cat(String[] first, String... more) {
        return Stream.concat(Stream.of(first), Stream.of(more)).toArray(String[]::new);
    }

    private static String[] cat(String... args) {
        return args;
    }

    /** Every result column of a metrics.csv, by name, each value rounded to 6 decimals. */
    static String csvNumbers(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        String[] header = lines.get(0).split(",", -1);
        TreeMap<String, List<String>> columns = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            for (int c = 0; c < header.length; c++) {
                if (NOT_RESULTS.contains(header[c])) {
                    continue;
                }
                String cell = c < cells.length ? cells[c].trim() : "";
                columns.computeIfAbsent(header[c], h -> new ArrayList<>()).add(rounded(cell));
            }
        }
        return columns.toString();
    }

    private static String rounded(String cell) {
        if (cell.isEmpty() || cell.equals("-")) {
            return "-";
        }
        try {
            return String.format(Locale.ROOT, "%.6f", Double.parseDouble(cell));
        } catch (NumberFormatException e) {
            return cell;
        }
    }

    private static final Pattern NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?(e-?\\d+)?");

    /** The numbers of a text report, in order, as printed. */
    static String numbers(String text) {
        StringBuilder sb = new StringBuilder();
        Matcher m = NUMBER.matcher(text);
        while (m.find()) {
            sb.append(m.group()).append(' ');
        }
        return sb.toString();
    }

    private static void jsonBits(JsonNode node, StringBuilder out) {
        if (node == null) {
            out.append("absent;");
        } else if (node.isArray()) {
            out.append('[');
            for (JsonNode e : node) {
                jsonBits(e, out);
            }
            out.append(']');
        } else {
            out.append(Long.toHexString(Double.doubleToLongBits(node.asDouble()))).append(',');
        }
    }

    static String hash(String text) throws Exception {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        return HexFormat.of().formatHex(digest, 0, 8);
    }
}
