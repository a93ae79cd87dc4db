package org.imle.thirdparty;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.imle.api.EstimatorPass;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.registry.EstimatorFactory;
import org.imle.api.registry.EstimatorRegistry;
import org.imle.api.registry.Oracles;
import org.imle.api.registry.ParameterSpec;
import org.junit.jupiter.api.Test;

/** An estimator in a third party's jar is listed beside the library's own and is usable by name. */
class ThirdPartyEstimatorTest {

    @Test
    void pluginOnTheClassPathIsListedBesideTheLibrarysOwn() {
        EstimatorRegistry registry = EstimatorRegistry.discover();
        assertTrue(registry.names().containsAll(List.of("clipped-identity", "imle", "spo+")), registry.names().toString());
        EstimatorFactory f = registry.factory("clipped-identity");
        assertEquals(EstimatorFactory.Kind.ESTIMATOR, f.kind());
        assertEquals(List.of(ParameterSpec.optional("clip", "double", "1", "bound of |dL/dtheta_i| (> 0)")),
                f.parameters());
        // this module's tests have imle-noise, so the noises are found too
        assertTrue(registry.noises().names().contains("sum-of-gamma"), registry.noises().names().toString());
    }

    @Test
    void pluginEstimatorIsBuiltByNameAndComputesItsRule() {
        MapOracle parity = Oracles.discover().create("parity", Map.of("n", 4));
        GradientEstimator est = EstimatorRegistry.discover().estimator("clipped-identity", parity, Map.of("clip", 0.5))
                .build();
        ClippedIdentityPlugin.ClippedIdentity clipped = assertInstanceOf(ClippedIdentityPlugin.ClippedIdentity.class, est);
        assertEquals(0.5, clipped.clip());
        EstimatorPass pass = est.forward(new double[] {1, 2, -1, 0.5, -3, -1, -2, 4}, 2, 0);
        // three positive entries in row 0: drop the weakest (0.5); row 1: only 4 is positive, add -1
        assertArrayEquals(new double[] {1, 1, 0, 0, 0, 1, 0, 1}, pass.structures(), 0.0);
        assertArrayEquals(new double[] {0.5, -0.5, 0.2, 0, 0, 0.5, -0.5, 0.1},
                pass.backward(new double[] {2, -3, 0.2, 0, 0, 0.7, -0.6, 0.1}), 0.0);
        assertEquals(1.0, ((ClippedIdentityPlugin.ClippedIdentity) EstimatorRegistry.discover()
                .estimator("clipped-identity", parity, Map.of()).build()).clip(), "the declared default");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EstimatorRegistry.discover().estimator("clipped-identity", parity, Map.of("clip", 0)).build());
        assertEquals("estimator 'clipped-identity': clip must be positive and finite, got 0.0", e.getMessage());
    }
}
