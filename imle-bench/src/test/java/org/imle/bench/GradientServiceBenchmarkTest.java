package org.imle.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Base64;
import org.imle.data.npy.Npy;
import org.imle.data.npy.NpyArray;
import org.junit.jupiter.api.Test;

/**
 * What the gradient-service benchmark times is a real answer: z and grad of the right shapes, z
 * feasible paths, the same numbers in both encodings, and no error line.
 */
class GradientServiceBenchmarkTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode answer(String estimator, String encoding) throws Exception {
        GradientServiceBenchmark b = new GradientServiceBenchmark();
        b.estimator = estimator;
        b.encoding = encoding;
        b.threads = 2;
        b.setUp();
        String response = b.response();
        assertTrue(response.endsWith("\n"), response);
        assertFalse(response.contains("error"), response.length() > 300 ? response.substring(0, 300) : response);
        assertTrue(b.requestBytes() > (encoding.equals("json") ? 200_000 : 50_000), "request of " + b.requestBytes());
        return JSON.readTree(response);
    }

    private static double[] values(JsonNode field) throws Exception {
        if (field.isTextual()) {
            NpyArray a = Npy.read(Base64.getDecoder().decode(field.textValue()), "response");
            assertEquals(2, a.rank());
            assertEquals(GradientServiceBenchmark.N, a.dimension(1));
            return a.toDoubleArray();
        }
        double[] out = new double[field.size() * GradientServiceBenchmark.N];
        for (int r = 0; r < field.size(); r++) {
            assertEquals(GradientServiceBenchmark.N, field.get(r).size());
            for (int i = 0; i < GradientServiceBenchmark.N; i++) {
                out[r * GradientServiceBenchmark.N + i] = field.get(r).get(i).doubleValue();
            }
        }
        return out;
    }

    @Test
    void answersWithPathsAndGradientsIdenticalInBothEncodings() throws Exception {
        for (String estimator : new String[] {"imle", "imle-tabulated", "nid"}) {
            JsonNode json = answer(estimator, "json");
            JsonNode npy = answer(estimator, "npy");
            double[] z = values(json.get("z"));
            assertEquals(GradientServiceBenchmark.B * GradientServiceBenchmark.N, z.length);
            for (int r = 0; r < GradientServiceBenchmark.B; r++) {
                assertEquals(1.0, z[r * GradientServiceBenchmark.N], "every path starts top left");
                assertEquals(1.0, z[r * GradientServiceBenchmark.N + GradientServiceBenchmark.N - 1], "and ends bottom right");
            }
            assertEquals(java.util.Arrays.toString(z), java.util.Arrays.toString(values(npy.get("z"))));
            assertEquals(java.util.Arrays.toString(values(json.get("grad"))),
                    java.util.Arrays.toString(values(npy.get("grad"))));
        }
    }
}
