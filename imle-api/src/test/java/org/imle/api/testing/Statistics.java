package org.imle.api.testing;

import java.util.Arrays;

/**
 * Small statistics for distribution tests: Pearson's chi-square, the two-sample
 * Kolmogorov-Smirnov statistic and the critical values they are compared with. Thresholds are
 * chosen for a stated significance so that a seeded test fails only when the code is wrong.
 */
public final class Statistics {

    private Statistics() {
    }

    /** Pearson's statistic {@code sum_i (count_i - N p_i)^2 / (N p_i)}. */
    public static double chiSquare(long[] counts, double[] probabilities) {
        long total = Arrays.stream(counts).sum();
        double x2 = 0;
        for (int i = 0; i < counts.length; i++) {
            double expected = total * probabilities[i];
            double d = counts[i] - expected;
            x2 += d * d / expected;
        }
        return x2;
    }

    /**
     * The upper {@code alpha} quantile of the chi-square distribution with {@code df} degrees of
     * freedom by the Wilson-Hilferty cube-root approximation, given the standard normal upper
     * quantile {@code z} of alpha (3.719 for alpha = 1e-4, 4.753 for 1e-6). For small df it errs
     * slightly on the large side, which only makes a test a little more lenient.
     */
    public static double chiSquareCritical(int df, double z) {
        double c = 2.0 / (9.0 * df);
        double t = 1.0 - c + z * Math.sqrt(c);
        return df * t * t * t;
    }

    /** The mean of the values. */
    public static double mean(double[] values) {
        double s = 0;
        for (double v : values) {
            s += v;
        }
        return s / values.length;
    }

    /** The unbiased sample variance. */
    public static double variance(double[] values) {
        double m = mean(values);
        double s = 0;
        for (double v : values) {
            s += (v - m) * (v - m);
        }
        return s / (values.length - 1);
    }

    /** The fourth central moment, used for the standard error of a sample variance. */
    public static double fourthCentralMoment(double[] values) {
        double m = mean(values);
        double s = 0;
        for (double v : values) {
            double d = (v - m) * (v - m);
            s += d * d;
        }
        return s / values.length;
    }

    /** The two-sample Kolmogorov-Smirnov statistic {@code sup_x |F_a(x) - F_b(x)|}. */
    public static double kolmogorovSmirnov(double[] a, double[] b) {
        double[] x = a.clone();
        double[] y = b.clone();
        Arrays.sort(x);
        Arrays.sort(y);
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < x.length && j < y.length) {
            double v = Math.min(x[i], y[j]);
            while (i < x.length && x[i] == v) {
                i++;
            }
            while (j < y.length && y[j] == v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / x.length - (double) j / y.length));
        }
        return d;
    }

    /** The one-sample KS statistic {@code sup_x |F_sample(x) - cdf(x)|}. */
    public static double kolmogorovSmirnov(double[] sample, java.util.function.DoubleUnaryOperator cdf) {
        double[] x = sample.clone();
        Arrays.sort(x);
        double d = 0;
        for (int i = 0; i < x.length; i++) {
            double f = cdf.applyAsDouble(x[i]);
            d = Math.max(d, Math.max(Math.abs(f - (double) i / x.length),
                    Math.abs((double) (i + 1) / x.length - f)));
        }
        return d;
    }

    /**
     * The asymptotic critical value of the two-sample KS statistic at significance alpha:
     * {@code sqrt(-ln(alpha / 2) / 2) * sqrt((n + m) / (n m))} (Smirnov's limit law).
     */
    public static double kolmogorovSmirnovCritical(int n, int m, double alpha) {
        return Math.sqrt(-Math.log(alpha / 2) / 2) * Math.sqrt((double) (n + m) / ((double) n * m));
    }
}
