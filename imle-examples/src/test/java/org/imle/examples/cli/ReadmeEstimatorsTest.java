package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The README's table of estimators, losses and noises is what {@code imle estimators --json}
 * lists (without this module's test plug-ins, whose names start with {@code test-}): a method
 * added, renamed or given another default is seen here until the README says so too.
 */
class ReadmeEstimatorsTest {

    private static final Path README = Path.of("..", "README.md");
    private static final String START = "<!-- estimators:start (checked against imle estimators) -->";
    private static final String END = "<!-- estimators:end -->";

    @Test
    void theReadmesTableIsTheListingOfImleEstimators() throws Exception {
        CliRun run = CliRun.run("", "estimators", "--json");
        assertEquals(0, run.exitCode(), run.err());
        List<String> expected = table(new ObjectMapper().readTree(run.out()));
        List<String> lines = Files.readAllLines(README);
        int from = lines.indexOf(START);
        int to = lines.indexOf(END);
        List<String> actual = from < 0 || to < from ? List.of() : lines.subList(from + 1, to);
        assertEquals(String.join("\n", expected), String.join("\n", actual),
                "README.md between '" + START + "' and '" + END + "'");
    }

    /** One row per method or noise: name, kind, what it is, its parameters with their defaults. */
    static List<String> table(JsonNode listed) {
        List<String> rows = new ArrayList<>();
        rows.add("| name | kind | what it is | parameters (default) |");
        rows.add("|---|---|---|---|");
        for (JsonNode o : listed) {
            String name = o.get("name").asText();
            if (name.startsWith("test-")) {
                continue;
            }
            String kind = o.get("kind").asText() + (o.has("supervision")
                    ? " (`" + o.get("supervision").asText() + "`)" : "");
            List<String> params = new ArrayList<>();
            for (JsonNode p : o.get("parameters")) {
                params.add("`" + p.get("name").asText() + "` ("
                        + (p.get("required").asBoolean() ? "required" : p.get("default").asText()) + ")");
            }
            rows.add("| `" + name + "` | " + kind + " | " + cell(o.get("description").asText()) + " | "
                    + (params.isEmpty() ? "none" : cell(String.join(", ", params))) + " |");
        }
        return rows;
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
