package org.imle.examples.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The default values of one command's options, taken from its experiment's configuration (for
 * example {@code ShortestPathConfig.builder().build().epochs()}), so that a default is written once,
 * in the configuration, and both the option's value and its help line come from there. The shared
 * options ({@link TrainingOptions}, {@link SeedOption}, {@link ThreadsOption}, {@link OutputOption})
 * declare no default of their own: each command gives them its configuration's.
 *
 * <p>{@link ImleCommand#commandLine} installs every subcommand's defaults as its picocli
 * {@link IDefaultValueProvider} and refuses, at start-up, a default for an option the command does
 * not have, so a misspelt name cannot go unnoticed.
 */
public final class OptionDefaults implements IDefaultValueProvider {

    private final Map<String, String> values = new LinkedHashMap<>();

    /** Sets the default of the option named {@code option} (any of its names); enums by their label. */
    public OptionDefaults set(String option, Object value) {
        values.put(option, value == null ? null : String.valueOf(value));
        return this;
    }

    @Override
    public String defaultValue(ArgSpec arg) {
        if (arg instanceof OptionSpec o) {
            for (String name : o.names()) {
                if (values.containsKey(name)) {
                    return values.get(name);
                }
            }
        }
        return null;
    }

    /**
     * Checks that every default names an option of {@code spec}.
     *
     * @throws IllegalStateException naming the first default that names no option
     */
    void checkAgainst(CommandSpec spec) {
        for (String name : values.keySet()) {
            if (spec.findOption(name) == null) {
                throw new IllegalStateException("command '" + spec.qualifiedName() + "' has a default for '" + name
                        + "' but no such option");
            }
        }
    }
}
