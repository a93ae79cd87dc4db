package org.imle.noise;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imle.api.NoiseDistribution;
import org.imle.api.estimator.Estimators;
import org.imle.api.estimator.PerturbedEstimator;
import org.imle.api.execution.RandomStreams;
import org.imle.api.registry.EstimatorRegistry;
import org.imle.api.registry.NoiseFactory;
import org.imle.api.registry.NoiseRegistry;
import org.imle.api.registry.ParameterSpec;
import org.imle.api.testing.TopKTestOracle;
import org.junit.jupiter.api.Test;

/** This module's noises are found by name through the plug-in registry, with the defaults declared once. */
class NoiseRegistryTest {

    @Test
    void discoveryFindsThisModulesNoisesBesideNone() {
        NoiseRegistry noises = NoiseRegistry.discover();
        assertEquals(List.of("gaussian", "gumbel", "none", "sum-of-gamma", "sum-of-gamma-tabulated"), noises.names());
        assertEquals(noises.names(), NoiseDistributions.NAMES.stream().sorted().toList());
        assertInstanceOf(SumOfGammaNoise.class, noises.create(Map.of("name", "sum-of-gamma", "k", 3)));
        assertInstanceOf(TabulatedSumOfGammaNoise.class,
                EstimatorRegistry.discover().noises().create(Map.of("name", "sum-of-gamma", "k", 3, "tabulated", true)));
    }

    /** Giving every listed default explicitly draws the same numbers as giving none. */
    @Test
    void theListedDefaultsAreTheOnesUsed() {
        NoiseRegistry noises = NoiseRegistry.discover();
        for (String name : noises.names()) {
            NoiseFactory f = noises.factory(name);
            Map<String, Object> given = new LinkedHashMap<>();
            Map<String, Object> explicit = new LinkedHashMap<>();
            for (ParameterSpec p : f.parameters()) {
                if (p.required()) {
                    given.put(p.name(), 3);
                    explicit.put(p.name(), 3);
                } else {
                    explicit.put(p.name(), switch (p.type()) {
                        case "double" -> Double.parseDouble(p.defaultValue());
                        case "int" -> Integer.parseInt(p.defaultValue());
                        default -> Boolean.parseBoolean(p.defaultValue());
                    });
                }
            }
            assertArrayEquals(draw(noises.create(name, given)), draw(noises.create(name, explicit)), 0.0, name);
        }
    }

    private static double[] draw(NoiseDistribution noise) {
        double[] out = new double[50];
        noise.sample(RandomStreams.open(5, 0, 0, 0), out, 0, out.length);
        return out;
    }

    @Test
    void thePerturbedOptimizersDefaultNoiseIsStandardGaussian() {
        PerturbedEstimator p = Estimators.perturbed(new TopKTestOracle(4, 2)).build();
        GaussianNoise g = assertInstanceOf(GaussianNoise.class, p.noise());
        assertEquals(0.0, g.mean());
        assertEquals(1.0, g.std());
    }
}
