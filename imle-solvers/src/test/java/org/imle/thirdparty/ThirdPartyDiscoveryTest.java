package org.imle.thirdparty;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.SplittableRandom;
import org.imle.api.MapOracle;
import org.imle.api.exact.EnumeratedOracle;
import org.imle.api.exact.StructureSet;
import org.imle.api.registry.Oracles;
import org.imle.api.registry.ValidatingOracle;
import org.imle.solvers.OracleAssertions;
import org.junit.jupiter.api.Test;

class ThirdPartyDiscoveryTest {

    @Test
    void pluginOnTheClassPathIsDiscoveredBesideTheLibrarysOwn() {
        Oracles oracles = Oracles.discover();
        assertTrue(oracles.names().contains("parity"), oracles.names().toString());
        assertTrue(oracles.names().contains("top-k"), oracles.names().toString());
        assertTrue(oracles.names().contains("grid-shortest-path"), oracles.names().toString());
        MapOracle parity = oracles.create("parity", Map.of("n", 6));
        assertInstanceOf(ParityOraclePlugin.ParityOracle.class, ValidatingOracle.unwrap(parity));
        assertEquals(6, parity.dimension());
    }

    @Test
    void discoveredOracleSolvesItsProblem() {
        MapOracle parity = Oracles.discover().create("parity", Map.of("n", 6));
        EnumeratedOracle brute = new EnumeratedOracle(StructureSet.binary(6,
                z -> ((int) java.util.Arrays.stream(z).sum()) % 2 == 0));
        SplittableRandom rng = new SplittableRandom(61);
        for (int trial = 0; trial < 200; trial++) {
            double[] theta = new double[6];
            for (int i = 0; i < 6; i++) {
                theta[i] = rng.nextGaussian();
            }
            double[] z = new double[6];
            double[] expected = new double[6];
            parity.solve(theta, z);
            brute.solve(theta, expected);
            assertEquals(OracleAssertions.dot(expected, theta), OracleAssertions.dot(z, theta), 1e-12);
        }
    }
}
