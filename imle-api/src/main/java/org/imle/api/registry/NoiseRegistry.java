package org.imle.api.registry;

import com.google.inject.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imle.api.NoiseDistribution;

/**
 * The registry of noise distributions: lists their names and parameters and creates a noise from a
 * name and parameters, or from the value of an estimator's {@code noise} parameter. {@code none}
 * (every draw zero) is always there; the others come from {@link NoisePlugin}s (imle-noise's:
 * {@code gumbel}, {@code sum-of-gamma}, {@code sum-of-gamma-tabulated}, {@code gaussian}).
 * Immutable and thread-safe.
 */
public final class NoiseRegistry {

    /** The noise every registry has. */
    public static final NoiseFactory NONE = NoiseFactory.of("none", "every draw is 0: perturb-and-MAP is plain MAP",
            List.of(), p -> NoiseDistribution.none());

    private final Map<String, NoiseFactory> factories;

    private NoiseRegistry(Map<String, NoiseFactory> factories) {
        this.factories = factories;
    }

    /** Builds the registry from every {@link NoisePlugin} that {@link java.util.ServiceLoader} finds. */
    public static NoiseRegistry discover() {
        return discover(NoiseRegistry.class.getClassLoader());
    }

    /** Builds the registry from the plug-ins visible to one class loader. */
    public static NoiseRegistry discover(ClassLoader loader) {
        return of(PluginMaps.discover(NoisePlugin.class, loader).toArray(new Module[0]));
    }

    /** Builds the registry from the given plug-ins only (and {@code none}). */
    public static NoiseRegistry of(Module... plugins) {
        List<Module> modules = new ArrayList<>(List.of(plugins));
        modules.add(new NoisePlugin() {
            @Override
            protected void registerNoises() {
                register(NONE);
            }
        });
        return new NoiseRegistry(PluginMaps.assemble("noise", NoiseFactory.class, modules));
    }

    /**
     * The registry of this library's class loader, discovered once: what a builder resolves its
     * default noise with when none was set, such as the Gaussian default of the perturbed optimizer.
     */
    public static NoiseRegistry standard() {
        return Standard.REGISTRY;
    }

    private static final class Standard {
        static final NoiseRegistry REGISTRY = discover();
    }

    /** The registered names, sorted. */
    public List<String> names() {
        return new ArrayList<>(factories.keySet());
    }

    /** The factory registered under a name. */
    public NoiseFactory factory(String name) {
        NoiseFactory f = name == null ? null : factories.get(name);
        if (f == null) {
            throw new IllegalArgumentException((name == null ? "noise name is missing" : "unknown noise '" + name + "'")
                    + "; known: " + names());
        }
        return f;
    }

    /**
     * Creates a noise from a name and parameters.
     *
     * @throws IllegalArgumentException for an unknown name, or a parameter the noise does not take,
     *     lacks or refuses (the message names it)
     */
    public NoiseDistribution create(String name, Map<String, ?> parameters) {
        return factory(name).create(Parameters.describedAs("noise '" + name + "'", parameters));
    }

    /**
     * Creates the noise an estimator's {@code noise} parameter gives: a name ({@code "gumbel"}), a
     * map with a {@code name} and the noise's parameters ({@code {"name": "sum-of-gamma", "k": 3}}),
     * or a {@link NoiseDistribution}, returned as it is.
     *
     * @throws IllegalArgumentException for any other value, naming what it got
     */
    public NoiseDistribution create(Object spec) {
        if (spec instanceof NoiseDistribution noise) {
            return noise;
        }
        if (spec instanceof String name) {
            return create(name, Map.of());
        }
        if (spec instanceof Map<?, ?> map) {
            Object name = map.get("name");
            if (!(name instanceof String n)) {
                throw new IllegalArgumentException("noise needs a 'name' (one of " + names() + "), got " + map);
            }
            Map<String, Object> rest = new java.util.LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!"name".equals(k)) {
                    rest.put(String.valueOf(k), v);
                }
            });
            return create(n, rest);
        }
        throw new IllegalArgumentException("noise must be a name (one of " + names()
                + ") or {\"name\": ..., parameters}, got " + spec);
    }
}
