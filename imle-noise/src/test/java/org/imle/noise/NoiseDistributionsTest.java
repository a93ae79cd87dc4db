package org.imle.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.imle.api.NoiseDistribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class NoiseDistributionsTest {

    private static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected),
                "message '" + e.getMessage() + "' should contain '" + expected + "'");
    }

    @Test
    void createsEveryNamedDistributionWithItsDefaults() {
        assertSame(NoiseDistribution.none(), NoiseDistributions.create("none", Map.of()));
        GumbelNoise g = assertInstanceOf(GumbelNoise.class, NoiseDistributions.create("gumbel", null));
        assertEquals(0.0, g.location());
        assertEquals(1.0, g.scale());
        SumOfGammaNoise s = assertInstanceOf(SumOfGammaNoise.class,
                NoiseDistributions.create("sum-of-gamma", Map.of("k", 5)));
        assertEquals(5, s.k());
        assertEquals(10, s.iterations());
        assertEquals(1.0, s.temperature());
        GaussianNoise n = assertInstanceOf(GaussianNoise.class, NoiseDistributions.create("gaussian", Map.of()));
        assertEquals(0.0, n.mean());
        assertEquals(1.0, n.std());
        for (String name : NoiseDistributions.NAMES) {
            Map<String, Object> p = name.startsWith("sum-of-gamma") ? Map.of("k", 2) : Map.of();
            assertEquals(name, NoiseDistributions.create(name, p).name());
        }
    }

    @Test
    void passesEveryParameter() {
        GumbelNoise g = (GumbelNoise) NoiseDistributions.create("gumbel", Map.of("location", -1, "scale", 2.5));
        assertEquals(-1.0, g.location());
        assertEquals(2.5, g.scale());
        SumOfGammaNoise s = (SumOfGammaNoise) NoiseDistributions.create("sum-of-gamma",
                Map.of("k", "7", "iterations", 30, "temperature", 0.5));
        assertEquals(7, s.k());
        assertEquals(30, s.iterations());
        assertEquals(0.5, s.temperature());
        GaussianNoise n = (GaussianNoise) NoiseDistributions.create("gaussian", Map.of("mean", 1, "std", 3));
        assertEquals(1.0, n.mean());
        assertEquals(3.0, n.std());
    }

    @Test
    void badNamesAndParametersAreNamedInTheMessage() {
        assertMessage("unknown noise 'gumbal'; known: [none, gumbel", () -> NoiseDistributions.create("gumbal", Map.of()));
        assertMessage("noise name is missing", () -> NoiseDistributions.create(null, Map.of()));
        assertMessage("noise 'sum-of-gamma' parameter 'k' is missing",
                () -> NoiseDistributions.create("sum-of-gamma", Map.of()));
        assertMessage("noise 'sum-of-gamma' parameter 'k' must be a number",
                () -> NoiseDistributions.create("sum-of-gamma", Map.of("k", "many")));
        assertMessage("sum-of-gamma k must be >= 1, got 0",
                () -> NoiseDistributions.create("sum-of-gamma", Map.of("k", 0)));
        assertMessage("sum-of-gamma iterations must be >= 1, got 0",
                () -> NoiseDistributions.create("sum-of-gamma", Map.of("k", 3, "iterations", 0)));
        assertMessage("sum-of-gamma temperature must be positive and finite, got -1.0",
                () -> NoiseDistributions.create("sum-of-gamma", Map.of("k", 3, "temperature", -1)));
        assertMessage("gumbel scale must be positive and finite, got 0.0",
                () -> NoiseDistributions.create("gumbel", Map.of("scale", 0)));
        assertMessage("noise 'gumbel' parameter 'location' must be a number, got 'left'",
                () -> NoiseDistributions.create("gumbel", Map.of("location", "left")));
        assertMessage("gaussian std must be positive and finite, got -2.0",
                () -> NoiseDistributions.create("gaussian", Map.of("std", -2)));
        assertMessage("noise 'gaussian' parameter 'mean' must be finite, got NaN",
                () -> NoiseDistributions.create("gaussian", Map.of("mean", Double.NaN)));
    }

    /** A misspelt parameter must not silently fall back to its default. */
    @Test
    void unknownParametersAreRejected() {
        assertMessage("noise 'sum-of-gamma' has no parameter 'iteration'; known: [k, iterations, temperature",
                () -> NoiseDistributions.create("sum-of-gamma", Map.of("k", 3, "iteration", 100)));
        assertMessage("noise 'gumbel' has no parameter 'std'", () -> NoiseDistributions.create("gumbel", Map.of("std", 2)));
        assertMessage("noise 'none' has no parameter 'scale'", () -> NoiseDistributions.create("none", Map.of("scale", 2)));
    }

    @Test
    void constructorsRejectBadParameters() {
        assertMessage("sum-of-gamma k must be >= 1, got -2", () -> SumOfGammaNoise.of(-2));
        assertMessage("gumbel location must be finite, got Infinity",
                () -> GumbelNoise.of(Double.POSITIVE_INFINITY, 1));
        assertMessage("gaussian mean must be finite, got NaN", () -> GaussianNoise.of(Double.NaN, 1));
        assertMessage("noise output range [5, 15) is outside an array of length 10",
                () -> GumbelNoise.standard().sample(org.imle.api.execution.RandomStreams.open(0, 0, 0, 0), new double[10], 5, 10));
    }
}
