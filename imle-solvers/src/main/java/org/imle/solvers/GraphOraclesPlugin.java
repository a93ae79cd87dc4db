package org.imle.solvers;

import java.util.List;
import java.util.function.Function;
import org.imle.api.MapOracle;
import org.imle.api.registry.OracleFactory;
import org.imle.api.registry.OraclePlugin;
import org.imle.api.registry.ParameterSpec;
import org.imle.api.registry.Parameters;
import org.imle.solvers.parsing.EisnerOracle;
import org.imle.solvers.parsing.MaximumArborescenceOracle;
import org.imle.solvers.shortestpath.DagShortestPathOracle;
import org.imle.solvers.shortestpath.GridShortestPathOracle;
import org.imle.solvers.shortestpath.NegativeCostPolicy;
import org.imle.solvers.shortestpath.ShortestPathOracle;
import org.imle.solvers.spanningtree.MaximumSpanningTreeOracle;
import org.imle.solvers.topk.TopKOracle;

/**
 * Registers the selection, path, tree and parse oracles of this module: {@code top-k},
 * {@code grid-shortest-path}, {@code shortest-path}, {@code dag-shortest-path},
 * {@code spanning-tree}, {@code arborescence} and {@code eisner}. Listed in
 * {@code META-INF/services/org.imle.api.registry.OraclePlugin}, so {@link org.imle.api.registry.Oracles#discover()}
 * finds it.
 */
public final class GraphOraclesPlugin extends OraclePlugin {

    private static final ParameterSpec NODES =
            ParameterSpec.required("nodes", "int", "number of nodes, numbered 0..nodes-1");
    private static final ParameterSpec DIRECTED_EDGES = ParameterSpec.required("edges", "int[][]",
            "directed edges as [[from, to], ...]; edge e is coordinate e of theta and z");
    private static final ParameterSpec SOURCE =
            ParameterSpec.required("source", "int", "node every path starts from");
    private static final ParameterSpec TARGET =
            ParameterSpec.required("target", "int", "node every path ends at");
    private static final ParameterSpec NEGATIVE_COSTS = ParameterSpec.optional("negativeCosts", "string",
            "reject", "reject: a positive theta (negative cost) is an error; clamp: costs below minCost become minCost");
    private static final ParameterSpec MIN_COST = ParameterSpec.optional("minCost", "double", "0",
            "floor the clamp policy raises costs to (>= 0)");
    private static final ParameterSpec TREE_NODES = ParameterSpec.required("n", "int",
            "number of nodes including the root 0, i.e. words + 1; theta is n x n, theta[head * n + dep]");

    @Override
    protected void registerOracles() {
        register(factory("top-k",
                "k-hot vector of the k largest entries of theta (ties: lower index)",
                List.of(ParameterSpec.required("n", "int", "number of items (length of theta)"),
                        ParameterSpec.required("k", "int", "number of items to select, 1..n")),
                p -> new TopKOracle(p.getInt("n"), p.getInt("k"))));
        register(factory("grid-shortest-path",
                "shortest path over the cells of a height x width grid, cell costs = -theta (row-major),"
                        + " z marks the path's cells",
                List.of(ParameterSpec.required("height", "int", "number of rows"),
                        ParameterSpec.required("width", "int", "number of columns"),
                        ParameterSpec.optional("neighbourhood", "int", "8", "4 or 8 neighbouring cells"),
                        ParameterSpec.optional("sourceRow", "int", "0", "row of the first cell"),
                        ParameterSpec.optional("sourceColumn", "int", "0", "column of the first cell"),
                        ParameterSpec.optional("targetRow", "int", "height-1", "row of the last cell"),
                        ParameterSpec.optional("targetColumn", "int", "width-1", "column of the last cell"),
                        NEGATIVE_COSTS, MIN_COST),
                GraphOraclesPlugin::grid));
        register(factory("shortest-path",
                "shortest source-target path in a directed graph, edge costs = -theta >= 0 (Dijkstra),"
                        + " z marks the path's edges",
                List.of(NODES, DIRECTED_EDGES, SOURCE, TARGET, NEGATIVE_COSTS, MIN_COST),
                p -> new ShortestPathOracle(p.getInt("nodes"), edges(p), p.getInt("source"),
                        p.getInt("target"), policy(p), p.getDouble("minCost", 0.0))));
        register(factory("dag-shortest-path",
                "shortest source-target path in a directed acyclic graph, edge costs = -theta of any sign,"
                        + " z marks the path's edges",
                List.of(NODES, DIRECTED_EDGES, SOURCE, TARGET),
                p -> new DagShortestPathOracle(p.getInt("nodes"), edges(p), p.getInt("source"),
                        p.getInt("target"))));
        register(factory("spanning-tree",
                "maximum-weight spanning tree (a spanning forest if disconnected) of an undirected graph,"
                        + " edge weights = theta, z marks the tree's edges",
                List.of(NODES, ParameterSpec.required("edges", "int[][]",
                        "undirected edges as [[u, v], ...]; edge e is coordinate e of theta and z")),
                p -> new MaximumSpanningTreeOracle(p.getInt("nodes"), edges(p))));
        register(factory("arborescence",
                "best non-projective dependency tree with one root arc (Chu-Liu/Edmonds);"
                        + " theta and z are n x n, entry head * n + dep",
                List.of(TREE_NODES),
                p -> new MaximumArborescenceOracle(p.getInt("n"))));
        register(factory("eisner",
                "best projective dependency tree with one root arc (Eisner);"
                        + " theta and z are n x n, entry head * n + dep",
                List.of(TREE_NODES),
                p -> new EisnerOracle(p.getInt("n"))));
    }

    private static MapOracle grid(Parameters p) {
        int height = p.getInt("height");
        int width = p.getInt("width");
        return new GridShortestPathOracle(height, width, p.getInt("neighbourhood", 8),
                p.getInt("sourceRow", 0), p.getInt("sourceColumn", 0),
                p.getInt("targetRow", height - 1), p.getInt("targetColumn", width - 1),
                policy(p), p.getDouble("minCost", 0.0));
    }

    private static NegativeCostPolicy policy(Parameters p) {
        try {
            return NegativeCostPolicy.parse(p.getString("negativeCosts", "reject"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter 'negativeCosts': " + e.getMessage(), e);
        }
    }

    /** Reads the {@code edges} parameter as integer pairs, naming the first bad entry. */
    private static int[][] edges(Parameters p) {
        double[][] raw = p.getDoubleMatrix("edges");
        int[][] edges = new int[raw.length][2];
        for (int e = 0; e < raw.length; e++) {
            if (raw[e].length != 2) {
                throw new IllegalArgumentException("parameter 'edges' entry " + e
                        + " must be a pair [from, to], got " + raw[e].length + " numbers");
            }
            for (int j = 0; j < 2; j++) {
                double v = raw[e][j];
                if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("parameter 'edges' entry " + e
                            + " must hold integer node indices, got " + v);
                }
                edges[e][j] = (int) v;
            }
        }
        return edges;
    }

    private static OracleFactory factory(String name, String description, List<ParameterSpec> parameters,
            Function<Parameters, MapOracle> create) {
        return new OracleFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public List<ParameterSpec> parameters() {
                return parameters;
            }

            @Override
            public MapOracle create(Parameters parameters) {
                return create.apply(parameters);
            }

            @Override
            public String toString() {
                return name;
            }
        };
    }
}
