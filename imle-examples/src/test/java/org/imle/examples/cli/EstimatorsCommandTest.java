package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.imle.api.registry.EstimatorFactory;
import org.imle.api.registry.EstimatorRegistry;
import org.imle.api.registry.ParameterSpec;
import org.junit.jupiter.api.Test;

/**
 * {@code imle estimators} lists every registered estimator, loss and noise with its parameters,
 * the test plug-in's among them, and {@code imle gradient} uses a plug-in's method by name.
 */
class EstimatorsCommandTest {

    @Test
    void listsEachMethodWithItsKindAndOneLinePerParameter() {
        CliRun run = CliRun.run("", "estimators");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.outLines();
        int blackbox = lines.indexOf("blackbox  estimator  blackbox differentiation (Vlastelica et al. 2020): z = "
                + "MAP(theta), grad = (MAP(theta) - MAP(theta - lambda dLdz)) / lambda");
        assertTrue(blackbox >= 0, run.out());
        assertEquals("    lambda  double  default 10  the interpolation step (> 0): grad = (MAP(theta) - MAP(theta"
                + " - lambda dLdz)) / lambda", lines.get(blackbox + 1));
        assertEquals("", lines.get(blackbox + 2));
        int aimle = lines.indexOf(lines.stream().filter(l -> l.startsWith("aimle  estimator  ")).findFirst().orElseThrow());
        assertEquals("    lambda                 double   default adaptive    a number fixes lambda (> 0) and turns"
                + " adaptation off", lines.get(aimle + 8));
        assertTrue(lines.contains("spo+  loss (supervised by 'trueTheta')  SPO+ (Elmachtoub and Grigas 2022) against"
                + " the true objective: z = MAP(theta), grad = 2 (MAP(2 theta - trueTheta) - MAP(trueTheta))"), run.out());
        int plugin = lines.indexOf("test-supervised  loss (supervised by 'target')  z = MAP(theta), grad = scale (z - target)");
        assertTrue(plugin >= 0, run.out());
        assertEquals("    scale  double  default 1  factor of the gradient", lines.get(plugin + 1));
        int sog = lines.indexOf(lines.stream().filter(l -> l.startsWith("sum-of-gamma  noise  ")).findFirst().orElseThrow());
        assertEquals("    k            double   required       the subset size the noise is tailored to (>= 1, need not be"
                + " an integer: torch-imle uses 15.6)",
                lines.get(sog + 1));
    }

    @Test
    void listsEveryMethodAndNoiseAsJson() throws Exception {
        CliRun run = CliRun.run("", "estimators", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode listed = new ObjectMapper().readTree(run.out());
        EstimatorRegistry registry = EstimatorRegistry.discover();
        List<String> names = new ArrayList<>();
        List<String> noises = new ArrayList<>();
        for (JsonNode o : listed) {
            String name = o.get("name").asText();
            String kind = o.get("kind").asText();
            List<ParameterSpec> params;
            if (kind.equals("noise")) {
                noises.add(name);
                params = registry.noises().factory(name).parameters();
                assertEquals(registry.noises().factory(name).description(), o.get("description").asText());
            } else {
                names.add(name);
                EstimatorFactory f = registry.factory(name);
                assertEquals(f.kind().label(), kind);
                assertEquals(f.supervision(), o.has("supervision") ? o.get("supervision").asText() : null);
                assertEquals(f.description(), o.get("description").asText());
                params = f.parameters();
            }
            assertEquals(params.size(), o.get("parameters").size(), name);
            for (int i = 0; i < params.size(); i++) {
                JsonNode p = o.get("parameters").get(i);
                ParameterSpec expected = params.get(i);
                assertEquals(expected.name(), p.get("name").asText());
                assertEquals(expected.type(), p.get("type").asText());
                assertEquals(expected.required(), p.get("required").asBoolean());
                assertEquals(expected.required() ? null : expected.defaultValue(),
                        p.has("default") ? p.get("default").asText() : null);
                assertEquals(expected.description(), p.get("description").asText());
            }
        }
        assertEquals(registry.names(), names);
        assertEquals(registry.noises().names(), noises);
        assertTrue(names.contains(TestEstimatorsPlugin.SUPERVISED), names.toString());
        assertEquals(List.of("gaussian", "gumbel", "none", "sum-of-gamma", "sum-of-gamma-tabulated"), noises);
    }

    /** The plug-in's loss gets its parameter and the supervision, and its loss reaches the response. */
    @Test
    void gradientUsesAPluginsMethodByName() {
        String base = "{\"oracle\":\"test-k-subset\",\"params\":{\"n\":3,\"k\":1},\"theta\":[[1,3,2],[5,0,0]],";
        CliRun run = CliRun.run(
                base + "\"target\":[[0,0,1],[1,0,0]],\"estimator\":{\"name\":\"test-supervised\",\"scale\":0.5}}\n"
                + base + "\"estimator\":{\"name\":\"test-supervised\"}}\n"
                + base + "\"target\":[[0,0,1],[1,0,0]],\"estimator\":{\"name\":\"test-supervised\",\"scael\":2}}\n"
                + base + "\"trueTheta\":[[0,0,1],[1,0,0]],\"target\":[[0,0,1],[1,0,0]],"
                        + "\"estimator\":{\"name\":\"test-supervised\"}}\n", "gradient");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of(
                "{\"z\":[[0,1,0],[1,0,0]],\"grad\":[[0,0.5,-0.5],[0,0,0]],\"loss\":[2,0]}",
                "{\"error\":\"line 2: estimator 'test-supervised' needs request field 'target' (B rows of n: the gold"
                        + " structure of each row of theta)\"}",
                "{\"error\":\"line 3: estimator 'test-supervised' has no parameter 'scael'; its parameters: scale\"}",
                "{\"error\":\"line 4: estimator 'test-supervised' does not use 'trueTheta'\"}"), run.outLines());
    }
}
