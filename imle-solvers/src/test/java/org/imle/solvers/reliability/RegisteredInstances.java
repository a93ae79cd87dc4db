package org.imle.solvers.reliability;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.imle.api.registry.Oracles;

/**
 * One small valid instance per registered oracle name, with a random theta of the sign the oracle
 * accepts, and parameter maps that each factory must refuse naming the parameter. The sweeps
 * assert that this table covers every name {@link Oracles#discover()} finds, so a newly registered
 * oracle fails the build until it is added here.
 */
final class RegisteredInstances {

    /**
     * A valid instance: its parameters, whether theta must be non-positive (costs >= 0), and the
     * side n of an n x n dependency matrix whose diagonal and root column the oracle documents as
     * ignored (0 for oracles that read every coordinate).
     */
    record Instance(String name, Map<String, Object> parameters, boolean costsOnly, int arcMatrixSide) {

        /** Whether the oracle documents coordinate i of theta as unread. */
        boolean ignores(int i) {
            int n = arcMatrixSide;
            return n > 0 && (i % n == 0 || i % n == i / n);
        }

        /** A random theta; integer-valued half of the time so that ties occur. */
        double[] theta(int n, SplittableRandom r) {
            boolean ties = r.nextBoolean();
            double[] t = new double[n];
            for (int i = 0; i < n; i++) {
                double v = ties ? r.nextInt(-3, 4) : r.nextDouble(-5, 5);
                t[i] = costsOnly ? -Math.abs(v) : v;
            }
            return t;
        }
    }

    /** A parameter map the factory must refuse; {@code mentions} must appear in the message. */
    record BadParameters(String name, Map<String, Object> parameters, String mentions) {
        @Override
        public String toString() {
            return name + " " + parameters;
        }
    }

    static final Oracles REGISTRY = Oracles.discover();

    private static final List<List<Integer>> DAG_EDGES =
            List.of(List.of(0, 1), List.of(1, 2), List.of(2, 3), List.of(0, 2), List.of(1, 3));
    private static final List<List<Integer>> UNDIRECTED_EDGES =
            List.of(List.of(0, 1), List.of(1, 2), List.of(2, 3), List.of(0, 2), List.of(0, 3));

    static final Map<String, Instance> INSTANCES = instances();

    private RegisteredInstances() {
    }

    private static Map<String, Instance> instances() {
        Map<String, Instance> m = new LinkedHashMap<>();
        add(m, "top-k", Map.of("n", 6, "k", 2), false);
        add(m, "grid-shortest-path", Map.of("height", 3, "width", 4), true);
        add(m, "shortest-path", Map.of("nodes", 4, "edges", DAG_EDGES, "source", 0, "target", 3), true);
        add(m, "dag-shortest-path", Map.of("nodes", 4, "edges", DAG_EDGES, "source", 0, "target", 3), false);
        add(m, "spanning-tree", Map.of("nodes", 4, "edges", UNDIRECTED_EDGES), false);
        m.put("arborescence", new Instance("arborescence", Map.of("n", 4), false, 4));
        m.put("eisner", new Instance("eisner", Map.of("n", 4), false, 4));
        // the third-party plugin of this module's tests, which discover() also finds
        add(m, "parity", Map.of("n", 5), false);
        add(m, "assignment", Map.of("rows", 3, "cols", 3), false);
        add(m, "matching", Map.of("nodes", 4, "edges", UNDIRECTED_EDGES), false);
        add(m, "knapsack", Map.of("weights", List.of(2, 3, 4, 1), "capacity", 5), false);
        add(m, "ilp", Map.of("A", List.of(List.of(1, 1, 1, 1)), "b", List.of(2),
                "Aeq", List.of(List.of(1, 0, 1, 0)), "beq", List.of(1)), false);
        add(m, "pyepo-grid-path", Map.of("rows", 3, "columns", 3), false);
        add(m, "multi-knapsack", Map.of("weights", List.of(List.of(2.5, 3, 1.25, 4), List.of(1, 1.5, 2, 0.75)),
                "capacity", List.of(5, 3.5)), false);
        add(m, "tsp", Map.of("nodes", 5), false);
        return m;
    }

