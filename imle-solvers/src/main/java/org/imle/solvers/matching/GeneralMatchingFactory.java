package org.imle.solvers.matching;

import java.util.List;
import org.imle.api.MapOracle;
import org.imle.api.registry.OracleFactory;
import org.imle.api.registry.ParameterSpec;
import org.imle.api.registry.Parameters;

/** Registers {@link GeneralMatchingOracle} as {@code matching {nodes, edges}}. */
public final class GeneralMatchingFactory implements OracleFactory {

    @Override
    public String name() {
        return "matching";
    }

    @Override
    public String description() {
        return "maximum-weight matching in a general graph (blossom V with an exact CP-SAT fallback): "
                + "theta and z have one entry per edge, z[e] = 1 when edge e is matched";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.required("nodes", "int", "number of nodes, >= 1"),
                ParameterSpec.required("edges", "double[][]", "edge list [[u, v], ...] of distinct node indices"),
                ParameterSpec.optional("timeBudgetSeconds", "double", "1.0",
                        "how long blossom V may run before the exact fallback takes over"),
                ParameterSpec.optional("fallbackTimeLimitSeconds", "double", "10.0",
                        "time limit of the CP-SAT fallback; beyond it a solve fails with a time-out"));
    }

    @Override
    public MapOracle create(Parameters p) {
        int nodes = p.getInt("nodes");
        double[][] raw = p.getDoubleMatrix("edges");
        int[][] edges = new int[raw.length][];
        for (int e = 0; e < raw.length; e++) {
            if (raw[e].length != 2) {
                throw new IllegalArgumentException("oracle 'matching' parameter 'edges' entry " + e
                        + " must be a pair [u, v], got " + raw[e].length + " numbers");
            }
            edges[e] = new int[2];
            for (int k = 0; k < 2; k++) {
                if (raw[e][k] != Math.rint(raw[e][k])) {
                    throw new IllegalArgumentException("oracle 'matching' parameter 'edges' entry " + e
                            + " has a non-integer node " + raw[e][k]);
                }
                edges[e][k] = (int) raw[e][k];
            }
        }
        return GeneralMatchingOracle.of(nodes, edges, p.getDouble("timeBudgetSeconds", 1.0),
                p.getDouble("fallbackTimeLimitSeconds", 10.0));
    }
}
