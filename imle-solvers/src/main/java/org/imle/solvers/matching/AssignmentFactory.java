package org.imle.solvers.matching;

import java.util.List;
import org.imle.api.MapOracle;
import org.imle.api.OracleFactory;
import org.imle.api.OracleParameter;
import org.imle.api.OracleParameters;

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
    public List<OracleParameter> parameters() {
        return List.of(
                OracleParameter.required("rows", "int", "number of rows (left side), >= 1"),
                OracleParameter.optional("cols", "int", "rows", "number of columns (right side), >= 1"),
                OracleParameter.optional("perfect", "boolean", "true",
                        "true: match min(rows, cols) pairs (permutations when square); "
                                + "false: maximum-weight matching of positive pairs only"));
    }

    @Override
    public MapOracle create(OracleParameters p) {
        int rows = p.getInt("rows");
        int cols = p.getInt("cols", rows);
        return AssignmentOracle.of(rows, cols,
                p.getBoolean("perfect", true) ? AssignmentOracle.Mode.PERFECT : AssignmentOracle.Mode.MAXIMUM_WEIGHT);
    }
}
