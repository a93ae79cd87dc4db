package org.imle.api.check;

/**
 * Argument checks shared by oracles, noise and estimators. Every message names what is wrong:
 * the parameter, and for arrays the row and coordinate, so that a user finds the bad entry.
 */
public final class Checks {

    private Checks() {
    }

    /** Requires {@code array.length == expected}. */
    public static void length(String name, double[] array, int expected) {
        if (array == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        if (array.length != expected) {
            throw new IllegalArgumentException(
                    name + " has length " + array.length + ", expected " + expected);
        }
    }

    /** Requires {@code [offset, offset + n)} to lie inside an array of length {@code length}. */
    public static void range(String name, int length, int offset, int n) {
        if (offset < 0 || n < 0 || offset > length - n) {
            throw new IllegalArgumentException(name + " range [" + offset + ", " + ((long) offset + n)
                    + ") is outside an array of length " + length);
        }
    }

    /** Requires every entry of a vector to be finite; the message names the coordinate. */
    public static void finite(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(name + " coordinate " + i + " is " + values[i]);
            }
        }
    }

    /**
     * Requires every entry of a flat row-major batch of rows of length {@code n} to be finite;
     * the message names the row and the coordinate.
     */
    public static void finiteRows(String name, double[] batch, int n) {
        for (int i = 0; i < batch.length; i++) {
            if (!Double.isFinite(batch[i])) {
                throw new IllegalArgumentException(
                        name + " row " + (i / n) + " coordinate " + (i % n) + " is " + batch[i]);
            }
        }
    }

    /** Requires a finite, strictly positive parameter. */
    public static double positive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
        }
        return value;
    }

    /** Requires a finite parameter that is zero or more. */
    public static double nonNegative(String name, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be >= 0 and finite, got " + value);
        }
        return value;
    }

    /** Requires a finite parameter. */
    public static double finite(String name, double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(name + " must be finite, got " + value);
        }
        return value;
    }

    /** Requires {@code min <= value <= max}. */
    public static int between(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(
                    name + " must be in " + min + ".." + max + ", got " + value);
        }
        return value;
    }

    /** Requires {@code value >= min}. */
    public static int atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
        return value;
    }
}
