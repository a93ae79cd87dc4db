package org.imle.solvers.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.imle.api.MapOracle;
import org.imle.api.registry.OracleFactory;
import org.imle.api.registry.ParameterSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every oracle factory the registry discovers, fed bad input at each of its entry points: the
 * factory (missing, mistyped and out-of-range parameters) and both solve forms (NaN and infinite
 * theta, wrong lengths, offsets outside the array). Each must throw an IllegalArgumentException
 * whose message names the parameter or the coordinate.
 */
class OracleEntryPointsTest {

    static Stream<String> names() {
        return RegisteredInstances.REGISTRY.names().stream();
    }

    static Stream<RegisteredInstances.BadParameters> outOfRange() {
        return RegisteredInstances.outOfRange().stream();
    }

    private static MapOracle create(String name) {
        RegisteredInstances.Instance inst = RegisteredInstances.INSTANCES.get(name);
        assertNotNull(inst, "no test instance for the registered oracle '" + name + "'; add one to RegisteredInstances");
        return RegisteredInstances.REGISTRY.create(name, inst.parameters());
    }

    @Test
    void theInstanceTableCoversExactlyTheRegisteredOracles() {
        assertEquals(RegisteredInstances.REGISTRY.names(), RegisteredInstances.INSTANCES.keySet().stream().sorted().toList());
    }

    @ParameterizedTest
    @MethodSource("names")
    void nonFiniteThetaIsRefusedNamingTheCoordinate(String name) {
        MapOracle oracle = create(name);
        int n = oracle.dimension();
        SplittableRandom r = new SplittableRandom(name.hashCode());
        RegisteredInstances.Instance inst = RegisteredInstances.INSTANCES.get(name);
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            for (int trial = 0; trial < 20; trial++) {
                double[] theta = inst.theta(n, r);
                int pick = r.nextInt(n);
                while (inst.ignores(pick)) {
                    pick = r.nextInt(n);
                }
                int i = pick;
                theta[i] = bad;
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> oracle.solve(theta, new double[n]), name + " theta[" + i + "] = " + bad);
                assertMentions(e, name, "theta", String.valueOf(i), String.valueOf(bad));
                double[] batch = new double[3 * n];
                System.arraycopy(theta, 0, batch, n, n);
                IllegalArgumentException eo = assertThrows(IllegalArgumentException.class,
                        () -> oracle.solve(batch, n, new double[2 * n], n), name + " offset form");
                assertMentions(eo, name, "theta", String.valueOf(bad));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void wrongLengthsAndOffsetsAreRefused(String name) {
        MapOracle oracle = create(name);
        int n = oracle.dimension();
        for (int len : new int[] {0, n - 1, n + 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> oracle.solve(new double[len], new double[n]), name + " theta length " + len);
            assertMentions(e, name, "theta", "length");
            IllegalArgumentException ez = assertThrows(IllegalArgumentException.class,
                    () -> oracle.solve(new double[n], new double[len]), name + " z length " + len);
            assertMentions(ez, name, "z", "length");
        }
        for (int offset : new int[] {-1, 1, n + 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> oracle.solve(new double[n], offset, new double[n], 0), name + " offset " + offset);
            assertMentions(e, name, "theta");
            IllegalArgumentException ez = assertThrows(IllegalArgumentException.class,
                    () -> oracle.solve(new double[n], 0, new double[n], offset), name + " z offset " + offset);
            assertMentions(ez, name, "z");
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void missingRequiredParametersAreNamed(String name) {
        OracleFactory f = RegisteredInstances.REGISTRY.factory(name);
        Map<String, Object> valid = RegisteredInstances.INSTANCES.get(name).parameters();
        for (ParameterSpec p : f.parameters()) {
            if (!p.required()) {
                continue;
            }
            Map<String, Object> without = new HashMap<>(valid);
            without.remove(p.name());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> RegisteredInstances.REGISTRY.create(name, without), name + " without " + p.name());
            assertMentions(e, name, "'" + p.name() + "'");
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void mistypedParametersAreNamed(String name) {
        OracleFactory f = RegisteredInstances.REGISTRY.factory(name);
        Map<String, Object> valid = RegisteredInstances.INSTANCES.get(name).parameters();
        for (ParameterSpec p : f.parameters()) {
            for (Object wrong : wrongValues(p.type())) {
                Map<String, Object> params = new HashMap<>(valid);
                params.put(p.name(), wrong);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> RegisteredInstances.REGISTRY.create(name, params),
                        name + " with " + p.name() + " = " + wrong);
                assertMentions(e, name, p.name());
            }
        }
    }

    /** Values no parameter of the type accepts. */
    private static List<Object> wrongValues(String type) {
        return switch (type) {
            case "int" -> List.of("seven", 2.5, Double.NaN, List.of(1));
            case "double" -> List.of("fast", Double.NaN, Double.POSITIVE_INFINITY, List.of(1.0));
            case "boolean" -> List.of("perhaps", 3);
            // any value reads as its text, so only the out-of-range table covers strings
            case "string" -> List.of();
            default -> List.of("not-an-array", 4);
        };
    }

    @ParameterizedTest
    @MethodSource("outOfRange")
    void outOfRangeParametersAreNamed(RegisteredInstances.BadParameters bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegisteredInstances.REGISTRY.create(bad.name(), bad.parameters()), bad.toString());
        assertMentions(e, bad.name(), bad.mentions());
    }

    @Test
    void everyRegisteredOracleHasOutOfRangeCases() {
        assertEquals(RegisteredInstances.REGISTRY.names(), RegisteredInstances.outOfRange().stream()
                .map(RegisteredInstances.BadParameters::name).distinct().sorted().toList());
    }

    @Test
    void unknownOracleNamesAreListed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RegisteredInstances.REGISTRY.create("travelling-salesman", Map.of()));
        assertMentions(e, "registry", "travelling-salesman", "top-k");
    }

    private static void assertMentions(Exception e, String oracle, String... words) {
        String msg = e.getMessage();
        assertNotNull(msg, oracle + ": exception without a message");
        for (String w : words) {
            assertTrue(msg.contains(w), oracle + ": message '" + msg + "' does not mention '" + w + "'");
        }
    }
}
