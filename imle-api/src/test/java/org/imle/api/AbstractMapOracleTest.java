package org.imle.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The base's checks, one message style for each: null arrays, wrong lengths, slices outside their
 * arrays, and non-finite coordinates named by index, value and meaning; the oracle's own solve
 * runs only on arguments that passed, and sees the row at its offset.
 */
class AbstractMapOracleTest {

    /**
     * Copies theta's row into z and records every call; its
     * coordinate 1 is "the middle", and coordinate 3 is never read when {@code ignoresThree}.
     */
    private static final class Recording extends AbstractMapOracle {
        final List<int[]> calls = new ArrayList<>();
        private final boolean ignoresThree;

        Recording(int n, boolean ignoresThree) {
            super(n);
            this.ignoresThree = ignoresThree;
        }

        @Override
        protected void solveUnchecked(double[] theta, int thetaOffset, double[] z, int zOffset) {
            calls.add(new int[] {thetaOffset, zOffset});
            for (int i = 0; i < dimension(); i++) {
                z[zOffset + i] = ignoresThree && i == 3 ? 0.0 : theta[thetaOffset + i];
            }
        }

        @Override
        protected String describeCoordinate(int coordinate) {
            return coordinate == 1 ? "the middle" : null;
        }

        @Override
        protected boolean ignoresCoordinate(int coordinate) {
            return ignoresThree && coordinate == 3;
        }
    }

    @Test
    void theWholeArrayFormNamesNullsAndWrongLengths() {
        Recording oracle = new Recording(4, false);
        assertMessage("theta is null", () -> oracle.solve(null, new double[4]));
        assertMessage("z is null", () -> oracle.solve(new double[4], null));
        assertMessage("theta has length 3, expected 4", () -> oracle.solve(new double[3], new double[4]));
        assertMessage("theta has length 5, expected 4", () -> oracle.solve(new double[5], new double[4]));
        assertMessage("z has length 0, expected 4", () -> oracle.solve(new double[4], new double[0]));
        assertEquals(0, oracle.calls.size(), "the oracle's own solve ran on bad arguments");
    }

    @Test
    void theOffsetFormNamesNullsAndSlicesOutsideTheArray() {
        Recording oracle = new Recording(4, false);
        assertMessage("theta is null", () -> oracle.solve(null, 0, new double[4], 0));
        assertMessage("z is null", () -> oracle.solve(new double[4], 0, null, 0));
        assertMessage("theta range [-1, 3) is outside an array of length 8",
                () -> oracle.solve(new double[8], -1, new double[4], 0));
        assertMessage("theta range [5, 9) is outside an array of length 8",
                () -> oracle.solve(new double[8], 5, new double[4], 0));
        assertMessage("z range [1, 5) is outside an array of length 4",
                () -> oracle.solve(new double[8], 4, new double[4], 1));
        assertMessage("z range [2147483647, 2147483651) is outside an array of length 4",
                () -> oracle.solve(new double[8], 4, new double[4], Integer.MAX_VALUE));
        assertEquals(0, oracle.calls.size(), "the oracle's own solve ran on bad arguments");
    }

    @Test
    void aNonFiniteCoordinateIsNamedByIndexValueAndMeaning() {
        Recording oracle = new Recording(4, false);
        assertMessage("theta coordinate 2 is NaN",
                () -> oracle.solve(new double[] {0, 1, Double.NaN, 3}, new double[4]));
        assertMessage("theta coordinate 1 (the middle) is Infinity",
                () -> oracle.solve(new double[] {0, Double.POSITIVE_INFINITY, 2, 3}, new double[4]));
        // the offset form counts coordinates from the row's start, not from the array's
        assertMessage("theta coordinate 0 is -Infinity",
                () -> oracle.solve(new double[] {9, 9, Double.NEGATIVE_INFINITY, 0, 0, 0}, 2, new double[4], 0));
        // entries outside the row are not the oracle's business
        double[] z = new double[4];
        oracle.solve(new double[] {Double.NaN, 1, 2, 3, 4, Double.NaN}, 1, z, 0);
        assertArrayEquals(new double[] {1, 2, 3, 4}, z);
        assertEquals(1, oracle.calls.size());
    }

    @Test
    void coordinatesTheOracleIgnoresMayHoldAnything() {
        Recording oracle = new Recording(4, true);
        double[] z = new double[4];
        oracle.solve(new double[] {1, 2, 3, Double.NEGATIVE_INFINITY}, z);
        assertArrayEquals(new double[] {1, 2, 3, 0}, z);
        assertMessage("theta coordinate 2 is NaN",
                () -> oracle.solve(new double[] {1, 2, Double.NaN, Double.NaN}, new double[4]));
    }

    @Test
    void theOraclesOwnSolveSeesTheRowAtItsOffsets() {
        Recording oracle = new Recording(2, false);
        double[] theta = {7, 8, 5, 6, 9, 9};
        double[] z = new double[5];
        oracle.solve(theta, 2, z, 3);
        assertArrayEquals(new double[] {0, 0, 0, 5, 6}, z);
        assertArrayEquals(new int[] {2, 3}, oracle.calls.get(0));
        double[] whole = new double[2];
        oracle.solve(new double[] {1, 2}, whole);
        assertArrayEquals(new int[] {0, 0}, oracle.calls.get(1));
        assertArrayEquals(new double[] {1, 2}, whole);
    }

    @Test
    void aDimensionOfZeroIsAllowedAndANegativeOneIsNot() {
        Recording empty = new Recording(0, false);
        empty.solve(new double[0], new double[0]);
        assertEquals(0, empty.dimension());
        assertMessage("dimension must be >= 0, got -1", () -> new Recording(-1, false));
    }

    private static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertEquals(expected, e.getMessage());
    }
}
