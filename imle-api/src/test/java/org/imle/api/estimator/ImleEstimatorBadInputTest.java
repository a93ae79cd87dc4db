package org.imle.api.estimator;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.imle.api.EstimatorPass;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.testing.TopKTestOracle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ImleEstimatorBadInputTest {

    private static final int N = 5;
    private final ImleEstimator est = ImleEstimator.builder(new TopKTestOracle(N, 2)).samples(2)
            .executor(SolveExecutor.sequential()).build();

    private static void assertMessage(String expected, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected),
                "message '" + e.getMessage() + "' should contain '" + expected + "'");
    }

    @ParameterizedTest
    @ValueSource(doubles = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY})
    void nonFiniteThetaNamesRowAndCoordinate(double bad) {
        double[] theta = new double[3 * N];
        theta[2 * N + 4] = bad;
        assertMessage("theta row 2 coordinate 4 is " + bad, () -> est.forward(theta, 3, 0));
    }

    @Test
    void wrongThetaLengthNamesBothLengths() {
        assertMessage("theta has length 11, expected batch size 2 x dimension 5 = 10",
                () -> est.forward(new double[11], 2, 0));
        assertMessage("theta is null", () -> est.forward(null, 2, 0));
    }

    @Test
    void batchesTooLargeForOneArrayAreRejectedBeforeAllocating() {
        ImleEstimator big = ImleEstimator.builder(new TopKTestOracle(N, 2)).samples(1 << 20)
                .marginalSamples(1 << 10).build();
        assertMessage("batch size 1 x samples 1048576 x marginal samples 1024 x dimension 5 = 5368709120 exceeds",
                () -> big.forward(new double[N], 1, 0));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void batchBelowOneIsRejected(int batch) {
        assertMessage("batch size must be >= 1, got " + batch, () -> est.forward(new double[0], batch, 0));
    }

    @Test
    void samplesAndMarginalSamplesBelowOneAreRejected() {
        TopKTestOracle oracle = new TopKTestOracle(N, 2);
        assertMessage("samples must be >= 1, got 0", () -> ImleEstimator.builder(oracle).samples(0).build());
        assertMessage("marginal samples must be >= 1, got -3",
                () -> ImleEstimator.builder(oracle).marginalSamples(-3).build());
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.0, -1.0, Double.NaN, Double.POSITIVE_INFINITY})
    void nonPositiveOrNonFiniteLambdaIsRejected(double lambda) {
        assertMessage("lambda must be positive and finite, got " + lambda,
                () -> ImleEstimator.builder(new TopKTestOracle(N, 2)).lambda(lambda).build());
    }

    @Test
    void nonFiniteAlphaAndNegativeTemperaturesAreRejected() {
        TopKTestOracle oracle = new TopKTestOracle(N, 2);
        assertMessage("alpha must be finite, got NaN", () -> ImleEstimator.builder(oracle).alpha(Double.NaN).build());
        assertMessage("temperature must be >= 0 and finite, got -1.0",
                () -> ImleEstimator.builder(oracle).inputTemperature(-1).build());
        assertMessage("target temperature must be >= 0 and finite, got -0.5",
                () -> ImleEstimator.builder(oracle).targetTemperature(-0.5).build());
        assertMessage("scaling must not be null", () -> ImleEstimator.builder(oracle).scaling(null));
        assertMessage("oracle must not be null", () -> ImleEstimator.builder(null));
    }

    @Test
    void badUpstreamGradientNamesRowAndCoordinate() {
        EstimatorPass pass = est.forward(new double[2 * N], 2, 0);
        assertMessage("dL/dz has length 10, expected 4 rows (batch 2 x samples 2) x dimension 5 = 20",
                () -> pass.backward(new double[10]));
        double[] nan = new double[4 * N];
        nan[3 * N + 1] = Double.NaN;
        assertMessage("dL/dz row 3 coordinate 1 is NaN", () -> pass.backward(nan));
        double[] inf = new double[4 * N];
        inf[0] = Double.NEGATIVE_INFINITY;
        assertMessage("dL/dz row 0 coordinate 0 is -Infinity", () -> pass.backward(inf));
        assertMessage("dL/dtheta output has length 3, expected 10",
                () -> pass.backward(new double[4 * N], new double[3]));
    }
}
