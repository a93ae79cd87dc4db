package org.imle.solvers.execution;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.imle.api.EstimatorPass;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.StructuredLoss;
import org.imle.api.estimator.EstimatorsPlugin;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.execution.ThetaRows;
import org.imle.api.registry.EstimatorBuilder;
import org.imle.api.registry.EstimatorFactory;
import org.imle.api.loss.LossesPlugin;
import org.imle.api.registry.EstimatorRegistry;
import org.imle.api.registry.NoiseRegistry;
import org.imle.api.registry.OracleSpec;
import org.imle.api.registry.Oracles;
import org.imle.api.registry.ParameterSpec;
import org.imle.solvers.topk.TopKOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The row-batch solve contract: every solve of every estimator and loss in the registry goes
 * through {@link SolveExecutor#solve}, so an executor that ships spec and rows as bytes and solves
 * them on an oracle rebuilt from the registry gives the same numbers, bit for bit, as the
 * in-process executors.
 */
class RowBatchContractTest {

    private static final Oracles ORACLES = Oracles.discover();
    /** The library's estimators and losses (the test plug-ins of third parties may solve as they like). */
    private static final EstimatorRegistry METHODS = EstimatorRegistry.of(NoiseRegistry.discover(),
            new EstimatorsPlugin(), new LossesPlugin());
    private static final int B = 4;

    /** Settings that make every solve path run: noise, several samples and marginal samples. */
    private static final Map<String, Object> EXERCISING = Map.of(
            "noise", "gumbel", "samples", 3, "marginalSamples", 2, "targetTemperature", 0.5);

    static Stream<Arguments> methods() {
        List<Arguments> cases = new ArrayList<>();
        for (String name : METHODS.names()) {
            EstimatorFactory factory = METHODS.factory(name);
            Map<String, Object> exercising = new LinkedHashMap<>();
            for (ParameterSpec p : factory.parameters()) {
                if (EXERCISING.containsKey(p.name())) {
                    exercising.put(p.name(), EXERCISING.get(p.name()));
                }
            }
            cases.add(Arguments.of(name, Map.of()));
            if (!exercising.isEmpty()) {
                cases.add(Arguments.of(name, exercising));
            }
            if (factory.parameters().stream().anyMatch(p -> p.name().equals("symmetric"))) {
                Map<String, Object> symmetric = new LinkedHashMap<>(exercising);
                symmetric.put("symmetric", true);
                cases.add(Arguments.of(name, symmetric));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("methods")
    void givesTheInProcessNumbersWhenEverySolveIsShipped(String method, Map<String, Object> parameters) {
        MapOracle topK = ORACLES.create("top-k", Map.of("n", 7, "k", 3));
        ShippingExecutor shipping = new ShippingExecutor();
        for (SolveExecutor local : List.of(SolveExecutor.sequential(), SolveExecutor.parallel(3))) {
            Result here = runTwoSteps(method, parameters, topK, local);
            Result there = runTwoSteps(method, parameters, topK, shipping);
            assertEquals(here.values.size(), there.values.size());
            for (int i = 0; i < here.values.size(); i++) {
                assertArrayEquals(here.values.get(i), there.values.get(i), method + " output " + i + " on " + local);
            }
        }
        assertTrue(shipping.oraclesBuilt() <= 1, "the remote side rebuilt the oracle more than once");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("methods")
    void handsEveryOracleCallToTheExecutor(String method, Map<String, Object> parameters) {
        MapOracle topK = ORACLES.create("top-k", Map.of("n", 7, "k", 3));
        long[] oracleCalls = new long[1];
        MapOracle counted = new MapOracle() {
            @Override
            public int dimension() {
                return topK.dimension();
            }

            @Override
            public void solve(double[] theta, double[] z) {
                oracleCalls[0]++;
                topK.solve(theta, z);
            }

            @Override
            public void solve(double[] theta, int thetaOffset, double[] z, int zOffset) {
                oracleCalls[0]++;
                topK.solve(theta, thetaOffset, z, zOffset);
            }
        };
        long[] rowsRequested = new long[1];
        SolveExecutor counting = new SolveExecutor() {
            @Override
            public void run(int tasks, java.util.function.IntConsumer task) {
                SolveExecutor.sequential().run(tasks, task);
            }

            @Override
            public void solve(MapOracle oracle, int rows, ThetaRows theta, double[] z) {
                rowsRequested[0] += rows;
                SolveExecutor.super.solve(oracle, rows, theta, z);
            }
        };
        try {
            METHODS.builder(method, counted, parameters).build();
        } catch (IllegalArgumentException needsExactFamily) {
            return; // sampled from the oracle's exact family, which a wrapper hides: no MAP solve
        }
        runTwoSteps(method, parameters, counted, counting);
        assertEquals(rowsRequested[0], oracleCalls[0], method + " called the oracle past the executor");
    }

    /** Everything an estimator or loss returns over two steps (forward, backward; or evaluate). */
    private record Result(List<double[]> values) {
    }

    private static Result runTwoSteps(String method, Map<String, Object> parameters, MapOracle oracle,
            SolveExecutor executor) {
        int n = oracle.dimension();
        SplittableRandom random = new SplittableRandom(11);
        List<double[]> values = new ArrayList<>();
        EstimatorBuilder<?, ?> builder = METHODS.builder(method, oracle, parameters);
        builder.seed(5);
        builder.executor(executor);
        Object built = builder.build();
        for (long step = 0; step < 2; step++) {
            double[] theta = random.doubles(B * n, -1, 1).toArray();
            double[] grad = new double[B * n];
            if (built instanceof GradientEstimator estimator) {
                EstimatorPass pass = estimator.forward(theta, B, step);
                double[] dLdz = random.doubles(pass.structures().length, -1, 1).toArray();
                pass.backward(dLdz, grad);
                values.add(pass.structures().clone());
            } else {
                StructuredLoss loss = (StructuredLoss) built;
                double[] supervision = new double[B * n];
                executor.solve(oracle, B, ThetaRows.stored(
                        random.doubles(B * n, -1, 1).toArray(), n), supervision);
                StructuredLoss.Evaluation e = loss.evaluate(theta, supervision, B, step, grad);
                values.add(e.losses().clone());
                values.add(e.structures().clone());
            }
            values.add(grad);
        }
        return new Result(values);
    }

    @Test
    void shipsTheForwardAndTheTargetSolvesAsBlocksOfRows() {
        MapOracle topK = ORACLES.create("top-k", Map.of("n", 7, "k", 3));
        ShippingExecutor shipping = new ShippingExecutor();
        EstimatorBuilder<?, ? extends GradientEstimator> builder = METHODS.estimator("imle", topK,
                Map.of("noise", "gumbel", "samples", 3));
        builder.executor(shipping);
        GradientEstimator imle = builder.build();
        EstimatorPass pass = imle.forward(new double[B * 7], B, 0);
        pass.backward(new double[B * 3 * 7], new double[B * 7]);
        assertEquals(2, shipping.requests(), "one request for the forward, one for the targets");
        assertEquals(2L * B * 3, shipping.rowsShipped());
        assertEquals(1, shipping.oraclesBuilt());
    }

    @Test
    void refusesAnOracleMadeByHandWithAMessageThatSaysWhy() {
        MapOracle byHand = new TopKOracle(7, 3);
        EstimatorBuilder<?, ? extends GradientEstimator> builder = METHODS.estimator("imle", byHand,
                Map.of("noise", "gumbel"));
        builder.executor(new ShippingExecutor());
        GradientEstimator imle = builder.build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> imle.forward(new double[B * 7], B, 0));
        assertTrue(e.getMessage().contains("made by hand, not by the oracle registry"), e.getMessage());
        assertTrue(OracleSpec.of(byHand).isEmpty());
    }

    @Test
    void solvesAnOracleMadeByHandInProcess() {
        MapOracle lambda = new MapOracle() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public void solve(double[] theta, double[] z) {
                z[0] = theta[0] >= theta[1] ? 1 : 0;
                z[1] = 1 - z[0];
            }
        };
        double[] z = new double[6];
        SolveExecutor.parallel(2).solve(lambda, 3, (row, target, off) -> {
            target[off] = row;
            target[off + 1] = 1;
        }, z);
        assertArrayEquals(new double[] {0, 1, 1, 0, 1, 0}, z);
    }

    @Test
    void recordsTheSpecOfEveryRegistryOracleAndRebuildsTheSameOracle() {
        MapOracle made = ORACLES.create("top-k", Map.of("n", 5, "k", 2));
        OracleSpec spec = OracleSpec.of(made).orElseThrow();
        assertEquals("top-k", spec.name());
        assertEquals(Map.of("n", 5, "k", 2), spec.parameters());
        MapOracle again = spec.create(ORACLES);
        double[] theta = {0.3, -1, 2, 0.5, 0.1};
        double[] a = new double[5];
        double[] b = new double[5];
        made.solve(theta, a);
        again.solve(theta, b);
        assertArrayEquals(a, b);
    }

    @Test
    void refusesAParameterThatCannotCrossToAnotherJvm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OracleSpec.of("top-k", Map.of("k", new Object())));
        assertTrue(e.getMessage().contains("parameter 'k'"), e.getMessage());
    }
}
