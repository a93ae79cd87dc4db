package org.imle.solvers.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.imle.api.AbstractMapOracle;
import org.imle.api.MapOracle;
import org.imle.api.registry.ValidatingOracle;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every oracle the registry creates (the built-in ones and the third-party test plug-in) extends
 * {@link AbstractMapOracle} and so refuses bad arguments with the base's messages, to the letter:
 * wrong lengths, slices outside their arrays, null arrays, NaN and both infinities at every
 * coordinate it reads, in both solve forms. {@link OracleEntryPointsTest} checks that the messages
 * name the right things; this test checks that they are the same for every oracle.
 */
class RegisteredOraclesUseTheBaseTest {

    /** The base's message for a non-finite coordinate, with or without what the coordinate encodes. */
    private static Pattern nonFinite(int coordinate, double value) {
        return Pattern.compile(Pattern.quote("theta coordinate " + coordinate) + "( \\([^()]+\\))? "
                + Pattern.quote("is " + value));
    }

    static Stream<String> names() {
        return RegisteredInstances.REGISTRY.names().stream();
    }

    private static MapOracle create(String name) {
        return RegisteredInstances.REGISTRY.create(name, RegisteredInstances.INSTANCES.get(name).parameters());
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyRegisteredOracleExtendsTheBase(String name) {
        MapOracle oracle = ValidatingOracle.unwrap(create(name));
        assertTrue(oracle instanceof AbstractMapOracle, name + " is a " + oracle.getClass().getName());
    }

    @ParameterizedTest
    @MethodSource("names")
    void wrongLengthsAndNullsGetTheBaseMessages(String name) {
        MapOracle oracle = create(name);
        int n = oracle.dimension();
        for (int len : new int[] {0, n - 1, n + 1, 2 * n}) {
            if (len == n) {
                continue;
            }
            assertMessage("theta has length " + len + ", expected " + n,
                    () -> oracle.solve(new double[len], new double[n]));
            assertMessage("z has length " + len + ", expected " + n,
                    () -> oracle.solve(new double[n], new double[len]));
        }
        assertMessage("theta is null", () -> oracle.solve(null, new double[n]));
        assertMessage("z is null", () -> oracle.solve(new double[n], null));
        assertMessage("theta is null", () -> oracle.solve(null, 0, new double[n], 0));
        assertMessage("z is null", () -> oracle.solve(new double[n], 0, null, 0));
    }

    @ParameterizedTest
    @MethodSource("names")
    void slicesOutsideTheirArraysGetTheBaseMessages(String name) {
        MapOracle oracle = create(name);
        int n = oracle.dimension();
        for (int offset : new int[] {-1, 1, n + 1, Integer.MIN_VALUE}) {
            long end = (long) offset + n;
            assertMessage("theta range [" + offset + ", " + end + ") is outside an array of length " + n,
                    () -> oracle.solve(new double[n], offset, new double[n], 0));
            assertMessage("z range [" + offset + ", " + end + ") is outside an array of length " + n,
                    () -> oracle.solve(new double[n], 0, new double[n], offset));
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void nanAndInfinitiesAtEveryReadCoordinateGetTheBaseMessage(String name) {
        MapOracle oracle = create(name);
        RegisteredInstances.Instance inst = RegisteredInstances.INSTANCES.get(name);
        int n = oracle.dimension();
        SplittableRandom r = new SplittableRandom(name.hashCode());
        for (int i = 0; i < n; i++) {
            if (inst.ignores(i)) {
                continue;
            }
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                double[] theta = inst.theta(n, r);
                theta[i] = bad;
                assertMessage(nonFinite(i, bad), () -> oracle.solve(theta, new double[n]));
                // a row in the middle of a batch: the coordinate counts from the row's start
                double[] batch = new double[3 * n];
                System.arraycopy(theta, 0, batch, n, n);
                assertMessage(nonFinite(i, bad), () -> oracle.solve(batch, n, new double[2 * n], n));
            }
        }
    }

    private static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, expected);
        assertEquals(expected, e.getMessage());
    }

    private static void assertMessage(Pattern expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, expected.pattern());
        assertTrue(expected.matcher(e.getMessage()).matches(),
                "message '" + e.getMessage() + "' is not the base's '" + expected.pattern() + "'");
    }
}
