package org.imle.spark;

import org.apache.spark.api.java.function.Function;
import org.imle.api.MapOracle;
import org.imle.api.registry.OracleSpec;

/**
 * The function a Spark task runs: solves every row of its block with the executor JVM's oracle for
 * the spec, and returns the z rows in the same order. Its only state is the spec, so it serialises in
 * a few hundred bytes.
 */
final class SolveBlock implements Function<RowBlock, double[]> {

    private static final long serialVersionUID = 1L;

    private final OracleSpec spec;

    SolveBlock(OracleSpec spec) {
        this.spec = spec;
    }

    @Override
    public double[] call(RowBlock block) {
        MapOracle oracle = ExecutorOracles.get(spec);
        int n = oracle.dimension();
        double[] z = new double[block.rows() * n];
        for (int r = 0; r < block.rows(); r++) {
            oracle.solve(block.theta(), r * n, z, r * n);
        }
        return z;
    }
}
