package org.imle.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.SplittableRandom;
import org.imle.api.StructuredLoss;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.registry.EstimatorFactory;
import org.imle.api.registry.EstimatorRegistry;
import org.imle.solvers.topk.TopKOracle;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every registered structured loss through the layer: its mean value, and 1/B times its gradient in theta. */
class StructuredLossLayerTest {

    @BeforeAll
    static void startLibtorch() {
        DjlRuntime.start(2, 7);
    }

    @Test
    void everyRegisteredLossGivesItsMeanAndItsGradientOverB() {
        EstimatorRegistry registry = EstimatorRegistry.discover();
        int checked = 0;
        int b = 4;
        int n = 6;
        TopKOracle oracle = new TopKOracle(n, 2);
        for (String name : registry.names()) {
            if (registry.factory(name).kind() != EstimatorFactory.Kind.LOSS) {
                continue;
            }
            // two instances: some losses keep a pool of past solutions, so a second evaluation of
            // one instance differs from the first
            StructuredLoss loss = (StructuredLoss) registry.loss(name, oracle, Map.of()).seed(2)
                    .executor(SolveExecutor.sequential()).build();
            StructuredLoss fresh = (StructuredLoss) registry.loss(name, oracle, Map.of()).seed(2)
                    .executor(SolveExecutor.sequential()).build();
            SplittableRandom rnd = new SplittableRandom(9);
            float[] theta = new float[b * n];
            double[] thetaD = new double[b * n];
            double[] supervision = new double[b * n];
            for (int i = 0; i < theta.length; i++) {
                theta[i] = (float) rnd.nextGaussian();
                thetaD[i] = theta[i];
            }
            for (int r = 0; r < b; r++) {
                if (loss.supervisionName().equals("target")) {
                    supervision[r * n + r % n] = 1;
                    supervision[r * n + (r + 1) % n] = 1;
                } else {
                    for (int i = 0; i < n; i++) {
                        supervision[r * n + i] = rnd.nextGaussian();
                    }
                }
            }
            double[] expectedGrad = new double[b * n];
            double[] values = loss.evaluate(thetaD, supervision, b, 3, expectedGrad).losses();
            double mean = java.util.Arrays.stream(values).sum() / b;
            StructuredLossLayer layer = new StructuredLossLayer(fresh);
            try (NDManager step = NDManager.newBaseManager()) {
                NDArray t = step.create(theta, new Shape(b, n));
                t.setRequiresGradient(true);
                float value;
                try (GradientCollector collector = step.getEngine().newGradientCollector()) {
                    NDArray out = layer.forward(t.mul(1f), supervision, 3);
                    value = out.getFloat();
                    collector.backward(out);
                }
                assertEquals(mean, value, 1e-5 * (1 + Math.abs(mean)), name);
                float[] got = t.getGradient().toFloatArray();
                for (int i = 0; i < got.length; i++) {
                    assertEquals(expectedGrad[i] / b, got[i], 1e-6, name + " entry " + i);
                }
                assertTrue(java.util.Arrays.stream(expectedGrad).anyMatch(v -> v != 0), name + " must have a gradient");
                checked++;
            }
        }
        assertTrue(checked >= 2, "fenchel-young, spo+ and any other registered loss: " + checked);
    }

    /**
     * Two forward calls of one layer, then the backward of the first loss: its gradient is the
     * first call's, not the second's (the injected gradient must not alias the layer's buffer).
     */
    @Test
    void theFirstLossKeepsItsGradientAfterASecondForward() {
        int b = 3;
        int n = 6;
        TopKOracle oracle = new TopKOracle(n, 2);
        EstimatorRegistry registry = EstimatorRegistry.discover();
        StructuredLoss reference = (StructuredLoss) registry.loss("spo+", oracle, Map.of()).seed(2)
                .executor(SolveExecutor.sequential()).build();
        StructuredLoss loss = (StructuredLoss) registry.loss("spo+", oracle, Map.of()).seed(2)
                .executor(SolveExecutor.sequential()).build();
        SplittableRandom rnd = new SplittableRandom(4);
        float[] first = new float[b * n];
        float[] second = new float[b * n];
        double[] firstD = new double[b * n];
        double[] costs = new double[b * n];
        for (int i = 0; i < first.length; i++) {
            first[i] = (float) rnd.nextGaussian();
            second[i] = (float) rnd.nextGaussian();
            firstD[i] = first[i];
            costs[i] = rnd.nextGaussian();
        }
        double[] expected = new double[b * n];
        reference.evaluate(firstD, costs, b, 1, expected);
        StructuredLossLayer layer = new StructuredLossLayer(loss);
        try (NDManager step = NDManager.newBaseManager()) {
            NDArray t = step.create(first, new Shape(b, n));
            t.setRequiresGradient(true);
            try (GradientCollector collector = step.getEngine().newGradientCollector()) {
                NDArray out = layer.forward(t.mul(1f), costs, 1);
                layer.forward(step.create(second, new Shape(b, n)), costs, 2);
                collector.backward(out);
            }
            float[] got = t.getGradient().toFloatArray();
            for (int i = 0; i < got.length; i++) {
                assertEquals(expected[i] / b, got[i], 1e-6, "entry " + i);
            }
            assertTrue(java.util.Arrays.stream(expected).anyMatch(v -> v != 0), "spo+ must have a gradient");
        }
    }
}
