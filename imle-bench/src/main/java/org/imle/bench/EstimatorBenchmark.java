package org.imle.bench;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.NoiseDistribution;
import org.imle.api.execution.SolveExecutor;
import org.imle.examples.preset.Choice;
import org.imle.examples.preset.Knob;
import org.imle.examples.preset.Presets;
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
 * Forward+backward of I-MLE, AIMLE, blackbox differentiation and perturbed optimizers at B = 70
 * and S in {1, 10}, for top-k (n = 1000, k = 10) and the 12 x 12 8-neighbourhood grid, on one
 * thread; {@code oracleCallsOnly} makes the same solves without the estimator, so the ratio of the
 * two is the estimator's overhead; {@code noiseOnly} draws the noise of one pass (B * S rows from
 * the same streams; nothing for blackbox), the part of that overhead no estimator that perturbs
 * every coordinate can avoid. Blackbox differentiation draws no samples: its S = 10 rows
 * repeat S = 1.
 *
 * <p>Noise: I-MLE and AIMLE use tabulated Sum-of-Gamma (k = 10, s = 10), perturbed optimizers a
 * standard Gaussian (Berthet et al. 2020); lambda = 10 where it applies. dL/dz is standard normal.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class EstimatorBenchmark {

    private static final int B = 70;

    private static final Map<String, Object> SUM_OF_GAMMA = Presets.Builder.map("name", "sum-of-gamma-tabulated",
            "k", 10, "iterations", 10, "temperature", 1.0);

    /** The estimators measured, with their settings, built through the registry. */
    static final Presets ESTIMATORS = Presets.builder()
            .knob(Knob.SAMPLES, 1)
            .estimator("imle", "noise", SUM_OF_GAMMA, "samples", Knob.SAMPLES, "lambda", 10.0)
            .estimator("aimle", "noise", SUM_OF_GAMMA, "samples", Knob.SAMPLES)
            .estimator("blackbox", "lambda", 10.0)
            .estimator("perturbed", "noise", "gaussian", "samples", Knob.SAMPLES)
            .build();

    @Param({"imle", "aimle", "blackbox", "perturbed"})
    public String estimator;

    @Param({"top-k-1000-10", "grid8-12x12"})
    public String problem;

    @Param({"1", "10"})
    public int samples;

    private EstimatorFixture fixture;
    private NoiseDistribution noise;
    private double[] noiseRows;
    private int noiseRowCount;
    private int dimension;

    @Setup
    public void setUp() {
        MapOracle oracle = BenchProblems.estimatorOracle(problem);
        int n = oracle.dimension();
        double[] theta = BenchProblems.instances(problem, n, B, 1);
        int s = estimator.equals("blackbox") ? 1 : samples;
        double[] dLdz = new double[B * s * n];
        SplittableRandom rnd = new SplittableRandom(2);
        for (int i = 0; i < dLdz.length; i++) {
            dLdz[i] = BenchProblems.gaussian(rnd);
        }
        Choice choice = ESTIMATORS.choice(estimator, Map.of(Knob.SAMPLES, samples));
        SolveExecutor one = SolveExecutor.sequential();
        fixture = new EstimatorFixture(oracle, o -> (GradientEstimator) choice.build(o, Map.of(), 3, one), theta,
                dLdz, B);
        Object noiseSpec = choice.parameters(Map.of()).get("noise");
        noise = noiseSpec == null ? null : Presets.registry().noises().create(noiseSpec);
        dimension = n;
        noiseRowCount = noise == null ? 0 : B * samples;
        noiseRows = new double[noiseRowCount * n];
    }

    @Benchmark
    public double[] forwardBackward() {
        return fixture.forwardBackward();
    }

    @Benchmark
    public double[] oracleCallsOnly() {
        return fixture.oracleCalls();
    }

    @Benchmark
    public double[] noiseOnly() {
        return EstimatorFixture.drawNoise(noise, 3, 0, noiseRowCount, samples, noiseRows, dimension);
    }
}
