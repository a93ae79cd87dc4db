package org.imle.api.estimator;

/**
 * Whether an I-MLE-style gradient {@code z - z'} is divided by lambda. Both conventions exist:
 * torch-imle returns the plain difference ({@link #NONE}); AIMLE and blackbox differentiation
 * divide by lambda ({@link #DIVIDE_BY_LAMBDA}), which makes the gradient a finite-difference
 * quotient whose size does not grow with lambda.
 */
public enum Scaling {
    /** The gradient is {@code z - z'} (torch-imle). */
    NONE,
    /** The gradient is {@code (z - z') / lambda} (AIMLE, blackbox differentiation). */
    DIVIDE_BY_LAMBDA;

    /** Parses {@code none} or {@code divide-by-lambda} (case-insensitive; '_' and '-' alike). */
    public static Scaling parse(String text) {
        String t = text.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_');
        for (Scaling s : values()) {
            if (s.name().equals(t)) {
                return s;
            }
        }
        throw new IllegalArgumentException(
                "scaling must be 'none' or 'divide-by-lambda', got '" + text + "'");
    }
}
