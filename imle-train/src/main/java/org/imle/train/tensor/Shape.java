package org.imle.train.tensor;

import java.util.Arrays;

/**
 * Helpers for shapes: int arrays of dimension sizes, row-major (the last dimension varies fastest).
 * Every check throws an {@link IllegalArgumentException} whose message names the shapes involved.
 */
public final class Shape {

    private Shape() {
    }

    /** The number of elements of a shape (1 for the scalar shape {@code []}). */
    public static int size(int... shape) {
        long n = 1;
        for (int i = 0; i < shape.length; i++) {
            if (shape[i] < 0) {
                throw new IllegalArgumentException("shape " + str(shape) + " has a negative dimension " + i);
            }
            n *= shape[i];
            if (n > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + str(shape) + " has more than 2^31 - 1 elements");
            }
        }
        return (int) n;
    }

    /** A shape as text, such as {@code [2, 3]}. */
    public static String str(int... shape) {
        return Arrays.toString(shape);
    }

    /** Row-major strides of a shape. */
    public static int[] strides(int... shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /**
     * The NumPy broadcast of two shapes: aligned at the right, each pair of dimensions must be
     * equal or one of them 1.
     *
     * @throws IllegalArgumentException naming both shapes when they do not broadcast
     */
    public static int[] broadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                throw new IllegalArgumentException("shapes " + str(a) + " and " + str(b)
                        + " cannot be broadcast: dimension " + i + " of the result is " + da + " vs " + db);
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Strides with which a tensor of shape {@code in} is read when broadcast to {@code out}:
     * 0 where the input dimension is 1 (or missing), its row-major stride otherwise.
     */
    public static int[] broadcastStrides(int[] in, int[] out) {
        int[] own = strides(in);
        int[] s = new int[out.length];
        int shift = out.length - in.length;
        for (int i = shift; i < out.length; i++) {
            s[i] = in[i - shift] == 1 && out[i] != 1 ? 0 : own[i - shift];
        }
        return s;
    }

    /** Resolves a possibly negative dimension index against a rank. */
    public static int dim(int dim, int rank, int[] shape) {
        int d = dim < 0 ? dim + rank : dim;
        if (d < 0 || d >= rank) {
            throw new IllegalArgumentException("dimension " + dim + " is out of range for shape " + str(shape));
        }
        return d;
    }

    /** Requires two shapes to be equal; the message names both and what needs them. */
    public static void requireEqual(String what, int[] a, int[] b) {
        if (!Arrays.equals(a, b)) {
            throw new IllegalArgumentException(what + ": shapes " + str(a) + " and " + str(b) + " differ");
        }
    }

    /** Requires a shape of the given rank. */
    public static void requireRank(String what, int[] shape, int rank) {
        if (shape.length != rank) {
            throw new IllegalArgumentException(what + " needs a tensor of rank " + rank + ", got shape " + str(shape));
        }
    }
}
