package org.imle.noise;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * Gamma(a, 1) for a fixed shape 0 &lt; a &lt; 1 by Ahrens and Dieter's Algorithm GS (J. H. Ahrens,
 * U. Dieter, "Computer methods for sampling from gamma, beta, Poisson and binomial distributions",
 * Computing 12, 1974, p. 228): the algorithm and the uniforms Commons RNG's
 * {@code AhrensDieterMarsagliaTsangGammaSampler} uses for a shape below 1, written for the hot loop
 * of {@link SumOfGammaNoise}, which draws about 100,000 of them for one 70 x 144 request. That
 * sampler stays the reference of the tests ({@code AhrensDieterGsSamplerTest}).
 *
 * <p>Per draw: u uniform, p = (1 + a/e) u; if p &lt;= 1, x = p^(1/a), accepted when a second
 * uniform is at most exp(-x); otherwise x = -log((1 + a/e - p) / a), accepted when the second
 * uniform is at most x^(a-1); a rejection starts again (the expected number of rounds is
 * (e + a) / (e Gamma(a + 1)), 1.057 for a = 1/16). Two things differ from the library's code, neither the law:
 * <ul>
 *   <li>the acceptance exp(-x) is first compared through the squeeze 1 - x &lt;= exp(-x), less a
 *       margin of 2^-52 that covers the rounding of 1 - x and {@code Math.exp}'s error of 1 ulp, so
 *       a squeezed acceptance is one the exp test would have made too: the decisions, and so the
 *       uniforms consumed, are the library's; exp runs only when u2 lands within x of 1 (a fraction
 *       of about a / (1 + a) of the draws);</li>
 *   <li>when 1/a is an integer up to 64 (k = 16 gives 16: four squarings), p^(1/a) is a product by
 *       repeated squaring instead of {@code Math.pow}; the two differ in the last bits only. For any
 *       other shape the power is {@code Math.pow}, and the draws equal the library's bit for bit.</li>
 * </ul>
 * No allocation per draw; the random stream is passed to every call, so one instance serves every
 * stream and thread (immutable, thread-safe).
 */
final class AhrensDieterGsSampler {

    /** Below this 1/a is raised by repeated squaring (enough for k up to 64 and beyond the experiments). */
    private static final int LARGEST_INTEGER_POWER = 64;

    /** The squeeze's margin: 2^-52, two ulps of a number just below 1 (see the class comment). */
    private static final double SQUEEZE_MARGIN = 0x1p-52;

    private final double shape;
    private final double oneOverShape;
    /** 1 + a/e, the breakpoint of the GS envelope (the library's {@code bGSOptim}). */
    private final double breakpoint;
    private final double shapeMinusOne;
    /** 1/a when it is an integer at most {@link #LARGEST_INTEGER_POWER}, else 0 (use Math.pow). */
    private final int integerPower;
    /**
     * log2 of {@link #integerPower} when that is a power of two (k = 16 gives 4), else -1: then
     * p^(1/a) is that many squarings (1 to 6), the products {@link #power} makes too, but without
     * its branches on the exponent's bits (about a fifth of {@link #fill}'s time).
     */
    private final int squarings;

    private AhrensDieterGsSampler(double shape) {
        if (!(shape > 0 && shape < 1)) {
            throw new IllegalArgumentException("Ahrens-Dieter GS needs a shape in (0, 1), got " + shape);
        }
        this.shape = shape;
        this.oneOverShape = 1 / shape;
        this.breakpoint = 1 + shape / Math.E;
        this.shapeMinusOne = shape - 1;
        this.integerPower = oneOverShape == Math.rint(oneOverShape) && oneOverShape <= LARGEST_INTEGER_POWER
                ? (int) oneOverShape : 0;
        this.squarings = integerPower != 0 && Integer.bitCount(integerPower) == 1
                ? Integer.numberOfTrailingZeros(integerPower) : -1;
    }

    /** The sampler of Gamma(shape, 1), 0 &lt; shape &lt; 1. */
    static AhrensDieterGsSampler of(double shape) {
        return new AhrensDieterGsSampler(shape);
    }

