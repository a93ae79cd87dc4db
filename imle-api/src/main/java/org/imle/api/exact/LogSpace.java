package org.imle.api.exact;

/** Stable arithmetic on logarithms, shared by the dynamic programs of this package. */
final class LogSpace {

    private LogSpace() {
    }

    /** {@code log(exp(a) + exp(b))} without overflow; -infinity is the log of zero. */
    static double add(double a, double b) {
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        if (b == Double.NEGATIVE_INFINITY) {
            return a;
        }
        double max = Math.max(a, b);
        return max + Math.log1p(Math.exp(-Math.abs(a - b)));
    }
}
