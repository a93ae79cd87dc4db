package org.imle.api;

import org.imle.api.check.Checks;

/**
 * The base of MAP oracles: both public {@code solve} forms check their arguments here, once, and
 * then call the oracle's own {@link #solveUnchecked}, which may trust them. Every built-in oracle
 * extends it, and so should a hand-written one; only decorators that answer nothing themselves and
 * pass every call on (counting, validating) implement {@link MapOracle} directly.
 *
 * <p><b>What is checked</b>, in this order, each failure an {@link IllegalArgumentException} with
 * one message style:
 * <ul>
 *   <li>{@code theta is null}, {@code z is null};</li>
 *   <li>the whole-array form: {@code theta has length 5, expected 6} (likewise z);</li>
 *   <li>the offset form: {@code theta range [4, 10) is outside an array of length 8} (likewise z);</li>
 *   <li>finiteness: {@code theta coordinate 3 is NaN}, or with what the coordinate encodes, as
 *       {@link #describeCoordinate} says, {@code theta coordinate 3 (cell row 0, column 3) is
 *       -Infinity}. Coordinates the oracle never reads ({@link #ignoresCoordinate}) may hold
 *       anything.</li>
 * </ul>
 * The checks allocate nothing unless they throw, and cost one pass over the row, so that
 * {@code solveUnchecked} keeps the oracle's "no allocation per solve" promise.
 *
 * <p>Subclasses are thread-safe when their {@code solveUnchecked} is; this class holds no mutable
 * state.
 */
public abstract class AbstractMapOracle implements MapOracle {

    private final int dimension;

    /**
     * @param dimension n, the length of theta and z, at least 0
     * @throws IllegalArgumentException if the dimension is negative
     */
    protected AbstractMapOracle(int dimension) {
        this.dimension = Checks.atLeast("dimension", dimension, 0);
    }

    @Override
    public final int dimension() {
        return dimension;
    }

    /**
     * Checks that theta and z have length n and that theta is finite, then solves.
     *
     * @throws IllegalArgumentException naming the array, and for theta the coordinate and its value
     */
    @Override
    public final void solve(double[] theta, double[] z) {
        Checks.length("theta", theta, dimension);
        Checks.length("z", z, dimension);
        requireFinite(theta, 0);
        solveUnchecked(theta, 0, z, 0);
    }

    /**
     * Checks that both slices of length n lie inside their arrays and that theta's is finite, then
     * solves.
     *
     * @throws IllegalArgumentException naming the array, and for theta the coordinate (counted
     *     from {@code thetaOffset}) and its value
     */
    @Override
    public final void solve(double[] theta, int thetaOffset, double[] z, int zOffset) {
        checkCall(theta, thetaOffset, z, zOffset);
        solveUnchecked(theta, thetaOffset, z, zOffset);
    }

    /**
     * The checks of {@link #solve(double[], int, double[], int)}, for a subclass that answers a
     * row by another path than {@link #solveUnchecked} (a cache answering a batch of rows).
     *
     * @throws IllegalArgumentException as {@code solve} does
     */
    protected final void checkCall(double[] theta, int thetaOffset, double[] z, int zOffset) {
        requireRange("theta", theta, thetaOffset);
        requireRange("z", z, zOffset);
        requireFinite(theta, thetaOffset);
    }

    /**
     * Writes a maximiser of {@code <z, theta>} for the row {@code theta[thetaOffset .. thetaOffset + n)}
     * into {@code z[zOffset .. zOffset + n)}, every entry of that slice overwritten. The arguments
     * have been checked: both slices lie inside their arrays and every coordinate the oracle reads
     * is finite.
     */
    protected abstract void solveUnchecked(double[] theta, int thetaOffset, double[] z, int zOffset);

    /**
     * What theta coordinate i encodes, for error messages ("cell row 2, column 3"), or {@code null}
     * when its index says enough. Asked only when an error is raised.
     */
    protected String describeCoordinate(int coordinate) {
        return null;
    }

    /**
     * Whether the oracle never reads theta coordinate i, so that it may hold anything (the -infinity
     * masks parsers put on entries that are no arc). Asked only for a coordinate that is not finite;
     * the default reads every coordinate.
     */
    protected boolean ignoresCoordinate(int coordinate) {
        return false;
    }

    private void requireRange(String name, double[] array, int offset) {
        if (array == null) {
            throw new IllegalArgumentException(name + " is null");
        }
        Checks.range(name, array.length, offset, dimension);
    }

    private void requireFinite(double[] theta, int offset) {
        for (int i = 0; i < dimension; i++) {
            double v = theta[offset + i];
            if (!Double.isFinite(v) && !ignoresCoordinate(i)) {
                throw nonFinite(i, v);
            }
        }
    }

    private IllegalArgumentException nonFinite(int coordinate, double value) {
        String meaning = describeCoordinate(coordinate);
        return new IllegalArgumentException("theta coordinate " + coordinate
                + (meaning == null || meaning.isEmpty() ? "" : " (" + meaning + ")") + " is " + value);
    }
}
