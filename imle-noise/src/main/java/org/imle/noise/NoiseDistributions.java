package org.imle.noise;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imle.api.NoiseDistribution;
import org.imle.api.registry.NoiseFactory;
import org.imle.api.registry.NoiseRegistry;
import org.imle.api.registry.Parameters;

/**
 * Makes this module's noise distributions from a name and named parameters without going through
 * plug-in discovery: the factories of {@link NoisesPlugin} (where every parameter and default is
 * declared) and {@code none}. Names: {@code none}; {@code gumbel} (location, scale);
 * {@code sum-of-gamma} (k required, iterations, temperature, tabulated); {@code sum-of-gamma-tabulated};
 * {@code gaussian} (mean, std); {@code imle estimators} lists them with their defaults. A parameter
 * the named distribution does not take is an error, not ignored.
 */
public final class NoiseDistributions {

    private static final Map<String, NoiseFactory> FACTORIES = factories();

    /** The names {@link #create} accepts. */
    public static final List<String> NAMES = List.copyOf(FACTORIES.keySet());

    private NoiseDistributions() {
    }

    private static Map<String, NoiseFactory> factories() {
        Map<String, NoiseFactory> m = new LinkedHashMap<>();
        m.put(NoiseRegistry.NONE.name(), NoiseRegistry.NONE);
        NoisesPlugin.FACTORIES.forEach(f -> m.put(f.name(), f));
        return m;
    }

    /**
     * Creates the named distribution.
     *
     * @throws IllegalArgumentException for an unknown name or a missing, unknown or invalid parameter
     */
    public static NoiseDistribution create(String name, Map<String, ?> parameters) {
        if (name == null) {
            throw new IllegalArgumentException("noise name is missing; known: " + NAMES);
        }
        NoiseFactory f = FACTORIES.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown noise '" + name + "'; known: " + new ArrayList<>(NAMES));
        }
        return f.create(Parameters.describedAs("noise '" + name + "'", parameters));
    }
}
