package org.imle.solvers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.imle.api.MapOracle;
import org.imle.api.registry.OracleFactory;
import org.imle.api.registry.Oracles;
import org.imle.api.registry.ParameterSpec;
import org.imle.api.registry.ValidatingOracle;
import org.imle.solvers.parsing.EisnerOracle;
import org.imle.solvers.parsing.MaximumArborescenceOracle;
import org.imle.solvers.shortestpath.DagShortestPathOracle;
import org.imle.solvers.shortestpath.GridShortestPathOracle;
import org.imle.solvers.shortestpath.NegativeCostPolicy;
import org.imle.solvers.shortestpath.ShortestPathOracle;
import org.imle.solvers.shortestpath.UnreachableTargetException;
import org.imle.solvers.spanningtree.MaximumSpanningTreeOracle;
import org.imle.solvers.topk.TopKOracle;
import org.junit.jupiter.api.Test;

class GraphOraclesPluginTest {

    private static final List<String> NAMES = List.of("top-k", "grid-shortest-path", "shortest-path",
            "dag-shortest-path", "spanning-tree", "arborescence", "eisner");

    private final Oracles oracles = Oracles.of(new GraphOraclesPlugin());

    @Test
    void serviceLoaderFindsThePlugin() {
        assertTrue(Oracles.discover().names().containsAll(NAMES));
        assertEquals(NAMES.stream().sorted().toList(), oracles.names());
    }

    @Test
    void everyFactoryDescribesItselfAndItsParameters() {
        for (String name : NAMES) {
            OracleFactory f = oracles.factory(name);
            assertEquals(name, f.name());
            assertFalse(f.description().isBlank());
            assertFalse(f.parameters().isEmpty());
            for (ParameterSpec p : f.parameters()) {
                assertFalse(p.description().isBlank(), name + "." + p.name());
                assertEquals(p.required(), p.defaultValue() == null, name + "." + p.name());
            }
        }
        ParameterSpec neighbourhood = oracles.factory("grid-shortest-path").parameters().stream()
                .filter(p -> p.name().equals("neighbourhood")).findFirst().orElseThrow();
        assertEquals("8", neighbourhood.defaultValue());
    }

    @Test
    void createsEachOracleFromJsonLikeParameters() {
        MapOracle topK = oracles.create("top-k", Map.of("n", 5, "k", 2));
        assertInstanceOf(TopKOracle.class, ValidatingOracle.unwrap(topK));
        assertEquals(2, ((TopKOracle) ValidatingOracle.unwrap(topK)).k());

        GridShortestPathOracle grid = (GridShortestPathOracle) ValidatingOracle.unwrap(oracles.create("grid-shortest-path",
                Map.of("height", 3, "width", 4)));
        assertEquals(8, grid.neighbourhood());
        assertEquals(0, grid.source());
        assertEquals(11, grid.target());
        assertEquals(NegativeCostPolicy.REJECT, grid.negativeCostPolicy());

        GridShortestPathOracle custom = (GridShortestPathOracle) ValidatingOracle.unwrap(oracles.create("grid-shortest-path",
                Map.of("height", 3, "width", 4, "neighbourhood", 4, "sourceRow", 2, "sourceColumn", 0,
                        "targetRow", 0, "targetColumn", 3, "negativeCosts", "clamp", "minCost", 0.1)));
        assertEquals(4, custom.neighbourhood());
        assertEquals(8, custom.source());
        assertEquals(3, custom.target());
        assertEquals(NegativeCostPolicy.CLAMP, custom.negativeCostPolicy());
        assertEquals(0.1, custom.minCost());

        List<List<Integer>> edges = List.of(List.of(0, 1), List.of(1, 2), List.of(0, 2));
        MapOracle path = oracles.create("shortest-path",
                Map.of("nodes", 3, "edges", edges, "source", 0, "target", 2));
        assertInstanceOf(ShortestPathOracle.class, ValidatingOracle.unwrap(path));
        double[] z = new double[3];
        path.solve(new double[] {-1, -1, -3}, z);
        assertArrayEquals(new double[] {1, 1, 0}, z);

        MapOracle dag = oracles.create("dag-shortest-path",
                Map.of("nodes", 3, "edges", edges, "source", 0, "target", 2));
        assertInstanceOf(DagShortestPathOracle.class, ValidatingOracle.unwrap(dag));
        dag.solve(new double[] {1, 1, -3}, z);
        assertArrayEquals(new double[] {1, 1, 0}, z);

        MapOracle tree = oracles.create("spanning-tree", Map.of("nodes", 3, "edges", edges));
        assertInstanceOf(MaximumSpanningTreeOracle.class, ValidatingOracle.unwrap(tree));
        assertEquals(3, tree.dimension());

        assertInstanceOf(MaximumArborescenceOracle.class, ValidatingOracle.unwrap(oracles.create("arborescence", Map.of("n", 5))));
        MapOracle eisner = oracles.create("eisner", Map.of("n", 5));
        assertInstanceOf(EisnerOracle.class, ValidatingOracle.unwrap(eisner));
        assertEquals(25, eisner.dimension());
    }

    @Test
    void badParametersAreNamed() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> oracles.create("top-k", Map.of("n", 5)));
        assertTrue(missing.getMessage().contains("'k' is missing"), missing.getMessage());
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class,
                () -> oracles.create("top-k", Map.of("n", 5, "k", 6)));
        assertTrue(k.getMessage().contains("k must be in 1..5"), k.getMessage());
        IllegalArgumentException policy = assertThrows(IllegalArgumentException.class,
                () -> oracles.create("grid-shortest-path", Map.of("height", 2, "width", 2, "negativeCosts", "shift")));
        assertTrue(policy.getMessage().contains("negativeCosts"), policy.getMessage());
        IllegalArgumentException neighbourhood = assertThrows(IllegalArgumentException.class,
                () -> oracles.create("grid-shortest-path", Map.of("height", 2, "width", 2, "neighbourhood", 6)));
        assertTrue(neighbourhood.getMessage().contains("neighbourhood"), neighbourhood.getMessage());
        IllegalArgumentException pair = assertThrows(IllegalArgumentException.class,
                () -> oracles.create("spanning-tree", Map.of("nodes", 3, "edges", List.of(List.of(0, 1, 2)))));
        assertTrue(pair.getMessage().contains("'edges' entry 0"), pair.getMessage());
        IllegalArgumentException fraction = assertThrows(IllegalArgumentException.class,
                () -> oracles.create("spanning-tree", Map.of("nodes", 3, "edges", List.of(List.of(0, 1.5)))));
        assertTrue(fraction.getMessage().contains("integer"), fraction.getMessage());
        assertThrows(UnreachableTargetException.class, () -> oracles.create("shortest-path",
                Map.of("nodes", 2, "edges", List.of(), "source", 0, "target", 1)));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> oracles.create("no-such-oracle", Map.of()));
        assertNotNull(unknown.getMessage());
    }
}
