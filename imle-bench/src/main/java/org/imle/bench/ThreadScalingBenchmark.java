package org.imle.bench;

import java.util.concurrent.TimeUnit;
import org.imle.api.MapOracle;
import org.imle.api.execution.SolveExecutor;
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
 * A batch of 700 independent solves (B = 70 rows times S = 10 samples) through
 * {@code SolveExecutor.parallel(threads)}, as an estimator runs them: the throughput ratio between
 * {@code threads = 2} and {@code threads = 1} is the scaling figure. Pass {@code -p threads=1,2,4}
 * to try other counts.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ThreadScalingBenchmark {

    private static final int ROWS = 700;

    @Param({"1", "2"})
    public int threads;

    @Param({"top-k-1000-10", "grid8-12x12"})
    public String problem;

    private MapOracle oracle;
    private SolveExecutor executor;
    private double[] theta;
    private double[] z;
    private int n;

    @Setup
    public void setUp() {
        oracle = BenchProblems.oracle(problem);
        n = oracle.dimension();
        theta = BenchProblems.instances(problem, n, ROWS, 5);
        z = new double[ROWS * n];
        executor = SolveExecutor.parallel(threads);
    }

    @Benchmark
    public double[] batch() {
        executor.run(ROWS, row -> oracle.solve(theta, row * n, z, row * n));
        return z;
    }
}
