package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.imle.api.exact.KSubsetFamily;
import org.junit.jupiter.api.Test;

/** {@code imle gradient} end to end for every estimator besides {@code imle}, on the real top-k oracle. */
class RelativeEstimatorsGradientTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int N = 6;
    private static final int K = 3;

    private static double[] topK(double[] theta) {
        Integer[] idx = IntStream.range(0, theta.length).boxed().toArray(Integer[]::new);
        Arrays.sort(idx, Comparator.<Integer>comparingDouble(i -> -theta[i]).thenComparingInt(i -> i));
        double[] z = new double[theta.length];
        for (int j = 0; j < K; j++) {
            z[idx[j]] = 1;
        }
        return z;
    }

    private static String rows(double[]... rows) {
        StringBuilder sb = new StringBuilder("[");
        for (int r = 0; r < rows.length; r++) {
            sb.append(r > 0 ? "," : "").append('[');
            for (int i = 0; i < rows[r].length; i++) {
                sb.append(i > 0 ? "," : "").append(String.format(Locale.ROOT, "%.17g", rows[r][i]));
            }
            sb.append(']');
        }
        return sb.append(']').toString();
    }

    private static String request(String estimator, String fields) {
        return "{\"oracle\":\"top-k\",\"params\":{\"n\":" + N + ",\"k\":" + K + "},\"estimator\":" + estimator
                + "," + fields + "}";
    }

    private static List<JsonNode> answer(String... lines) throws Exception {
        CliRun run = CliRun.run(String.join("\n", lines) + "\n", "gradient", "--threads", "2");
        assertEquals(0, run.exitCode(), run.err());
        List<String> out = run.outLines();
        assertEquals(lines.length, out.size(), run.out());
        JsonNode[] nodes = new JsonNode[out.size()];
        for (int i = 0; i < nodes.length; i++) {
            nodes[i] = JSON.readTree(out.get(i));
        }
        return List.of(nodes);
    }

    private static double[] row(JsonNode rows, int r) {
        JsonNode row = rows.get(r);
        double[] out = new double[row.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = row.get(i).doubleValue();
        }
        return out;
    }

    private static double[] random(SplittableRandom rng) {
        double[] x = new double[N];
        for (int i = 0; i < N; i++) {
            x[i] = 2 * rng.nextDouble() - 1;
        }
        return x;
    }

    @Test
    void blackboxStraightThroughAndFixedLambdaAimleFollowTheirFormulas() throws Exception {
        SplittableRandom rng = new SplittableRandom(7);
        int trials = 40;
        double[][] thetas = new double[trials][];
        double[][] gs = new double[trials][];
        String[] lines = new String[5 * trials];
        for (int trial = 0; trial < trials; trial++) {
            thetas[trial] = random(rng);
            gs[trial] = random(rng);
            String fields = "\"theta\":" + rows(thetas[trial]) + ",\"dLdz\":" + rows(gs[trial]);
            lines[5 * trial] = request("{\"name\":\"blackbox\",\"lambda\":3}", fields);
            lines[5 * trial + 1] = request("{\"name\":\"straight-through\"}", fields);
            lines[5 * trial + 2] = request("{\"name\":\"aimle\",\"lambda\":3}", fields);
            lines[5 * trial + 3] = request("{\"name\":\"imle\",\"lambda\":3,\"scaling\":\"divide-by-lambda\"}", fields);
            lines[5 * trial + 4] = request("{\"name\":\"aimle\",\"lambda\":3,\"symmetric\":true}", fields);
        }
        List<JsonNode> all = answer(lines);
        for (int trial = 0; trial < trials; trial++) {
            double[] theta = thetas[trial];
            double[] g = gs[trial];
            List<JsonNode> r = all.subList(5 * trial, 5 * trial + 5);
            double[] minus = new double[N];
            double[] plus = new double[N];
            for (int i = 0; i < N; i++) {
                minus[i] = theta[i] - 3 * g[i];
                plus[i] = theta[i] + 3 * g[i];
            }
            double[] z = topK(theta);
            double[] zMinus = topK(minus);
            double[] zPlus = topK(plus);
            double[] blackbox = new double[N];
            double[] symmetric = new double[N];
            for (int i = 0; i < N; i++) {
                blackbox[i] = (z[i] - zMinus[i]) / 3;
                symmetric[i] = (zPlus[i] - zMinus[i]) / 6;
            }
            assertArrayEquals(z, row(r.get(0).get("z"), 0), 0.0);
            assertArrayEquals(blackbox, row(r.get(0).get("grad"), 0), 1e-15);
            assertArrayEquals(g, row(r.get(1).get("grad"), 0), 1e-15);
            assertEquals(r.get(3).toString(), r.get(2).toString(), "fixed-lambda AIMLE is I-MLE divided by lambda");
            assertArrayEquals(symmetric, row(r.get(4).get("grad"), 0), 1e-15);
        }
    }

    @Test
    void scoreFunctionUsesExactSamplesAndTheLinearLoss() throws Exception {
        double[] theta = {0.3, -0.2, 0.9, 0.0, -1.1, 0.4};
        double[] g = {1, -0.5, 0.2, 0, 2, -1};
        JsonNode r = answer(request("{\"name\":\"score-function\"}",
                "\"theta\":" + rows(theta) + ",\"dLdz\":" + rows(g) + ",\"seed\":5")).get(0);
        double[] z = row(r.get("z"), 0);
        assertEquals(K, Arrays.stream(z).sum(), 0.0);
        double[] mu = KSubsetFamily.of(N, K).marginals(theta);
        double loss = 0;
        for (int i = 0; i < N; i++) {
            loss += g[i] * z[i];
        }
        double[] expected = new double[N];
        for (int i = 0; i < N; i++) {
            expected[i] = loss * (z[i] - mu[i]);
        }
        assertArrayEquals(expected, row(r.get("grad"), 0), 1e-12);
    }

    @Test
    void perturbedSamplesTenStructuresAndIsReproducible() throws Exception {
        double[] theta = {0.3, -0.2, 0.9, 0.0, -1.1, 0.4};
        double[][] g = new double[10][];
        for (int s = 0; s < 10; s++) {
            g[s] = new double[] {1, 0, -1, 0.5, 0, 0};
        }
        String line = request("{\"name\":\"perturbed\",\"noise\":\"gumbel\",\"temperature\":0.5}",
                "\"theta\":" + rows(theta) + ",\"dLdz\":" + rows(g) + ",\"seed\":9");
        List<JsonNode> r = answer(line, line);
        assertEquals(10, r.get(0).get("z").size());
        for (int s = 0; s < 10; s++) {
            assertEquals(K, Arrays.stream(row(r.get(0).get("z"), s)).sum(), 0.0);
        }
        assertEquals(r.get(0).toString(), r.get(1).toString());
    }

    @Test
    void supervisedLossesReadTheirFieldAndReturnTheirGradient() throws Exception {
        double[] theta = {0.3, -0.2, 0.9, 0.0, -1.1, 0.4};
        double[] trueTheta = {-0.5, 1.0, 0.2, 0.7, 0.1, -0.3};
        double[] gold = topK(trueTheta);
        List<JsonNode> r = answer(
                request("{\"name\":\"spo+\"}", "\"theta\":" + rows(theta) + ",\"trueTheta\":" + rows(trueTheta)),
                request("{\"name\":\"fenchel-young\",\"samples\":4}",
                        "\"theta\":" + rows(theta) + ",\"target\":" + rows(gold)));
        double[] best = topK(trueTheta);
        double[] shifted = new double[N];
        for (int i = 0; i < N; i++) {
            shifted[i] = 2 * theta[i] - trueTheta[i];
        }
        double[] worst = topK(shifted);
        double[] spo = new double[N];
        for (int i = 0; i < N; i++) {
            spo[i] = 2 * (worst[i] - best[i]);
        }
        assertArrayEquals(topK(theta), row(r.get(0).get("z"), 0), 0.0);
        assertArrayEquals(spo, row(r.get(0).get("grad"), 0), 0.0);
        // SPO+ = <w', 2 theta - theta*> - 2 <theta, w*> + <theta*, w*>
        double value = 0;
        for (int i = 0; i < N; i++) {
            value += worst[i] * shifted[i] - 2 * theta[i] * best[i] + trueTheta[i] * best[i];
        }
        assertEquals(1, r.get(0).get("loss").size());
        assertEquals(value, r.get(0).get("loss").get(0).doubleValue(), 1e-12);
        assertTrue(value >= 0);
        assertEquals(1, r.get(1).get("loss").size());
        JsonNode fy = r.get(1);
        assertEquals(4, fy.get("z").size());
        double[] mean = new double[N];
        for (int s = 0; s < 4; s++) {
            double[] z = row(fy.get("z"), s);
            for (int i = 0; i < N; i++) {
                mean[i] += z[i] / 4;
            }
        }
        for (int i = 0; i < N; i++) {
            mean[i] -= gold[i];
        }
        assertArrayEquals(mean, row(fy.get("grad"), 0), 1e-15);
    }

    @Test
    void missingOrMisplacedFieldsGiveErrorLines() throws Exception {
        String theta = "\"theta\":[[0.3,-0.2,0.9,0.0,-1.1,0.4]]";
        String g = ",\"dLdz\":[[1,0,0,0,0,0]]";
        List<JsonNode> r = answer(
                request("{\"name\":\"spo+\"}", theta),
                request("{\"name\":\"fenchel-young\"}", theta),
                request("{\"name\":\"spo+\"}", theta + ",\"trueTheta\":[[1,0,0,0,0,0]]" + g),
                request("{\"name\":\"spo+\"}", theta + ",\"target\":[[1,1,1,0,0,0]]"),
                request("{\"name\":\"perturbed\",\"noise\":\"sum-of-gamma\"}", theta),
                request("{\"name\":\"aimle\",\"symetric\":true}", theta),
                request("{\"name\":\"score-function\",\"baseline\":\"leave-one-out\"}", theta),
                request("{\"name\":\"aimle\",\"betaMomentum\":1}", theta),
                request("{\"name\":\"blackbox\",\"lambda\":-1}", theta));
        String[] expected = {
            "line 1: estimator 'spo+' needs request field 'trueTheta' (B rows of n: the true objective of each row, costs negated)",
            "line 2: estimator 'fenchel-young' needs request field 'target' (B rows of n: the gold structure of each row of theta)",
            "line 3: estimator 'spo+' computes its own gradient from 'trueTheta'; remove 'dLdz'",
            "line 4: estimator 'spo+' does not use 'target'",
            "line 5: estimator 'perturbed': noise 'sum-of-gamma' parameter 'k' is missing",
            "line 6: estimator 'aimle'",
            "line 7: estimator 'score-function': the leave-one-out baseline needs samples >= 2, got 1",
            "line 8: estimator 'aimle': beta momentum must be in [0, 1), got 1.0",
            "line 9: estimator 'blackbox': lambda must be positive and finite, got -1.0",
        };
        for (int i = 0; i < expected.length; i++) {
            String error = r.get(i).get("error").textValue();
            assertTrue(error.startsWith(expected[i]), "line " + (i + 1) + ": " + error);
        }
        assertTrue(r.get(5).get("error").textValue().contains("symetric"), r.get(5).toString());
    }

    /**
     * Every line builds a fresh estimator, so a moving-average baseline starts at 0 on each line:
     * one request with it gives the gradient of no baseline.
     */
    @Test
    void aMovingAverageBaselineStartsAfreshOnEveryLine() throws Exception {
        String fields = "\"theta\":[[0.3,-0.2,0.9,0.0,-1.1,0.4]],\"dLdz\":[[1,0,-2,0,0,0.5]],\"seed\":3";
        List<JsonNode> r = answer(
                request("{\"name\":\"score-function\",\"baseline\":\"moving-average\",\"baselineDecay\":0.5}", fields),
                request("{\"name\":\"score-function\",\"baseline\":\"none\"}", fields),
                request("{\"name\":\"score-function\",\"baselineDecay\":0.5}", fields));
        assertEquals(r.get(1).toString(), r.get(0).toString());
        assertTrue(r.get(0).has("grad"), r.get(0).toString());
        assertEquals("line 3: estimator 'score-function': baselineDecay applies to baseline 'moving-average' only",
                r.get(2).get("error").textValue());
    }
}
