package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.imle.api.registry.OracleFactory;
import org.imle.api.registry.Oracles;
import org.imle.api.registry.ParameterSpec;
import org.junit.jupiter.api.Test;

/** {@code imle oracles} lists whatever plug-ins are on the class path, with their parameters. */
class OraclesCommandTest {

    @Test
    void listsTheTestPluginsOraclesWithTheirParameters() {
        CliRun run = CliRun.run("", "oracles");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.outLines();
        int at = lines.indexOf(TestOraclesPlugin.K_SUBSET
                + "  k-subsets of n items by enumeration (lowest indices win ties); z is k-hot");
        assertTrue(at >= 0, run.out());
        assertEquals("    n     int   required   number of items", lines.get(at + 1));
        assertEquals("    k     int   default 1  items picked", lines.get(at + 2));
    }

    @Test
    void listsEveryDiscoveredOracleAsJson() throws Exception {
        CliRun run = CliRun.run("", "oracles", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode listed = new ObjectMapper().readTree(run.out());
        Oracles registry = Oracles.discover();
        List<String> names = new ArrayList<>();
        listed.forEach(o -> names.add(o.get("name").asText()));
        assertEquals(registry.names(), names);
        assertTrue(names.contains(TestOraclesPlugin.K_SUBSET) && names.contains(TestOraclesPlugin.FAILING));
        for (JsonNode o : listed) {
            OracleFactory f = registry.factory(o.get("name").asText());
            assertEquals(f.description(), o.get("description").asText());
            List<ParameterSpec> params = f.parameters();
            assertEquals(params.size(), o.get("parameters").size());
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
    }
}
