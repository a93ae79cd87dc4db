package org.imle.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import org.imle.api.registry.OracleFactory;
import org.imle.api.registry.Oracles;
import org.imle.api.registry.ParameterSpec;
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
            out.println(name + "  " + f.description());
            List<ParameterSpec> params = f.parameters();
            int nameWidth = 4;
            int typeWidth = 4;
            int needWidth = 8;
            for (ParameterSpec p : params) {
                nameWidth = Math.max(nameWidth, p.name().length());
                typeWidth = Math.max(typeWidth, p.type().length());
                needWidth = Math.max(needWidth, requirement(p).length());
            }
            for (ParameterSpec p : params) {
                out.println(String.format("    %-" + nameWidth + "s  %-" + typeWidth + "s  %-"
                        + needWidth + "s  %s", p.name(), p.type(), requirement(p), p.description()));
            }
            out.println();
        }
    }

    private static String requirement(ParameterSpec p) {
        return p.required() ? "required" : "default " + p.defaultValue();
    }

    private void printJson(Oracles registry) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode all = mapper.createArrayNode();
        for (String name : registry.names()) {
            OracleFactory f = registry.factory(name);
            ObjectNode o = all.addObject();
            o.put("name", name);
            o.put("description", f.description());
            ArrayNode params = o.putArray("parameters");
            for (ParameterSpec p : f.parameters()) {
                ObjectNode po = params.addObject();
                po.put("name", p.name());
                po.put("type", p.type());
                po.put("required", p.required());
                if (!p.required()) {
                    po.put("default", p.defaultValue());
                }
                po.put("description", p.description());
            }
        }
        out().println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(all));
    }
}
