package org.imle.bench;

import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.imle.api.execution.RandomStreams;
import org.imle.noise.SumOfGammaNoise;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The exact Sum-of-Gamma noise of one {@code imle gradient} request (70 rows of 144 values, k = 16,
 * 10 terms: 100,800 Gamma(1/16) draws), on one thread, each row from its own stream as the
 * estimators draw it. {@code sampler}: {@code imle} is {@link SumOfGammaNoise#sample} (Ahrens-Dieter
 * GS written for the fixed shape); {@code library} the same loop over Commons RNG's
 * {@code AhrensDieterMarsagliaTsangGammaSampler}, what {@code SumOfGammaNoise} did before;
 * {@code marsaglia-tsang-boost} the alternative that was measured and not taken: Marsaglia-Tsang on
 * shape 1 + 1/k with the ziggurat normal, times U^k (by squaring), the same law.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public class SumOfGammaNoiseBenchmark {

    private static final int ROWS = 70;
    private static final int N = 144;
    private static final int K = 16;
    private static final int TERMS = 10;

    @Param({"imle", "library", "marsaglia-tsang-boost"})
    public String sampler;

    private final SumOfGammaNoise noise = SumOfGammaNoise.of(K, TERMS, 1.0);
    private final double[] out = new double[ROWS * N];
    private long step;

    /** The noise of one request; returns one value so that nothing is optimised away. */
    @Benchmark
    public double request() {
        step++;
        for (int r = 0; r < ROWS; r++) {
            UniformRandomProvider random = RandomStreams.open(1, step, r, 0);
            switch (sampler) {
                case "imle" -> noise.sample(random, out, r * N, N);
                case "library" -> library(random, r * N);
                default -> marsagliaTsangBoost(random, r * N);
            }
        }
        return out[7];
    }

    private void library(UniformRandomProvider random, int offset) {
        ContinuousSampler gamma = AhrensDieterMarsagliaTsangGammaSampler.of(random, 1.0 / K, 1.0);
        for (int j = offset; j < offset + N; j++) {
            double sum = 0;
            for (int i = 1; i <= TERMS; i++) {
                sum += gamma.sample() * ((double) K / i);
            }
            out[j] = (sum - Math.log(TERMS)) / K;
        }
    }

    private void marsagliaTsangBoost(UniformRandomProvider random, int offset) {
        double d = 1 + 1.0 / K - 1.0 / 3;
        double c = (1.0 / 3) / Math.sqrt(d);
        ContinuousSampler normal = ZigguratSampler.NormalizedGaussian.of(random);
        for (int j = offset; j < offset + N; j++) {
            double sum = 0;
            for (int i = 1; i <= TERMS; i++) {
                double g;
                while (true) {
                    double x = normal.sample();
                    double t = 1 + c * x;
                    double v = t * t * t;
                    if (v <= 0) {
                        continue;
                    }
                    double x2 = x * x;
                    double u = random.nextDouble();
                    if (u < 1 - 0.0331 * x2 * x2 || Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) {
                        g = d * v;
                        break;
                    }
                }
                // Gamma(1/k) = Gamma(1 + 1/k) * U^k, U in (0, 1]
                double u = ((random.nextLong() >>> 11) + 1) * 0x1.0p-53;
                double u2 = u * u;
                double u4 = u2 * u2;
                double u8 = u4 * u4;
                sum += g * (u8 * u8) * ((double) K / i);
            }
            out[j] = (sum - Math.log(TERMS)) / K;
        }
    }
}
