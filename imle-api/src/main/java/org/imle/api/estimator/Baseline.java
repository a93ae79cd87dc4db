package org.imle.api.estimator;

import org.imle.api.check.Checks;

/**
 * The control variate b subtracted from the loss in the score-function estimator,
 * {@code (L(z) - b) grad log p(z; theta)}. Each kind keeps the estimator unbiased because b never
 * depends on the sample it multiplies.
 *
 * <ul>
 *   <li>{@link #none()}: b = 0.</li>
 *   <li>{@link #leaveOneOut()}: for sample s of a row, the mean loss of the row's other S - 1
 *       samples (Kool, van Hoof, Welling 2019); needs S >= 2. Stateless.</li>
 *   <li>{@link #movingAverage(double)}: an exponential moving average of the mean loss of earlier
 *       backward calls, {@code b <- d b + (1 - d) mean(L)}, starting at 0. Stateful: kept per
 *       estimator instance, updated once per backward call under its lock, in call order.</li>
 * </ul>
 */
public final class Baseline {

    /** Which control variate. */
    public enum Kind {
        NONE, LEAVE_ONE_OUT, MOVING_AVERAGE
    }

    private static final Baseline NONE = new Baseline(Kind.NONE, 0);
    private static final Baseline LEAVE_ONE_OUT = new Baseline(Kind.LEAVE_ONE_OUT, 0);

    private final Kind kind;
    private final double decay;

    private Baseline(Kind kind, double decay) {
        this.kind = kind;
        this.decay = decay;
    }

    public static Baseline none() {
        return NONE;
    }

    public static Baseline leaveOneOut() {
        return LEAVE_ONE_OUT;
    }

    /** A moving average with decay d in [0, 1). */
    public static Baseline movingAverage(double decay) {
        Checks.finite("baseline decay", decay);
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("baseline decay must be in [0, 1), got " + decay);
        }
        return new Baseline(Kind.MOVING_AVERAGE, decay);
    }

    /** Parses {@code none}, {@code leave-one-out} or {@code moving-average} (with the given decay). */
    public static Baseline parse(String text, double decay) {
        switch (text.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "none":
                return none();
            case "leave-one-out":
                return leaveOneOut();
            case "moving-average":
                return movingAverage(decay);
            default:
                throw new IllegalArgumentException(
                        "baseline must be 'none', 'leave-one-out' or 'moving-average', got '" + text + "'");
        }
    }

    public Kind kind() {
        return kind;
    }

    public double decay() {
        return decay;
    }

    @Override
    public String toString() {
        return kind == Kind.MOVING_AVERAGE ? "moving-average(" + decay + ")"
                : kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
