package org.imle.api.registry;

import com.google.inject.Module;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.imle.api.MapOracle;

/**
 * The registry of oracle factories: lists their names and parameters and creates oracles from a
 * name and parameters.
 */
public final class Oracles {

    private final Map<String, OracleFactory> factories;

    private Oracles(Map<String, OracleFactory> factories) {
        this.factories = Collections.unmodifiableMap(new TreeMap<>(factories));
    }

    /** Builds the registry from every {@link OraclePlugin} that {@link java.util.ServiceLoader} finds. */
    public static Oracles discover() {
        return discover(Oracles.class.getClassLoader());
    }

    /** Builds the registry from the plugins visible to one class loader. */
    public static Oracles discover(ClassLoader loader) {
        return of(PluginMaps.discover(OraclePlugin.class, loader).toArray(new Module[0]));
    }

    /** Builds the registry from the given plugins only. */
    public static Oracles of(Module... plugins) {
        return new Oracles(PluginMaps.assemble("oracle", OracleFactory.class, List.of(plugins)));
    }

    /** The registered names, sorted. */
    public List<String> names() {
        return new ArrayList<>(factories.keySet());
    }

    /** The factory registered under a name. */
    public OracleFactory factory(String name) {
        OracleFactory f = factories.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown oracle '" + name + "'; known oracles: " + names());
        }
        return f;
    }

    /**
     * Creates an oracle from a name and parameters. With the system property
     * {@value ValidatingOracle#PROPERTY} set to {@code true} (as in this project's tests) the oracle
     * comes wrapped in a {@link ValidatingOracle}, which checks every returned structure. The oracle's
     * {@link OracleSpec} is recorded, so an executor that ships solves to other JVMs can rebuild it.
     */
    public MapOracle create(String name, Map<String, ?> parameters) {
        MapOracle oracle = ValidatingOracle.wrapIfEnabled(factory(name).create(new Parameters(name, parameters)), name);
        OracleSpec spec;
        try {
            spec = OracleSpec.of(name, parameters);
        } catch (IllegalArgumentException unshippable) {
            return oracle; // fine in this JVM; an executor that ships solves refuses it by name
        }
        OracleSpec.record(oracle, spec);
        return oracle;
    }
}
