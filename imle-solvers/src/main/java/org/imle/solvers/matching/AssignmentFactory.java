package org.imle.solvers.matching;

import java.util.List;
import org.imle.api.MapOracle;
import org.imle.api.registry.OracleFactory;
import org.imle.api.registry.ParameterSpec;
import org.imle.api.registry.Parameters;

/** Registers {@link AssignmentOracle} as {@code assignment {rows, cols, perfect}}. */
public final class AssignmentFactory implements OracleFactory {

    @Override
    public String name() {
        return "assignment";
    }

    @Override
    public String description() {
        return "bipartite matching / assignment: theta and z are rows x cols row-major, z[i*cols+j] = 1 "
                + "when row i is matched to column j; costs enter as theta = -c";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.required("rows", "int", "number of rows (left side), >= 1"),
                ParameterSpec.optional("cols", "int", "rows", "number of columns (right side), >= 1"),
                ParameterSpec.optional("perfect", "boolean", "true",
                        "true: match min(rows, cols) pairs (permutations when square); "
                                + "false: maximum-weight matching of positive pairs only"));
    }

    @Override
    public MapOracle create(Parameters p) {
        int rows = p.getInt("rows");
        int cols = p.getInt("cols", rows);
        return AssignmentOracle.of(rows, cols,
                p.getBoolean("perfect", true) ? AssignmentOracle.Mode.PERFECT : AssignmentOracle.Mode.MAXIMUM_WEIGHT);
    }
}
