package org.imle.noise;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.AhrensDieterMarsagliaTsangGammaSampler;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.imle.api.NoiseDistribution;
import org.imle.api.check.Checks;

/**
 * Sum-of-Gamma noise, tailored to k-subsets (Niepert, Minervini, Franceschi 2021, Section 5):
 * <pre>
 *   eps = (T / k) * ( sum_{i=1..s} Gamma(shape = 1/k, scale = k/i) - log s )
 * </pre>
 * k independent Gamma(1/k, k/i) draws add up to one Exponential draw of mean k/i, so the sum of k
 * independent eps is {@code sum_{i=1..s} Exp(mean 1/i) - log s}: the law of the maximum of s standard
 * exponentials minus log s, which converges to Gumbel(0, 1) as s grows. Perturbing each of the n
 * coordinates with this noise therefore perturbs the score of every k-subset with (nearly) Gumbel
 * noise. T is a temperature multiplying the draw (1 in the paper).
 *
 * <p>Moments, for T = 1: mean {@code (1/k) * (sum_{i=1..s} 1/i - log s)}, variance
 * {@code (1/k) * sum_{i=1..s} 1/i^2} (each Gamma(1/k, k/i) has mean 1/i and variance k/i^2).
 *
 * <p>Each draw costs s Gamma samples: for k &gt; 1 (shape {@code 1/k < 1}) by
 * {@link AhrensDieterGsSampler}, Commons RNG's Ahrens-Dieter algorithm and uniforms without its
 * per-draw {@code exp} (the numbers are the library's, up to the last bits of p^k when k is an integer),
 * drawn a block at a time into per-thread buffers, with no allocation after a thread's first call; for k = 1 (shape 1) by Commons RNG's Marsaglia-Tsang sampler, one small
 * allocation a call. They can still dominate a top-k step; {@link TabulatedSumOfGammaNoise} draws
 * from the same law, within a Kolmogorov distance of 2.5e-4, with one uniform per value.
 */
public final class SumOfGammaNoise implements NoiseDistribution {

    private final double k;
    private final int iterations;
    private final double temperature;
    private final double logS;
    /** Gamma(1/k, 1) for k > 1, or null for k = 1 (shape 1, Commons RNG's Marsaglia-Tsang). */
    private final AhrensDieterGsSampler gamma;
    /** scales[i - 1] = k / i, the scale of term i. */
    private final double[] scales;
    /** Per-thread buffers of {@link #sample}: an instance is shared by the solver threads. */
    private final ThreadLocal<Scratch> scratch;

    private SumOfGammaNoise(double k, int iterations, double temperature) {
        this.k = checkK(k);
        this.iterations = Checks.atLeast("sum-of-gamma iterations", iterations, 1);
        this.temperature = Checks.positive("sum-of-gamma temperature", temperature);
        this.logS = Math.log(iterations);
        double shape = 1.0 / k;
        this.gamma = shape < 1 ? AhrensDieterGsSampler.of(shape) : null;
        this.scales = new double[iterations];
        for (int i = 1; i <= iterations; i++) {
            scales[i - 1] = k / i;
        }
        int terms = iterations;
        this.scratch = ThreadLocal.withInitial(() -> new Scratch(terms));
    }

    /** Sum-of-Gamma with the given k >= 1, s = 10 iterations (torch-imle's default), T = 1. */
    public static SumOfGammaNoise of(double k) {
        return new SumOfGammaNoise(k, 10, 1.0);
    }

    /**
     * Sum-of-Gamma with the given k >= 1, s >= 1 iterations and temperature T > 0. k need not be an
     * integer: torch-imle uses k = 1.3 x 12 = 15.6 for 12 x 12 maps, and the law above is defined for
     * every real k > 0 (Gamma(1/k, k/i) still has mean 1/i); an integer k gives the same numbers as
     * before k was real.
     */
    public static SumOfGammaNoise of(double k, int iterations, double temperature) {
        return new SumOfGammaNoise(k, iterations, temperature);
    }

