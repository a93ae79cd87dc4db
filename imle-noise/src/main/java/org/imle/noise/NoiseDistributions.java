package org.imle.noise;

import java.util.List;
import java.util.Map;
import org.imle.api.NoiseDistribution;
import org.imle.api.registry.Parameters;

/**
 * Makes noise distributions from a name and named parameters, as the command line and JSON
 * requests give them. Names: {@code none}; {@code gumbel} (location = 0, scale = 1);
 * {@code sum-of-gamma} (k required, iterations = 10, temperature = 1, tabulated = false: true
 * selects {@link TabulatedSumOfGammaNoise}); {@code sum-of-gamma-tabulated} (the same without
 * {@code tabulated}, iterations at most 100); {@code gaussian} (mean = 0,
 * std = 1). A parameter the named distribution does not take is an error, not ignored.
 */
public final class NoiseDistributions {

    /** The names {@link #create} accepts. */
    public static final List<String> NAMES = List.of("none", "gumbel", "sum-of-gamma",
            "sum-of-gamma-tabulated", "gaussian");

    private static final Map<String, List<String>> PARAMETERS = Map.of(
            "none", List.of(),
            "gumbel", List.of("location", "scale"),
            "sum-of-gamma", List.of("k", "iterations", "temperature", "tabulated"),
            "sum-of-gamma-tabulated", List.of("k", "iterations", "temperature"),
            "gaussian", List.of("mean", "std"));

    private NoiseDistributions() {
    }

    /**
     * Creates the named distribution.
     *
     * @throws IllegalArgumentException for an unknown name or a missing or invalid parameter
     */
    public static NoiseDistribution create(String name, Map<String, ?> parameters) {
        if (name == null) {
            throw new IllegalArgumentException("noise name is missing; known: " + NAMES);
        }
        Parameters p = Parameters.describedAs("noise '" + name + "'", parameters);
        List<String> known = PARAMETERS.get(name);
        if (known == null) {
            throw new IllegalArgumentException("unknown noise '" + name + "'; known: " + NAMES);
        }
        // A misspelt parameter would otherwise fall back to its default without a word.
        for (String key : p.asMap().keySet()) {
            if (!known.contains(key)) {
                throw new IllegalArgumentException(
                        "noise '" + name + "' has no parameter '" + key + "'; known: " + known);
            }
        }
        switch (name) {
            case "none":
                return NoiseDistribution.none();
            case "gumbel":
                return GumbelNoise.of(p.getDouble("location", 0.0), p.getDouble("scale", 1.0));
            case "sum-of-gamma":
                if (p.getBoolean("tabulated", false)) {
                    return TabulatedSumOfGammaNoise.of(p.getInt("k"), p.getInt("iterations", 10),
                            p.getDouble("temperature", 1.0));
                }
                return SumOfGammaNoise.of(p.getInt("k"), p.getInt("iterations", 10),
                        p.getDouble("temperature", 1.0));
            case "sum-of-gamma-tabulated":
                return TabulatedSumOfGammaNoise.of(p.getInt("k"), p.getInt("iterations", 10),
                        p.getDouble("temperature", 1.0));
            case "gaussian":
                return GaussianNoise.of(p.getDouble("mean", 0.0), p.getDouble("std", 1.0));
            default:
                throw new IllegalArgumentException("unknown noise '" + name + "'; known: " + NAMES);
        }
    }
}
