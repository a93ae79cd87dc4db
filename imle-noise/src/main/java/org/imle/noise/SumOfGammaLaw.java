package org.imle.noise;

/**
 * The law of {@code X = sum_{i=1..s} Gamma(shape = 1/k, scale = k/i)}, the random part of
 * Sum-of-Gamma noise, computed numerically: its CDF and density by inverting the Laplace transform
 * {@code E[exp(-u X)] = prod_{i=1..s} (1 + u k / i)^(-1/k)} with the fixed Talbot method (Abate and
 * Valko 2004, "Multi-precision Laplace transform inversion", Int. J. Numer. Meth. Eng. 60), and its
 * quantiles by a safeguarded Newton iteration on {@code log x}.
 *
 * <p>The transform's only singularities are the branch points -i/k on the negative real axis,
 * which the Talbot contour encloses. With 24 nodes the error against the closed form of k = 1,
 * {@code (1 - exp(-x))^s}, is below 1e-12 for s <= 30, 4e-10 for s = 50 and 2e-7 for s = 100, and
 * blows up beyond about 150: the contour then passes close to singularities spread up to -s/k,
 * and the inversion cancels huge terms. k = 1 is the worst case for a given s (its singularities
 * lie furthest out), so {@link #MAX_ITERATIONS} = 100 bounds the error by about 2e-7. Every table
 * is also checked against a second, 32-node contour (see {@link #quantiles}).
 *
 * <p>One evaluation costs {@code 24 * s} complex multiplications: the product is accumulated
 * directly, renormalised by powers of two, and its argument unwrapped by counting crossings of the
 * negative real axis (every factor has a non-negative imaginary part on the contour, so each turns
 * the product counter-clockwise by less than pi).
 */
final class SumOfGammaLaw {

    /** The largest s whose numerical CDF is validated (see the class comment). */
    static final int MAX_ITERATIONS = 100;

    /**
     * How far the 24- and 32-node inversions may disagree at a quantile: the two contours round
     * differently, so their gap estimates the numerical error (measured up to 2e-7 at s = 100).
     */
    static final double CHECK_TOLERANCE = 1e-6;

    /** Quantiles below this are returned as 0: they are invisible once added to -log s. */
    private static final double TINY = 1e-290;

    private static final Contour PRIMARY = new Contour(24);
    private static final Contour CHECK = new Contour(32);

    private final double k;
    private final int iterations;

    SumOfGammaLaw(double k, int iterations) {
        this.k = k;
        this.iterations = iterations;
    }

    /** Writes {P(X <= x), density of X at x} into {@code out}, for x > 0. */
    void cdfAndDensity(double x, double[] out) {
        PRIMARY.invert(this, x, out);
    }

    /** P(X <= x). */
    double cdf(double x) {
        if (x <= 0) {
            return 0.0;
        }
        double[] out = new double[2];
        cdfAndDensity(x, out);
        return out[0];
    }

    /** {@code E[exp(-u X)]} for complex u with {@code ui >= 0}, written to out as {re, im}. */
    void transform(double ur, double ui, double[] out) {
        double pr = 1.0;
        double pi = 0.0;
        int exponent = 0;
        int wraps = 0;
        for (int i = 1; i <= iterations; i++) {
            double c = k / i;
            double a = 1.0 + c * ur;
            double b = c * ui;
            double nr = pr * a - pi * b;
            double ni = pr * b + pi * a;
            if (pi >= 0 && ni < 0) {
                wraps++;
            }
            int e = Math.getExponent(Math.max(Math.abs(nr), Math.abs(ni)));
            pr = Math.scalb(nr, -e);
            pi = Math.scalb(ni, -e);
            exponent += e;
        }
        double logAbs = exponent * Math.log(2.0) + 0.5 * Math.log(pr * pr + pi * pi);
        double arg = Math.atan2(pi, pr) + 2.0 * Math.PI * wraps;
        double m = Math.exp(-logAbs / k);
        out[0] = m * Math.cos(-arg / k);
        out[1] = m * Math.sin(-arg / k);
    }

