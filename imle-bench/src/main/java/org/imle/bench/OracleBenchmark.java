package org.imle.bench;

import java.util.concurrent.TimeUnit;
import org.imle.api.MapOracle;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One solve of one oracle on one thread, at the sizes of the oracles issue: microseconds per solve.
 * Each invocation takes the next of 64 seeded random instances, so branch predictors cannot learn
 * a single instance. Run with {@code -prof gc} to see the bytes allocated per solve.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class OracleBenchmark {

    private static final int INSTANCES = 64;

    @Param({"top-k-1000-10", "grid8-12x12", "grid8-12x12-clamped", "grid8-18x18", "grid8-30x30",
        "assignment-50x50", "arborescence-30", "knapsack-50", "cp-sat-ilp-50"})
    public String problem;

    private MapOracle oracle;
    private double[] theta;
    private double[] z;
    private int n;
    private int next;

    @Setup
    public void setUp() {
        oracle = BenchProblems.oracle(problem);
        n = oracle.dimension();
        theta = BenchProblems.instances(problem, n, INSTANCES, 42);
        z = new double[n];
    }

    @Benchmark
    public double[] solve() {
        int row = next;
        next = (row + 1) & (INSTANCES - 1);
        oracle.solve(theta, row * n, z, 0);
        return z;
    }
}
