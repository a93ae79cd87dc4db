package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code imle gradient} end to end: JSON Lines on stdin, JSON Lines on stdout, in one JVM. */
class GradientCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String K = TestOraclesPlugin.K_SUBSET;

    /** The k largest entries, lowest index first among ties: an independent reference. */
    private static double[] topK(double[] theta, int k) {
        Integer[] idx = IntStream.range(0, theta.length).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(idx, Comparator.<Integer>comparingDouble(i -> -theta[i]).thenComparingInt(i -> i));
        double[] z = new double[theta.length];
        for (int j = 0; j < k; j++) {
            z[idx[j]] = 1;
        }
        return z;
    }

    private static ArrayNode rows(double[][] rows) {
        ArrayNode a = JSON.createArrayNode();
        for (double[] r : rows) {
            ArrayNode row = a.addArray();
            for (double v : r) {
                row.add(v);
            }
        }
        return a;
    }

    private static double[][] read(JsonNode rows) {
        double[][] out = new double[rows.size()][];
        for (int r = 0; r < out.length; r++) {
            out[r] = new double[rows.get(r).size()];
            for (int i = 0; i < out[r].length; i++) {
                assertTrue(rows.get(r).get(i).isNumber(), "number expected: " + rows);
                out[r][i] = rows.get(r).get(i).doubleValue();
            }
        }
        return out;
    }

    private static String request(int n, int k, String thetaRows, String extra) {
        return "{\"oracle\":\"" + K + "\",\"params\":{\"n\":" + n + ",\"k\":" + k + "},\"theta\":" + thetaRows
                + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    @Test
    void answersEveryLineWithTheExactImleGradientUnderZeroNoise() throws IOException {
        SplittableRandom random = new SplittableRandom(20261126L);
        StringBuilder in = new StringBuilder();
        List<double[][]> expectedZ = new ArrayList<>();
        List<double[][]> expectedGrad = new ArrayList<>();
        int lines = 300;
        for (int line = 0; line < lines; line++) {
            int n = 1 + random.nextInt(7);
            int k = 1 + random.nextInt(n);
            int b = 1 + random.nextInt(3);
            int s = 1 + random.nextInt(3);
            double alpha = random.nextInt(3) == 0 ? 0.0 : random.nextDouble(-1, 2);
            double lambda = random.nextDouble(0.1, 20);
            boolean divide = random.nextBoolean();
            double[][] theta = new double[b][n];
            double[][] dLdz = new double[b * s][n];
            for (double[] r : theta) {
                for (int i = 0; i < n; i++) {
                    r[i] = random.nextDouble(-3, 3);
                }
            }
            for (double[] r : dLdz) {
                for (int i = 0; i < n; i++) {
                    r[i] = random.nextDouble(-2, 2);
                }
            }
            ObjectNode req = JSON.createObjectNode();
            req.put("oracle", K);
            req.putObject("params").put("n", n).put("k", k);
            req.set("theta", rows(theta));
            req.set("dLdz", rows(dLdz));
            ObjectNode est = req.putObject("estimator");
            est.put("name", "imle").put("alpha", alpha).put("lambda", lambda).put("samples", s)
                    .put("scaling", divide ? "divide-by-lambda" : "none");
            est.putObject("noise").put("name", "none");
            req.put("seed", random.nextLong());
            in.append(JSON.writeValueAsString(req)).append('\n');

            double[][] z = new double[b * s][];
            double[][] grad = new double[b][n];
            double c = (divide ? 1 / lambda : 1.0) / s;
            for (int row = 0; row < b; row++) {
                double[] zb = topK(theta[row], k);
                for (int j = 0; j < s; j++) {
                    z[row * s + j] = zb;
                    double[] target = new double[n];
                    for (int i = 0; i < n; i++) {
                        target[i] = alpha * theta[row][i] - lambda * dLdz[row * s + j][i];
                    }
                    double[] zt = topK(target, k);
                    for (int i = 0; i < n; i++) {
                        grad[row][i] += zb[i] - zt[i];
                    }
                }
                for (int i = 0; i < n; i++) {
                    grad[row][i] *= c;
                }
            }
            expectedZ.add(z);
            expectedGrad.add(grad);
        }
        CliRun run = CliRun.run(in.toString(), "gradient", "--threads", "2");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        List<String> out = run.outLines();
        assertEquals(lines, out.size());
        for (int line = 0; line < lines; line++) {
            JsonNode response = JSON.readTree(out.get(line));
            assertFalse(response.has("error"), out.get(line));
            double[][] z = read(response.get("z"));
            double[][] grad = read(response.get("grad"));
            assertEquals(expectedZ.get(line).length, z.length, "line " + (line + 1));
            for (int r = 0; r < z.length; r++) {
                assertArrayEquals(expectedZ.get(line)[r], z[r], "line " + (line + 1) + " z row " + r);
            }
            assertEquals(expectedGrad.get(line).length, grad.length);
            for (int r = 0; r < grad.length; r++) {
                // exact: the response prints the shortest decimal that reads back as the same double
                assertArrayEquals(expectedGrad.get(line)[r], grad[r], 0.0, "line " + (line + 1) + " grad row " + r);
            }
        }
    }

    @Test
    void noisySamplesAreValidKSubsetsAndZAloneWithoutDLdz() throws IOException {
        String[] noises = {
            "{\"name\":\"sum-of-gamma\",\"k\":3,\"iterations\":20}",
            "{\"name\":\"gumbel\",\"scale\":2}",
            "\"gaussian\"",
        };
        StringBuilder in = new StringBuilder();
        for (String noise : noises) {
            in.append(request(6, 3, "[[0,0,0,0,0,0],[1,2,3,4,5,6]]",
                    "\"estimator\":{\"samples\":4,\"noise\":" + noise + "},\"seed\":7")).append('\n');
        }
        CliRun run = CliRun.run(in.toString(), "gradient");
        assertEquals(0, run.exitCode(), run.err());
        int distinct = 0;
        for (String line : run.outLines()) {
            JsonNode response = JSON.readTree(line);
            assertFalse(response.has("grad"), "no dLdz, no grad: " + line);
            double[][] z = read(response.get("z"));
            assertEquals(8, z.length);
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (double[] row : z) {
                assertEquals(3.0, java.util.Arrays.stream(row).sum(), line);
                assertTrue(java.util.Arrays.stream(row).allMatch(v -> v == 0 || v == 1), line);
                seen.add(java.util.Arrays.toString(row));
            }
            distinct += seen.size();
        }
        // noise on an all-zero theta must give more than one subset among the samples
        assertTrue(distinct > 3 * 2, "noise seems not to be applied: " + run.out());
    }

    @Test
    void aForwardRequestAndALaterOneWithDLdzAtTheSameSeedAndStepSampleTheSameZ() throws IOException {
        String theta = "[[0,0,0,0,0,0],[1,2,3,4,5,6]]";
        String estimator = "\"estimator\":{\"samples\":4,\"noise\":{\"name\":\"sum-of-gamma\",\"k\":3}}";
        String dLdz = "\"dLdz\":[" + String.join(",", java.util.Collections.nCopies(8, "[1,-1,0,2,0,-3]")) + "]";
        String in = request(6, 3, theta, estimator + ",\"seed\":5,\"step\":9") + "\n"
                + request(6, 3, theta, estimator + ",\"seed\":5,\"step\":9," + dLdz) + "\n"
                + request(6, 3, theta, estimator + ",\"seed\":5,\"step\":10," + dLdz) + "\n";
        CliRun run = CliRun.run(in, "gradient");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.outLines();
        assertEquals(3, lines.size(), run.out());
        JsonNode forward = JSON.readTree(lines.get(0));
        JsonNode backward = JSON.readTree(lines.get(1));
        JsonNode nextStep = JSON.readTree(lines.get(2));
        assertFalse(forward.has("grad"), lines.get(0));
        assertTrue(backward.has("grad"), lines.get(1));
        assertEquals(forward.get("z"), backward.get("z"), "the backward request must see the forward's draws");
        assertFalse(forward.get("z").equals(nextStep.get("z")),
                "step 10 drew step 9's samples: the step does not key the draws");
    }

    @Test
    void npyArraysInAndOutGiveTheJsonAnswer() throws Exception {
        double[][] theta = {{0.5, 2.0, -1.0, 1.5, 0.0}, {3, 1, 2, 0, -1}};
        java.io.ByteArrayOutputStream npy = new java.io.ByteArrayOutputStream();
        org.imle.data.npy.Npy.write(npy, org.imle.data.npy.NpyArray.ofFloat64(
                new double[] {0.5, 2.0, -1.0, 1.5, 0.0, 3, 1, 2, 0, -1}, 2, 5));
        String b64 = java.util.Base64.getEncoder().encodeToString(npy.toByteArray());
        String extra = "\"dLdz\":[[0,1,0,-1,0],[1,0,0,0,-1]],\"estimator\":{\"name\":\"imle\",\"lambda\":10}";
        String json = request(5, 2, rows(theta).toString(), extra);
        String binary = request(5, 2, "\"" + b64 + "\"", extra + ",\"encoding\":\"npy\"");
        CliRun run = CliRun.run(json + "\n" + binary + "\n", "gradient");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode a = JSON.readTree(run.outLines().get(0));
        JsonNode b = JSON.readTree(run.outLines().get(1));
        for (String field : new String[] {"z", "grad"}) {
            assertTrue(b.get(field).isTextual(), "npy encoding answers base64 strings: " + b);
            byte[] bytes = java.util.Base64.getDecoder().decode(b.get(field).asText());
            org.imle.data.npy.NpyArray arr = org.imle.data.npy.Npy.read(bytes, field);
            double[][] expected = read(a.get(field));
            double[] flat = arr.toDoubleArray();
            assertEquals(expected.length * expected[0].length, flat.length, field);
            for (int r = 0; r < expected.length; r++) {
                for (int i = 0; i < expected[r].length; i++) {
                    assertEquals(expected[r][i], flat[r * expected[r].length + i], field + " " + r + "," + i);
                }
            }
        }
    }

    @Test
    void everyBadRequestGetsAnErrorLineAndTheStreamGoesOn() throws IOException {
        String good = request(3, 1, "[[1,3,2]]", "\"dLdz\":[[0,1,0]]");
        String[][] cases = {
            {"{\"oracle\": \"" + K + "\", \"theta\": [[1,2]", "malformed JSON"},
            {"[1, 2, 3]", "request must be a JSON object"},
            {"{\"oracle\":\"no-such-oracle\",\"theta\":[[1]]}", "unknown oracle 'no-such-oracle'"},
            {request(3, 1, "[[1,2,3],[1,2]]", ""), "field 'theta' row 1 has 2 entries, expected 3"},
            {request(3, 1, "[[1,\"NaN\",3]]", ""), "row 0 coordinate 1 must be a number, got string \"NaN\""},
            {request(3, 1, "[[1,2,1e400]]", ""), "row 0 coordinate 2 is outside the range of a double"},
            {request(3, 1, "[[1,2,NaN]]", ""), "malformed JSON"},
            {"{\"oracle\":\"" + K + "\",\"params\":{\"n\":3}}", "field 'theta' is missing"},
            {"{\"params\":{\"n\":3},\"theta\":[[1,2,3]]}", "field 'oracle' is missing"},
            {request(3, 1, "[]", ""), "field 'theta' has no rows"},
            {request(3, 1, "[[1,2,3]]", "\"dLdz\":[[1,2,3],[1,2,3]]"), "dLdz has 2 rows, expected B x S = 1 x 1 = 1"},
            {request(3, 1, "[[1,2,3]]", "\"thetta\":1"), "request has no field 'thetta'"},
            {request(3, 1, "[[1,2,3]]", "\"estimator\":{\"name\":\"nope\"}"), "unknown estimator 'nope'"},
            {request(3, 1, "[[1,2,3]]", "\"estimator\":{\"lamda\":1}"), "estimator 'imle' has no parameter 'lamda'; its parameters: noise, samples"},
            {request(3, 1, "[[1,2,3]]", "\"estimator\":{\"lambda\":-1}"), "lambda must be positive"},
            {request(3, 1, "[[1,2,3]]", "\"estimator\":{\"samples\":0}"), "samples must be >= 1"},
            {request(3, 1, "[[1,2,3]]", "\"estimator\":{\"samples\":1.5}"), "estimator 'imle' parameter 'samples' must be an integer, got 1.5"},
            {request(3, 1, "[[1,2,3]]", "\"estimator\":{\"scaling\":\"half\"}"), "scaling must be 'none' or 'divide-by-lambda'"},
            {request(3, 1, "[[1,2,3]]", "\"estimator\":{\"noise\":{\"name\":\"cauchy\"}}"), "unknown noise 'cauchy'"},
            {request(3, 1, "[[1,2,3]]", "\"estimator\":{\"noise\":{\"name\":\"sum-of-gamma\"}}"), "parameter 'k' is missing"},
            {request(3, 1, "[[1,2,3]]", "\"estimator\":{\"noise\":{\"name\":\"gumbel\",\"scal\":2}}"), "noise 'gumbel' has no parameter 'scal'"},
            {request(3, 1, "[[1,2,3]]", "\"estimator\":{\"samples\":100000000}"), "more than the limit"},
            {request(3, 1, "[[1,2,3]]", "\"target\":[[1,0,0]]"), "estimator 'imle' does not use 'target'"},
            {request(3, 1, "[[1,2,3]]", "\"target\":[[1,0,0],[0,1,0]]"), "field 'target' has 2 rows, expected one per row of theta (1)"},
            {request(3, 1, "[[1,2,3]]", "\"seed\":\"x\""), "field 'seed' must be an integer"},
            {request(3, 4, "[[1,2,3]]", ""), "parameter 'k' must be in 1..3, got 4"},
            {"{\"oracle\":\"" + K + "\",\"params\":{\"n\":3,\"kk\":1},\"theta\":[[1,2,3]]}",
                "oracle 'test-k-subset' has no parameter 'kk'; its parameters: n, k"},
            {"{\"oracle\":\"" + TestOraclesPlugin.FAILING + "\",\"params\":{\"n\":2},\"theta\":[[1,2]]}",
                "IllegalStateException: solver timed out"},
            {request(3, 1, "[[1,2,3]]", "\"oracle\":\"again\""), "malformed JSON"},
            {"[".repeat(5000), "malformed JSON: Document nesting depth (1001) exceeds the maximum allowed"},
            {request(3, 1, "[[1,2," + "9".repeat(5000) + "]]", ""), "malformed JSON: Number value length"},
        };
        StringBuilder in = new StringBuilder();
        for (String[] c : cases) {
            in.append(c[0]).append('\n').append(good).append('\n');
        }
        CliRun run = CliRun.run(in.toString(), "gradient");
        assertEquals(0, run.exitCode(), run.err());
        List<String> out = run.outLines();
        assertEquals(2 * cases.length, out.size(), run.out());
        for (int i = 0; i < cases.length; i++) {
            JsonNode error = JSON.readTree(out.get(2 * i));
            assertEquals(1, error.size(), out.get(2 * i));
            String message = error.get("error").asText();
            assertTrue(message.startsWith("line " + (2 * i + 1) + ": "), message);
            assertTrue(message.contains(cases[i][1]), "case " + i + ": expected '" + cases[i][1] + "' in: " + message);
            JsonNode ok = JSON.readTree(out.get(2 * i + 1));
            assertEquals("[[0,1,0]]", ok.get("z").toString(), "the good line after case " + i);
            // theta' = theta - 10 * dLdz = [1, -7, 2]: the target moves from item 1 to item 2
            assertEquals("[[0,1,-1]]", ok.get("grad").toString());
        }
        assertEquals(List.of("imle gradient: " + cases.length + " of " + 2 * cases.length
                + " requests answered with an error line"), run.errLines());
    }

    @Test
    void badBytesAndOverlongLinesAreErrorLinesToo() throws IOException {
        String good = request(2, 1, "[[2,1]]", "");
        ByteArrayOutputStream in = new ByteArrayOutputStream();
        in.write((good + "\r\n\n   \n").getBytes(StandardCharsets.UTF_8));
        in.write(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}', '\n'});
        String overlong = "{\"oracle\":\"" + K + "\",\"theta\":[[" + "1,".repeat(200) + "1]]}";
        in.write((overlong + "\n").getBytes(StandardCharsets.UTF_8));
        in.write(("{\"id\":\"last\"," + good.substring(1)).getBytes(StandardCharsets.UTF_8)); // no final newline
        CliRun run = CliRun.run(new java.io.ByteArrayInputStream(in.toByteArray()),
                "gradient", "--max-line-bytes", "300");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(
                "{\"z\":[[1,0]]}",
                "{\"error\":\"line 4: invalid UTF-8 at byte 3 of the line\"}",
                "{\"error\":\"line 5: line has " + overlong.length() + " bytes, more than the limit of 300 (--max-line-bytes)\"}",
                "{\"id\":\"last\",\"z\":[[1,0]]}"), run.outLines());
    }

    @Test
    void realOraclesGiveFeasibleStructuresEqualToTheirOwnSolves() throws IOException {
        org.imle.api.registry.Oracles registry = org.imle.api.registry.Oracles.discover();
        SplittableRandom random = new SplittableRandom(5);
        String[][] instances = {
            {"top-k", "{\"n\":9,\"k\":4}"},
            {"grid-shortest-path", "{\"height\":3,\"width\":4,\"neighbourhood\":4}"},
            {"assignment", "{\"rows\":3}"},
        };
        StringBuilder in = new StringBuilder();
        List<org.imle.api.MapOracle> oracles = new ArrayList<>();
        List<double[][]> thetas = new ArrayList<>();
        for (int line = 0; line < 60; line++) {
            String[] instance = instances[line % instances.length];
            JsonNode params = JSON.readTree(instance[1]);
            org.imle.api.MapOracle oracle = registry.create(instance[0],
                    JSON.convertValue(params, java.util.Map.class));
            double[][] theta = new double[2][oracle.dimension()];
            for (double[] row : theta) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = -random.nextDouble(0.1, 5); // negative: grid costs must be positive
                }
            }
            ObjectNode req = JSON.createObjectNode();
            req.put("oracle", instance[0]);
            req.set("params", params);
            req.set("theta", rows(theta));
            in.append(JSON.writeValueAsString(req)).append('\n');
            oracles.add(oracle);
            thetas.add(theta);
        }
        CliRun run = CliRun.run(in.toString(), "gradient");
        assertEquals(0, run.exitCode(), run.err());
        List<String> out = run.outLines();
        assertEquals(60, out.size());
        for (int line = 0; line < 60; line++) {
            double[][] z = read(JSON.readTree(out.get(line)).get("z"));
            for (int r = 0; r < 2; r++) {
                org.imle.api.MapOracle oracle = oracles.get(line);
                assertEquals(null, oracle.infeasibility(z[r]), out.get(line));
                double[] expected = new double[oracle.dimension()];
                oracle.solve(thetas.get(line)[r], expected);
                assertArrayEquals(expected, z[r], "line " + (line + 1));
            }
        }
    }

    @Test
    void outputIsIdenticalForAnyThreadCount() {
        SplittableRandom random = new SplittableRandom(99);
        StringBuilder in = new StringBuilder();
        for (int line = 0; line < 20; line++) {
            int n = 3 + random.nextInt(6);
            int k = 1 + random.nextInt(n);
            StringBuilder theta = new StringBuilder("[");
            StringBuilder dLdz = new StringBuilder("[");
            int b = 1 + random.nextInt(4);
            int s = 1 + random.nextInt(4);
            for (int r = 0; r < b * s; r++) {
                StringBuilder row = new StringBuilder("[");
                for (int i = 0; i < n; i++) {
                    row.append(i > 0 ? "," : "").append(random.nextDouble(-1, 1));
                }
                row.append(']');
                if (r < b) {
                    theta.append(r > 0 ? "," : "").append(row);
                }
                dLdz.append(r > 0 ? "," : "").append(row);
            }
            in.append(request(n, k, theta + "]", "\"dLdz\":" + dLdz + "],\"seed\":" + line
                    + ",\"step\":" + random.nextInt(100) + ",\"estimator\":{\"samples\":" + s
                    + ",\"marginalSamples\":2,\"noise\":{\"name\":\"sum-of-gamma\",\"k\":" + k + "}}"))
                    .append('\n');
        }
        CliRun one = CliRun.run(in.toString(), "gradient", "--threads", "1");
        assertEquals(0, one.exitCode(), one.err());
        assertFalse(one.out().contains("error"), one.out());
        for (String threads : new String[] {"2", "3", "8"}) {
            CliRun many = CliRun.run(in.toString(), "gradient", "--threads", threads);
            assertEquals(one.out(), many.out(), "threads " + threads);
        }
        // and the seed matters: another seed gives other samples
        CliRun reseeded = CliRun.run(in.toString().replace("\"seed\":1,", "\"seed\":1001,"), "gradient");
        assertFalse(one.out().equals(reseeded.out()), "the seed must change the noise");
    }

    @Test
    void readsInputFileAndWritesOutputFileAtomically(@TempDir Path dir) throws IOException {
        Path input = dir.resolve("requests.jsonl");
        Path output = dir.resolve("out/responses.jsonl");
        Files.writeString(input, request(4, 2, "[[4,3,2,1]]", "\"dLdz\":[[0,0,1,1]]") + "\n");
        CliRun run = CliRun.run("", "gradient", "--input", input.toString(), "--output", output.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertEquals("{\"z\":[[1,1,0,0]],\"grad\":[[0,0,0,0]]}\n", Files.readString(output));
    }

    @Test
    void aFailingInputLeavesNoOutputFile(@TempDir Path dir) throws IOException {
        Path output = dir.resolve("responses.jsonl");
        InputStream first = new java.io.ByteArrayInputStream(
                (request(2, 1, "[[1,2]]", "") + "\n").getBytes(StandardCharsets.UTF_8));
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("device went away");
            }
        };
        CliRun run = CliRun.run(new SequenceInputStream(first, broken), "gradient", "--output", output.toString());
        assertEquals(CliErrors.FAILURE, run.exitCode());
        assertEquals(List.of("imle gradient: failed: IOException: device went away"), run.errLines());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList(), "no output and no temporary file may remain");
        }
    }

    @Test
    void aMissingInputFileIsBadInputWithOneLine(@TempDir Path dir) {
        Path missing = dir.resolve("nope.jsonl");
        CliRun run = CliRun.run("", "gradient", "--input", missing.toString());
        assertEquals(CliErrors.BAD_INPUT, run.exitCode());
        assertEquals("", run.out());
        assertEquals(List.of("imle gradient: input file '" + missing + "' does not exist"), run.errLines());
        CliRun directory = CliRun.run("", "gradient", "--input", dir.toString());
        assertEquals(CliErrors.BAD_INPUT, directory.exitCode());
        assertEquals(List.of("imle gradient: input file '" + dir + "' is a directory"), directory.errLines());
    }
}
