package org.imle.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import org.imle.api.registry.OracleFactory;
import org.imle.api.registry.Oracles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code imle oracles}: lists every oracle that {@link Oracles#discover()} finds on the class path
 * (this repository's plug-ins and any third-party jar's), with its parameters: name, type,
 * required or default, description. {@code --json} prints the same as one JSON array, for tools.
 */
@Command(name = "oracles", mixinStandardHelpOptions = true,
        description = "List the MAP oracles found on the class path and their parameters.")
final class OraclesCommand extends Subcommand {

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    private boolean json;

    @Override
    protected void run() throws Exception {
        Oracles registry = Oracles.discover();
        if (registry.names().isEmpty()) {
            progress("no oracle plug-ins found on the class path");
        }
        if (json) {
            printJson(registry);
        } else {
            printTable(registry);
        }
    }

    private void printTable(Oracles registry) {
        PrintWriter out = out();
        for (String name : registry.names()) {
            OracleFactory f = registry.factory(name);
            ParameterListing.print(out, name + "  " + f.description(), f.parameters());
        }
    }

    private void printJson(Oracles registry) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode all = mapper.createArrayNode();
        for (String name : registry.names()) {
            OracleFactory f = registry.factory(name);
            ObjectNode o = all.addObject();
            o.put("name", name);
            o.put("description", f.description());
            ParameterListing.json(o, f.parameters());
        }
        out().println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(all));
    }
}
