package org.imle.examples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.List;
import org.imle.api.registry.ParameterSpec;

/**
 * How {@code imle oracles} and {@code imle estimators} show a registered factory: a headline, then
 * one aligned line per parameter (name, type, {@code required} or its default, meaning), then a
 * blank line; or, for {@code --json}, the same as fields of a JSON object.
 */
final class ParameterListing {

    private ParameterListing() {
    }

    /** Prints the headline and the parameters' lines, then a blank line. */
    static void print(PrintWriter out, String headline, List<ParameterSpec> parameters) {
        out.println(headline);
        int nameWidth = 4;
        int typeWidth = 4;
        int needWidth = 8;
        for (ParameterSpec p : parameters) {
            nameWidth = Math.max(nameWidth, p.name().length());
            typeWidth = Math.max(typeWidth, p.type().length());
            needWidth = Math.max(needWidth, requirement(p).length());
        }
        for (ParameterSpec p : parameters) {
            out.println(String.format("    %-" + nameWidth + "s  %-" + typeWidth + "s  %-" + needWidth + "s  %s",
                    p.name(), p.type(), requirement(p), p.description()));
        }
        out.println();
    }

    /** {@code required}, or {@code default} and the default's text. */
    static String requirement(ParameterSpec p) {
        return p.required() ? "required" : "default " + p.defaultValue();
    }

    /** Adds {@code "parameters": [{name, type, required, default, description}, ...]} to {@code o}. */
    static void json(ObjectNode o, List<ParameterSpec> parameters) {
        ArrayNode params = o.putArray("parameters");
        for (ParameterSpec p : parameters) {
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
}