    private static void add(Map<String, Instance> m, String name, Map<String, Object> p, boolean costsOnly) {
        m.put(name, new Instance(name, p, costsOnly, 0));
    }

    /** Out-of-range parameters, each with the word its error must contain. */
    static List<BadParameters> outOfRange() {
        return List.of(
                bad("top-k", Map.of("n", 6, "k", 0), "k"),
                bad("top-k", Map.of("n", 6, "k", 7), "k"),
                bad("top-k", Map.of("n", 0, "k", 1), "n"),
                bad("grid-shortest-path", Map.of("height", 0, "width", 4), "height"),
                bad("grid-shortest-path", Map.of("height", 3, "width", -1), "width"),
                bad("grid-shortest-path", Map.of("height", 3, "width", 4, "neighbourhood", 6), "neighbourhood"),
                bad("grid-shortest-path", Map.of("height", 3, "width", 4, "targetRow", 3), "target"),
                bad("grid-shortest-path", Map.of("height", 3, "width", 4, "negativeCosts", "ignore"), "negativeCosts"),
                bad("grid-shortest-path", Map.of("height", 3, "width", 4, "negativeCosts", "clamp",
                        "minCost", Double.NaN), "minCost"),
                bad("shortest-path", Map.of("nodes", 4, "edges", DAG_EDGES, "source", 4, "target", 3), "source"),
                bad("shortest-path", Map.of("nodes", 4, "edges", DAG_EDGES, "source", 0, "target", -1), "target"),
                bad("shortest-path", Map.of("nodes", 4, "edges", List.of(List.of(0, 9)), "source", 0,
                        "target", 3), "edge"),
                bad("dag-shortest-path", Map.of("nodes", 3, "edges", List.of(List.of(0, 1), List.of(1, 0)),
                        "source", 0, "target", 2), "cycle"),
                bad("dag-shortest-path", Map.of("nodes", 4, "edges", List.of(List.of(0, 1, 2)), "source", 0,
                        "target", 3), "edges"),
                bad("spanning-tree", Map.of("nodes", 0, "edges", List.of()), "nodes"),
                bad("spanning-tree", Map.of("nodes", 3, "edges", List.of(List.of(0, 3))), "edge"),
                bad("arborescence", Map.of("n", 0), "n"),
                bad("eisner", Map.of("n", -2), "n"),
                bad("assignment", Map.of("rows", 0), "rows"),
                bad("assignment", Map.of("rows", 2, "cols", 0), "cols"),
                bad("matching", Map.of("nodes", 0, "edges", List.of()), "nodes"),
                bad("matching", Map.of("nodes", 3, "edges", List.of(List.of(1, 1))), "edge"),
                bad("matching", Map.of("nodes", 3, "edges", List.of(List.of(0, 1)), "timeBudgetSeconds", -1.0),
                        "timeBudgetSeconds"),
                bad("parity", Map.of("n", 0), "n"),
                bad("knapsack", Map.of("weights", List.of(2, -3), "capacity", 5), "weight"),
                bad("pyepo-grid-path", Map.of("rows", 0, "columns", 3), "rows"),
                bad("multi-knapsack", Map.of("weights", List.of(List.of(1.0 / 3)), "capacity", List.of(1)), "decimals"),
                bad("multi-knapsack", Map.of("weights", List.of(List.of(1, 2)), "capacity", List.of(-1)), "capacity"),
                bad("tsp", Map.of("nodes", 2), "nodes"),
                bad("knapsack", Map.of("weights", List.of(2, 3), "capacity", -1), "capacity"),
                bad("knapsack", Map.of("weights", List.of(), "capacity", 5), "weights"),
                bad("ilp", Map.of("A", List.of(List.of(1, 1)), "b", List.of(1, 2)), "b"),
                bad("ilp", Map.of("n", 2, "lower", List.of(1, 0), "upper", List.of(0, 1)), "bounds"),
                bad("ilp", Map.of("n", 2, "timeLimitSeconds", 0.0), "timeLimitSeconds"),
                bad("ilp", Map.of("A", List.of(List.of(1, Double.NaN)), "b", List.of(1)), "A"));
    }

    private static BadParameters bad(String name, Map<String, Object> p, String mentions) {
        return new BadParameters(name, p, mentions);
    }
}
