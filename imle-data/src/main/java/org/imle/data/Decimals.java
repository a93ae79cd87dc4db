package org.imle.data;

/**
 * Strict parsing of decimal numbers in text data files. {@link Double#parseDouble} alone accepts
 * too much for a data format ({@code NaN}, {@code Infinity}, hex floats, a trailing {@code d} or
 * {@code f}, surrounding blanks); here a number is {@code [+-]digits[.digits][(e|E)[+-]digits]}
 * (digits on at least one side of the point) and must be finite in the target type.
 */
public final class Decimals {

    private Decimals() {
    }

    /** True if {@code s} is a decimal number in the strict syntax above (finiteness not checked). */
    public static boolean isDecimal(CharSequence s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            i++;
        }
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) {
            i++;
            digits++;
        }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                digits++;
            }
        }
        if (digits == 0) {
            return false;
        }
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < n && isDigit(s.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == n;
    }

    /** The value of a strict decimal as a finite double, or NaN if {@code s} is not one or overflows. */
    public static double parseDouble(String s) {
        if (!isDecimal(s)) {
            return Double.NaN;
        }
        double v = Double.parseDouble(s);
        return Double.isFinite(v) ? v : Double.NaN;
    }

    /** The value of a strict decimal as a finite float, or NaN if {@code s} is not one or overflows. */
    public static float parseFloat(String s) {
        if (!isDecimal(s)) {
            return Float.NaN;
        }
        float v = Float.parseFloat(s);
        return Float.isFinite(v) ? v : Float.NaN;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
