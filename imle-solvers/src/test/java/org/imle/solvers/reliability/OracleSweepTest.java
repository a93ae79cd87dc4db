package org.imle.solvers.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.imle.api.MapOracle;
import org.imle.api.registry.ValidatingOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every registered oracle on seeded random instances, through the {@link ValidatingOracle} debug
 * check: each returned z must satisfy the oracle's own constraints, and must score at least as
 * well as every other structure the oracle returned on the run (a check of optimality that needs no
 * per-oracle brute force). Then the same instances from many threads at once on one shared oracle
 * must give exactly the sequential answers.
 */
class OracleSweepTest {

    private static final int INSTANCES = 1000;
    private static final int THREADS = 8;

    static Stream<String> names() {
        return RegisteredInstances.REGISTRY.names().stream();
    }

    private static MapOracle validating(String name) {
        RegisteredInstances.Instance inst = RegisteredInstances.INSTANCES.get(name);
        return ValidatingOracle.wrap(RegisteredInstances.REGISTRY.create(name, inst.parameters()), name);
    }

    private static List<double[]> thetas(String name, int n, int count) {
        SplittableRandom r = new SplittableRandom(0x5eed ^ name.hashCode());
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            out.add(RegisteredInstances.INSTANCES.get(name).theta(n, r));
        }
        return out;
    }

    @Test
    void testsRunWithTheDebugCheckSwitchedOn() {
        assertTrue(ValidatingOracle.enabled(), "surefire must set " + ValidatingOracle.PROPERTY);
        MapOracle created = RegisteredInstances.REGISTRY.create("top-k", RegisteredInstances.INSTANCES.get("top-k").parameters());
        assertTrue(created instanceof ValidatingOracle, created.getClass().getName());
    }

    @Test
    void theDebugCheckRejectsAnInfeasibleAnswerNamingTheOracle() {
        MapOracle liar = new MapOracle() {
            @Override
            public int dimension() {
                return 3;
            }

            @Override
            public void solve(double[] theta, double[] z) {
                java.util.Arrays.fill(z, 1.0);
            }

            @Override
            public String infeasibility(double[] z) {
                double sum = z[0] + z[1] + z[2];
                return sum == 1.0 ? null : "z sums to " + sum + ", expected 1";
            }
        };
        MapOracle checked = ValidatingOracle.wrap(liar, "one-hot");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> checked.solve(new double[3], new double[3]));
        assertTrue(e.getMessage().contains("one-hot") && e.getMessage().contains("sums to 3.0"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> checked.solve(new double[6], 3, new double[4], 1));
    }

    @ParameterizedTest
    @MethodSource("names")
    void everyReturnedStructureIsFeasibleAndBeatsEveryOtherReturnedStructure(String name) {
        MapOracle oracle = validating(name);
        int n = oracle.dimension();
        // the CP-SAT based solvers take about a millisecond a solve: fewer instances keep the sweep short
        int count = name.equals("ilp") ? 100 : name.equals("matching") ? 250 : INSTANCES;
        List<double[]> thetas = thetas(name, n, count);
        List<double[]> answers = new ArrayList<>();
        Set<String> distinct = new LinkedHashSet<>();
        double[] padded = new double[n + 2];
        double[] zPadded = new double[n + 3];
        for (double[] theta : thetas) {
            double[] z = new double[n];
            oracle.solve(theta, z);
            assertNull(oracle.infeasibility(z), name);
            System.arraycopy(theta, 0, padded, 2, n);
            oracle.solve(padded, 2, zPadded, 1);
            double[] zOffset = java.util.Arrays.copyOfRange(zPadded, 1, n + 1);
            assertEquals(dot(z, theta), dot(zOffset, theta), 1e-9, name + ": the offset form scores differently");
            answers.add(z);
            distinct.add(java.util.Arrays.toString(z));
        }
        assertTrue(distinct.size() > 1, name + ": every instance gave the same structure, the sweep proves nothing");
        List<double[]> pool = new ArrayList<>();
        for (String s : distinct) {
            pool.add(parse(s));
        }
        for (int i = 0; i < thetas.size(); i++) {
            double best = dot(answers.get(i), thetas.get(i));
            for (double[] other : pool) {
                double v = dot(other, thetas.get(i));
                assertTrue(v <= best + 1e-9 * (1 + Math.abs(best)),
                        name + " instance " + i + ": returned score " + best + " but another structure scores " + v);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("names")
    void manyThreadsOnOneOracleGiveTheSequentialAnswers(String name) throws Exception {
        MapOracle oracle = validating(name);
        int n = oracle.dimension();
        int count = name.equals("ilp") ? 48 : name.equals("matching") ? 100 : 400;
        List<double[]> thetas = thetas(name, n, count);
        double[][] sequential = new double[count][n];
        for (int i = 0; i < count; i++) {
            oracle.solve(thetas.get(i), sequential[i]);
        }
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<double[][]>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int shift = t;
                futures.add(pool.submit(() -> {
                    double[][] out = new double[count][n];
                    // each thread walks the instances from a different start so that different
                    // instances are in flight at the same moment
                    for (int k = 0; k < count; k++) {
                        int i = (k + shift * count / THREADS) % count;
                        if ((k & 1) == 0) {
                            oracle.solve(thetas.get(i), out[i]);
                        } else {
                            double[] flat = new double[n + 1];
                            System.arraycopy(thetas.get(i), 0, flat, 1, n);
                            double[] z = new double[n + 1];
                            oracle.solve(flat, 1, z, 1);
                            System.arraycopy(z, 1, out[i], 0, n);
                        }
                    }
                    return out;
                }));
            }
            for (Future<double[][]> f : futures) {
                double[][] got = f.get();
                for (int i = 0; i < count; i++) {
                    assertArrayEquals(sequential[i], got[i], name + " instance " + i);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] parse(String s) {
        String[] parts = s.substring(1, s.length() - 1).split(", ");
        double[] d = new double[parts.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = Double.parseDouble(parts[i]);
        }
        return d;
    }
}