    double shape() {
        return shape;
    }

    /** One Gamma(shape, 1) draw from {@code random}. */
    double sample(UniformRandomProvider random) {
        while (true) {
            double p = breakpoint * random.nextDouble();
            double x = round(p, random.nextDouble());
            if (x == x) {
                return x;
            }
        }
    }

    /**
     * Fills {@code out[0 .. count)} with the draws {@code count} calls of {@link #sample} would
     * return, consuming the same uniforms from {@code random} and no more. Every round of the
     * rejection loop takes exactly two uniforms, whichever branch it goes down, so the uniforms
     * are read in blocks into {@code uniforms} and the rounds run over the block: the generator's
     * loop and the acceptance loop then each run without the other's dependencies in between, which
     * makes this about 1.5x faster than drawing one value at a time. A block holds two uniforms for
     * each value still missing: each missing value needs at least one more round, so a block never
     * reads past the round that completes the last value.
     *
     * @param uniforms scratch of at least {@code 2 * count} doubles, overwritten
     */
    void fill(UniformRandomProvider random, double[] out, int count, double[] uniforms) {
        if (uniforms.length < 2 * count) {
            throw new IllegalArgumentException("Gamma scratch holds " + uniforms.length
                    + " uniforms, " + 2 * count + " needed for " + count + " draws");
        }
        int have = 0;
        while (have < count) {
            int rounds = count - have;
            for (int q = 0; q < 2 * rounds; q++) {
                uniforms[q] = random.nextDouble();
            }
            for (int q = 0; q < rounds; q++) {
                double x = round(breakpoint * uniforms[2 * q], uniforms[2 * q + 1]);
                if (x == x) {
                    out[have++] = x;
                }
            }
        }
    }

    /**
     * One round of the algorithm from its two uniforms (p already scaled by the breakpoint): the
     * draw, or NaN when the round rejects (a draw can be 0, when p^(1/a) underflows). The squeezed
     * acceptance, nine rounds in ten, is all that is here, so that the JIT inlines it into
     * {@link #fill}'s loop; the rest of the round is {@link #exactRound}.
     */
    private double round(double p, double u2) {
        if (p <= 1) {
            double x = powerOf(p);
            if (u2 <= (1 - x) - SQUEEZE_MARGIN) {
                return x;
            }
        }
        return exactRound(p, u2);
    }

    /** The round when the squeeze does not accept it: exp(-x) for p &lt;= 1, x^(a-1) otherwise. */
    private double exactRound(double p, double u2) {
        if (p <= 1) {
            double x = powerOf(p);
            return u2 <= Math.exp(-x) ? x : Double.NaN;
        }
        double x = -Math.log((breakpoint - p) * oneOverShape);
        return u2 <= Math.pow(x, shapeMinusOne) ? x : Double.NaN;
    }

    /** p^(1/a): by squarings, by the power by bits, or by Math.pow (see the fields). */
    private double powerOf(double p) {
        if (squarings >= 0) {
            // one test a squaring instead of a counted loop: C2 does not unroll a loop whose count
            // is a field, and the loop's back edge made fill 12% slower at four squarings
            int s = squarings;
            double x = p;
            if (s >= 1) {
                x *= x;
            }
            if (s >= 2) {
                x *= x;
            }
            if (s >= 3) {
                x *= x;
            }
            if (s >= 4) {
                x *= x;
            }
            if (s >= 5) {
                x *= x;
            }
            if (s >= 6) {
                x *= x;
            }
            return x;
        }
        return integerPower != 0 ? power(p, integerPower) : Math.pow(p, oneOverShape);
    }

    /** base^exponent for exponent >= 1 by repeated squaring. */
    static double power(double base, int exponent) {
        double result = 1;
        double square = base;
        for (int e = exponent; ; ) {
            if ((e & 1) != 0) {
                result *= square;
            }
            e >>>= 1;
            if (e == 0) {
                return result;
            }
            square *= square;
        }
    }

    @Override
    public String toString() {
        return "Ahrens-Dieter GS Gamma(" + shape + ", 1)";
    }
}
