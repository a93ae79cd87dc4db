package org.imle.solvers;

import java.util.List;
import java.util.function.Function;
import org.imle.api.MapOracle;
import org.imle.api.registry.OracleFactory;
import org.imle.api.registry.OraclePlugin;
import org.imle.api.registry.ParameterSpec;
import org.imle.api.registry.Parameters;
import org.imle.solvers.knapsack.MultiKnapsack;
import org.imle.solvers.shortestpath.PyEpoGrid;
import org.imle.solvers.tsp.TspOracle;

/**
 * Registers the oracles of PyEPO's benchmark problems: {@code pyepo-grid-path} (the h x w grid
 * network, PyEPO's arc order), {@code multi-knapsack} (fractional weights, exact by decimal
 * scaling) and {@code tsp} (CP-SAT circuit, upper-triangle edge order). Listed in
 * {@code META-INF/services/org.imle.api.registry.OraclePlugin}.
 */
public final class PyEpoOraclesPlugin extends OraclePlugin {

    private static final ParameterSpec TIME_LIMIT = ParameterSpec.optional("timeLimitSeconds", "double", "60",
            "limit of one CP-SAT solve; a solve without a proven optimum by then fails with a time-out");

    @Override
    protected void registerOracles() {
        register(factory("pyepo-grid-path",
                "PyEPO's shortest path from the top-left to the bottom-right node of a rows x columns grid, arcs"
                        + " right and down numbered row by row (rightward, then downward), costs = -theta",
                List.of(ParameterSpec.required("rows", "int", "h, rows of nodes"),
                        ParameterSpec.required("columns", "int", "w, columns of nodes")),
                p -> PyEpoGrid.oracle(p.getInt("rows"), p.getInt("columns"))));
        register(factory("multi-knapsack",
                "0/1 knapsack in D resources with fractional weights, exact (scaled by the smallest 10^q, q <= 6,"
                        + " that makes them integers); theta = item values",
                List.of(ParameterSpec.required("weights", "double[][]", "D rows of n non-negative weights"),
                        ParameterSpec.required("capacity", "double[]", "D non-negative capacities"), TIME_LIMIT),
                p -> MultiKnapsack.of(p.getDoubleMatrix("weights"), p.getDoubleArray("capacity"),
                        p.getDouble("timeLimitSeconds", 60))));
        register(factory("tsp",
                "travelling salesperson tour on a complete graph (CP-SAT circuit), edges (i < j) in upper-triangle"
                        + " order, costs = -theta",
                List.of(ParameterSpec.required("nodes", "int", "m >= 3"), TIME_LIMIT),
                p -> TspOracle.of(p.getInt("nodes"), p.getDouble("timeLimitSeconds", 60))));
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
            public MapOracle create(Parameters p) {
                return create.apply(p);
            }
        };
    }
}
