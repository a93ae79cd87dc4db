package org.imle.examples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.imle.api.registry.EstimatorFactory;
import org.imle.api.registry.EstimatorRegistry;
import org.imle.api.registry.NoiseFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code imle estimators}: lists every estimator and structured loss that
 * {@link EstimatorRegistry#discover()} finds on the class path (this repository's and any
 * plug-in's), then the noises their {@code noise} parameter can name: name, kind, what it is, and
 * one line per parameter with its type, {@code required} or its default, and meaning. These are
 * the names and parameters an {@code imle gradient} request's {@code estimator} takes.
 * {@code --json} prints the same as one JSON array, for tools.
 */
@Command(name = "estimators", mixinStandardHelpOptions = true,
        description = "List the estimators, structured losses and noises found on the class path and their parameters.")
final class EstimatorsCommand extends Subcommand {

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    private boolean json;

    @Override
    protected void run() throws Exception {
        EstimatorRegistry registry = EstimatorRegistry.discover();
        if (registry.names().isEmpty()) {
            progress("no estimator plug-ins found on the class path");
        }
        if (json) {
            printJson(registry);
        } else {
            printTable(registry);
        }
    }

    /** The kind as the listing shows it: {@code estimator}, {@code loss (supervised by 'target')}, {@code noise}. */
    static String kind(EstimatorFactory f) {
        return f.kind() == EstimatorFactory.Kind.LOSS ? "loss (supervised by '" + f.supervision() + "')"
                : f.kind().label();
    }

    private void printTable(EstimatorRegistry registry) {
        for (String name : registry.names()) {
            EstimatorFactory f = registry.factory(name);
            ParameterListing.print(out(), name + "  " + kind(f) + "  " + f.description(), f.parameters());
        }
        for (String name : registry.noises().names()) {
            NoiseFactory f = registry.noises().factory(name);
            ParameterListing.print(out(), name + "  noise  " + f.description(), f.parameters());
        }
    }

    private void printJson(EstimatorRegistry registry) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ArrayNode all = mapper.createArrayNode();
        for (String name : registry.names()) {
            EstimatorFactory f = registry.factory(name);
            ObjectNode o = all.addObject();
            o.put("name", name);
            o.put("kind", f.kind().label());
            if (f.supervision() != null) {
                o.put("supervision", f.supervision());
            }
            o.put("description", f.description());
            ParameterListing.json(o, f.parameters());
        }
        for (String name : registry.noises().names()) {
            NoiseFactory f = registry.noises().factory(name);
            ObjectNode o = all.addObject();
            o.put("name", name);
            o.put("kind", "noise");
            o.put("description", f.description());
            ParameterListing.json(o, f.parameters());
        }
        out().println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(all));
    }
}
