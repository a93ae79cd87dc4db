package org.imle.data.reviews;

/**
 * A half-open range {@code [start, end)} of token positions of a review, as in the aspect
 * annotations of Lei et al. (2016), where {@code [3, 7]} marks tokens 3, 4, 5 and 6.
 *
 * @param start first position, {@code >= 0}
 * @param end one past the last position, {@code >= start}
 */
public record TokenSpan(int start, int end) {

    /** Validates {@code 0 <= start <= end}. */
    public TokenSpan {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("span [" + start + ", " + end + ") must satisfy 0 <= start <= end");
        }
    }

    /** True if position {@code i} lies in the span. */
    public boolean contains(int i) {
        return i >= start && i < end;
    }

    /** Number of positions covered. */
    public int length() {
        return end - start;
    }
}