    /**
     * The quantiles {@code q_j = F^-1(j / m)} for j = 0..m-1 (q_0 = 0), each with
     * {@code |F(q_j) - j/m| <= 1e-10}, or 0 when the quantile is below 1e-290. Every 16th quantile
     * is re-evaluated on the 32-node contour, which must agree within {@link #CHECK_TOLERANCE}.
     *
     * @throws IllegalStateException if a quantile cannot be found to that accuracy or the two
     *     contours disagree (the numerical CDF is then not to be trusted)
     */
    double[] quantiles(int m) {
        double[] q = new double[m];
        double[] fd = new double[2];
        cdfAndDensity(TINY, fd);
        double atTiny = fd[0];
        double mean = 0;
        for (int i = 1; i <= iterations; i++) {
            mean += 1.0 / i;
        }
        double y = Double.NaN;
        double slope = Double.NaN;
        for (int j = 1; j < m; j++) {
            double p = (double) j / m;
            if (atTiny >= p) {
                continue;
            }
            // Newton's first step from the previous quantile, whose density is known.
            double guess = Double.isNaN(y) ? Math.log(mean) : y + (1.0 / m) / slope;
            y = solve(p, guess, fd);
            slope = Math.exp(y) * fd[1];
            q[j] = Math.exp(y);
            if (j % 16 == 0) {
                CHECK.invert(this, q[j], fd);
                if (!(Math.abs(fd[0] - p) <= CHECK_TOLERANCE)) {
                    throw failure("the 24- and 32-node inversions disagree at probability " + p);
                }
            }
        }
        return q;
    }

    /** Solves F(exp(y)) = p for y by Newton steps on y, bisecting when a step leaves the bracket. */
    private double solve(double p, double guess, double[] fd) {
        double lo = Math.log(TINY);
        double hi = Double.POSITIVE_INFINITY;
        double y = Double.isFinite(guess) ? Math.max(guess, lo) : lo;
        for (int iter = 0; iter < 300; iter++) {
            double x = Math.exp(y);
            cdfAndDensity(x, fd);
            double g = fd[0] - p;
            if (Math.abs(g) <= 1e-10) {
                return y;
            }
            if (g < 0) {
                lo = Math.max(lo, y);
            } else {
                hi = Math.min(hi, y);
            }
            if (hi - lo <= 1e-15 * Math.max(1.0, Math.abs(y))) {
                break;
            }
            // Steps upwards are capped: far above the bulk the density underflows.
            double next = Math.min(y - g / (x * fd[1]), y + 2.0);
            if (!(next > lo && next < hi)) {
                next = Double.isInfinite(hi) ? Math.max(y, lo) + 1.0 : 0.5 * (lo + hi);
            }
            y = next;
        }
        throw failure("quantile " + p + " not found to 1e-10");
    }

    private IllegalStateException failure(String what) {
        return new IllegalStateException("sum-of-gamma(k=" + k + ", iterations=" + iterations
                + ") numerical CDF: " + what);
    }

    /** A fixed Talbot contour with its node directions and weights precomputed. */
    private static final class Contour {
        private final int nodes;
        private final double[] dirRe;
        private final double[] dirIm;
        private final double[] weightRe;
        private final double[] weightIm;
        private final double eRt;

        Contour(int nodes) {
            this.nodes = nodes;
            this.dirRe = new double[nodes];
            this.dirIm = new double[nodes];
            this.weightRe = new double[nodes];
            this.weightIm = new double[nodes];
            // Node j is S_j = r * theta (cot theta + i) with r = 2 nodes / (5 x), so x * S_j does
            // not depend on x and exp(x S_j) (1 + i sigma_j) is a constant weight.
            double rt = 2.0 * nodes / 5.0;
            this.eRt = Math.exp(rt);
            for (int j = 1; j < nodes; j++) {
                double theta = j * Math.PI / nodes;
                double cot = Math.cos(theta) / Math.sin(theta);
                dirRe[j] = theta * cot;
                dirIm[j] = theta;
                double sigma = theta + (theta * cot - 1.0) * cot;
                double mag = Math.exp(rt * dirRe[j]);
                double er = mag * Math.cos(rt * dirIm[j]);
                double ei = mag * Math.sin(rt * dirIm[j]);
                weightRe[j] = er - ei * sigma;
                weightIm[j] = ei + er * sigma;
            }
        }

        /** Writes {CDF, density} of the law at x > 0. */
        void invert(SumOfGammaLaw law, double x, double[] out) {
            double r = 2.0 * nodes / (5.0 * x);
            double[] phi = new double[2];
            law.transform(r, 0.0, phi);
            // f(x) = (r / nodes) sum_j Re(w_j phi(S_j)); F(x) the same with phi(S_j) / S_j, and
            // S_j = r d_j, so the CDF sum divides by d_j (not by S_j, whose square may overflow).
            double cdf = 0.5 * eRt * phi[0];
            double pdf = 0.5 * eRt * phi[0];
            for (int j = 1; j < nodes; j++) {
                law.transform(r * dirRe[j], r * dirIm[j], phi);
                double wr = weightRe[j] * phi[0] - weightIm[j] * phi[1];
                double wi = weightRe[j] * phi[1] + weightIm[j] * phi[0];
                pdf += wr;
                cdf += (wr * dirRe[j] + wi * dirIm[j]) / (dirRe[j] * dirRe[j] + dirIm[j] * dirIm[j]);
            }
            out[0] = cdf / nodes;
            out[1] = r / nodes * pdf;
        }
    }
}
