package org.imle.bench;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.imle.api.MapOracle;
import org.imle.api.NoiseDistribution;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.registry.EstimatorRegistry;
import org.imle.solvers.topk.TopKOracle;
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
 * The measurement of the foundation issue: one I-MLE forward+backward through top-k with
 * B = 64, n = 1000, k = 10, S = 1 and Sum-of-Gamma noise (k = 10, s = 10 terms, temperature 1),
 * direct or tabulated; the 2B oracle calls it makes, alone; and the noise draw alone. Solves run on
 * the calling thread unless {@code threads} says otherwise.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class ImleTopKBenchmark {

    private static final int B = 64;
    private static final int N = 1000;
    private static final int K = 10;

    @Param({"sum-of-gamma", "sum-of-gamma-tabulated"})
    public String noise;

    @Param({"1"})
    public int threads;

    private EstimatorFixture fixture;
    private NoiseDistribution distribution;
    private double[] noiseRow;
    private long step;

    @Setup
    public void setUp() {
        EstimatorRegistry registry = EstimatorRegistry.discover();
        Map<String, Object> parameters = Map.of("noise", Map.of("name", noise, "k", K, "iterations", 10,
                "temperature", 1.0), "samples", 1, "lambda", 10.0);
        distribution = registry.noises().create(parameters.get("noise"));
        MapOracle oracle = new TopKOracle(N, K);
        double[] theta = BenchProblems.instances("top-k", N, B, 1);
        double[] dLdz = new double[B * N];
        SplittableRandom rnd = new SplittableRandom(2);
        for (int i = 0; i < dLdz.length; i++) {
            dLdz[i] = BenchProblems.gaussian(rnd);
        }
        SolveExecutor executor = SolveExecutor.parallel(threads);
        // recording needs the calls in order, so the recording pass always runs sequentially
        fixture = new EstimatorFixture(oracle, o -> registry.estimator("imle", o, parameters).seed(3)
                .executor(o == oracle ? executor : SolveExecutor.sequential()).build(), theta, dLdz, B);
        noiseRow = new double[B * N];
    }

    /** Forward (B perturbed solves) and backward (B target solves and the gradient). */
    @Benchmark
    public double[] forwardBackward() {
        return fixture.forwardBackward();
    }

    /** The same 2B solves on the same perturbed rows, on one thread, without the estimator. */
    @Benchmark
    public double[] oracleCallsOnly() {
        return fixture.oracleCalls();
    }

    /** The B x n noise draws of one pass, on one thread, from the same per-row streams. */
    @Benchmark
    public double[] noiseOnly() {
        return EstimatorFixture.drawNoise(distribution, 3, step++, B, 1, noiseRow, N);
    }
}