    /**
     * k, a finite real number >= 1 (below 1 the tabulated law's inversion is not validated: k = 1 is
     * the worst case it is checked on); the message prints an integral k without a fraction.
     */
    static double checkK(double k) {
        if (!(k >= 1) || Double.isInfinite(k)) {
            throw new IllegalArgumentException("sum-of-gamma k must be >= 1, got " + kText(k));
        }
        return k;
    }

    /** k as messages and file names print it: without a fraction when it is integral (5, not 5.0). */
    static String kText(double k) {
        return k == Math.rint(k) && Math.abs(k) < 1e15 ? Long.toString((long) k) : Double.toString(k);
    }

    public double k() {
        return k;
    }

    public int iterations() {
        return iterations;
    }

    public double temperature() {
        return temperature;
    }

    /** The exact mean of one draw. */
    public double mean() {
        double h = 0;
        for (int i = 1; i <= iterations; i++) {
            h += 1.0 / i;
        }
        return temperature * (h - logS) / k;
    }

    /** The exact variance of one draw. */
    public double variance() {
        double h2 = 0;
        for (int i = 1; i <= iterations; i++) {
            h2 += 1.0 / ((double) i * i);
        }
        return temperature * temperature * h2 / k;
    }

    @Override
    public void sample(UniformRandomProvider random, double[] out, int offset, int length) {
        Checks.range("noise output", out.length, offset, length);
        if (gamma == null) {
            sampleShapeOne(random, out, offset, length);
            return;
        }
        // Gamma(1/k, k/i) is a Gamma(1/k, 1) draw times k/i. The draws of a block of values come
        // first, in the order the terms use them, then the sums: the same numbers as drawing each
        // term in the sum, with the generator's loop apart from the arithmetic.
        Scratch scratch = this.scratch.get();
        double[] draws = scratch.draws;
        double[] scale = scales;
        int terms = scale.length;
        double factor = temperature / k;
        for (int block = offset; block < offset + length; block += scratch.values) {
            int values = Math.min(scratch.values, offset + length - block);
            gamma.fill(random, draws, values * terms, scratch.uniforms);
            for (int v = 0; v < values; v++) {
                double sum = 0;
                int base = v * terms;
                for (int i = 0; i < terms; i++) {
                    sum += draws[base + i] * scale[i];
                }
                out[block + v] = factor * (sum - logS);
            }
        }
    }

    /** About this many Gamma draws are made in one block (at least one value's terms). */
    private static final int BLOCK_DRAWS = 1024;

    /**
     * One thread's buffers for {@link #sample}: the draws of a block of values and the uniforms
     * they are made from, so that drawing allocates nothing after a thread's first call.
     */
    private static final class Scratch {
        final int values;
        final double[] draws;
        final double[] uniforms;

        Scratch(int terms) {
            this.values = Math.max(1, BLOCK_DRAWS / terms);
            this.draws = new double[values * terms];
            this.uniforms = new double[2 * draws.length];
        }
    }

    /** k = 1: Gamma(1, 1/i) terms by Commons RNG (its Marsaglia-Tsang sampler for shape 1). */
    private void sampleShapeOne(UniformRandomProvider random, double[] out, int offset, int length) {
        ContinuousSampler one = AhrensDieterMarsagliaTsangGammaSampler.of(random, 1.0, 1.0);
        double factor = temperature / k;
        for (int j = offset; j < offset + length; j++) {
            double sum = 0;
            for (int i = 0; i < scales.length; i++) {
                sum += one.sample() * scales[i];
            }
            out[j] = factor * (sum - logS);
        }
    }

    @Override
    public String name() {
        return "sum-of-gamma";
    }

    @Override
    public String toString() {
        return "sum-of-gamma(k=" + k + ", iterations=" + iterations + ", temperature=" + temperature + ")";
    }
}
