package org.imle.solvers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.imle.api.MapOracle;
import org.imle.api.registry.OracleFactory;
import org.imle.api.registry.Oracles;
import org.imle.api.registry.ParameterSpec;
import org.junit.jupiter.api.Test;

class OptimisationOraclesPluginTest {

    private static final Oracles ORACLES = Oracles.of(new OptimisationOraclesPlugin());

    private static double[] solve(MapOracle oracle, double... theta) {
        double[] z = new double[oracle.dimension()];
        oracle.solve(theta, z);
        assertNull(oracle.infeasibility(z));
        return z;
    }

    @Test
    void serviceLoaderFindsThePlugin() {
        assertTrue(Oracles.discover().names().containsAll(List.of("assignment", "ilp", "knapsack", "matching")));
        assertEquals(List.of("assignment", "ilp", "knapsack", "matching"), ORACLES.names());
    }

    @Test
    void everyParameterIsDescribed() {
        for (String name : ORACLES.names()) {
            OracleFactory f = ORACLES.factory(name);
            assertFalse(f.description().isBlank(), name);
            assertFalse(f.parameters().isEmpty(), name);
            for (ParameterSpec p : f.parameters()) {
                assertFalse(p.description().isBlank(), name + "." + p.name());
                assertEquals(p.required(), p.defaultValue() == null, name + "." + p.name());
            }
        }
    }

    @Test
    void createsAssignmentsFromJsonLikeParameters() {
        MapOracle perm = ORACLES.create("assignment", Map.of("rows", 2));
        assertArrayEquals(new double[] {0, 1, 1, 0}, solve(perm, 0, 1, 1, 0));
        MapOracle partial = ORACLES.create("assignment", Map.of("rows", 2, "cols", 3, "perfect", false));
        assertArrayEquals(new double[] {0, 0, 1, 0, 0, 0}, solve(partial, -1, -1, 2, -1, -1, -1));
    }

    @Test
    void createsMatchingsFromJsonLikeParameters() {
        MapOracle m = ORACLES.create("matching", Map.of("nodes", 4,
                "edges", List.of(List.of(0, 1), List.of(1, 2), List.of(2, 3))));
        assertArrayEquals(new double[] {1, 0, 1}, solve(m, 1, 1.5, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ORACLES.create("matching", Map.of("nodes", 3, "edges", List.of(List.of(0, 1, 2)))));
        assertTrue(e.getMessage().contains("'edges' entry 0"), e.getMessage());
    }

    @Test
    void createsKnapsacksFromJsonLikeParameters() {
        for (String backend : new String[] {"auto", "dp", "or-tools"}) {
            MapOracle k = ORACLES.create("knapsack", Map.of("weights", List.of(2, 3, 4), "capacity", 5,
                    "backend", backend));
            assertArrayEquals(new double[] {1, 1, 0}, solve(k, 1, 1, 1.5), backend);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ORACLES.create("knapsack", Map.of("weights", List.of(2.5), "capacity", 5)));
        assertTrue(e.getMessage().contains("'weights' entry 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ORACLES.create("knapsack", Map.of("weights", List.of(2))));
        assertTrue(e.getMessage().contains("'capacity' is missing"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ORACLES.create("knapsack", Map.of("weights", List.of(2), "capacity", 1, "backend", "x")));
        assertTrue(e.getMessage().contains("'backend'"), e.getMessage());
    }

    @Test
    void createsIlpsFromJsonLikeParameters() {
        Map<String, Object> spec = Map.of("A", List.of(List.of(1, 1, 1)), "b", List.of(2),
                "Aeq", List.of(List.of(1, 0, 1)), "beq", List.of(1));
        for (String backend : new String[] {"cp-sat", "scip"}) {
            Map<String, Object> params = new java.util.HashMap<>(spec);
            params.put("backend", backend);
            MapOracle ilp = ORACLES.create("ilp", params);
            assertEquals(3, ilp.dimension());
            assertArrayEquals(new double[] {0, 1, 1}, solve(ilp, 1, 1, 2), backend);
        }
        MapOracle unbounded = ORACLES.create("ilp", Map.of("n", 1, "upper", List.of("inf"),
                "integer", List.of(false), "backend", "scip", "name", "open-ray"));
        UnboundedProblemException e = assertThrows(UnboundedProblemException.class,
                () -> unbounded.solve(new double[] {1}, new double[1]));
        assertTrue(e.getMessage().contains("open-ray"), e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ORACLES.create("ilp", Map.of("A", List.of(List.of(1, 1)), "b", List.of(1, 2))));
        assertTrue(bad.getMessage().contains("'b'"), bad.getMessage());
        bad = assertThrows(IllegalArgumentException.class,
                () -> ORACLES.create("ilp", Map.of("A", List.of(List.of(1, 1)), "b", List.of(1),
                        "backend", "gurobi")));
        assertTrue(bad.getMessage().contains("backend"), bad.getMessage());
        bad = assertThrows(IllegalArgumentException.class, () -> ORACLES.create("ilp", Map.of()));
        assertTrue(bad.getMessage().contains("'n'"), bad.getMessage());
    }
}
