package org.imle.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.Map;
import java.util.SplittableRandom;
import org.imle.api.EstimatorPass;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.registry.EstimatorRegistry;
import org.imle.solvers.shortestpath.GridShortestPathOracle;
import org.imle.solvers.shortestpath.NegativeCostPolicy;
import org.imle.solvers.topk.TopKOracle;
import org.imle.train.node.DiscreteNode;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The discrete layer on libtorch against imle-train's {@link DiscreteNode} on the same linear
 * network and data, against the estimator's own backward, and its gradients through a small
 * convolutional network with batch norm against finite differences.
 */
class DiscreteLayerTest {

    private static final EstimatorRegistry REGISTRY = EstimatorRegistry.discover();

    @BeforeAll
    static void startLibtorch() {
        DjlRuntime.start(2, 7);
    }

    private static float[] gaussian(SplittableRandom rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }

    private static GradientEstimator imle(MapOracle oracle, int samples) {
        return (GradientEstimator) REGISTRY.estimator("imle", oracle, Map.of("noise", Map.of("name", "sum-of-gamma",
                "k", 3), "samples", samples, "lambda", 5.0)).seed(11).executor(SolveExecutor.sequential()).build();
    }

    /**
     * theta = x W, z = layer(theta), L = sum(z * c) / rows, and dL/dW, in both engines: equal to
     * float precision (the structures themselves are equal exactly).
     */
    @Test
    void weightGradientsEqualDiscreteNodesOnTheSameNetwork() {
        int b = 5;
        int d = 4;
        int n = 9;
        int s = 3;
        SplittableRandom rnd = new SplittableRandom(3);
        float[] x = gaussian(rnd, b * d);
        float[] w = gaussian(rnd, d * n);
        float[] c = gaussian(rnd, b * s * n);
        GradientEstimator estimator = imle(new TopKOracle(n, 3), s);

        Tensor wJava = Tensor.leaf(w.clone(), d, n);
        Tensor zJava = new DiscreteNode(estimator).apply(Tensor.of(x, b, d).matmul(wJava), 4);
        zJava.mul(Tensor.of(c, b * s, n)).sum().mul(1f / (b * s)).backward();

        DiscreteLayer layer = new DiscreteLayer(estimator);
        try (NDManager step = NDManager.newBaseManager()) {
            NDArray wDjl = step.create(w, new Shape(d, n));
            wDjl.setRequiresGradient(true);
            float[] z;
            float[] grad;
            try (GradientCollector collector = step.getEngine().newGradientCollector()) {
                NDArray theta = step.create(x, new Shape(b, d)).matMul(wDjl);
                DiscreteLayer.Sample sample = layer.forward(theta, 4);
                NDArray loss = sample.structures().mul(step.create(c, new Shape(b * s, n))).sum().div(b * s);
                collector.backward(loss);
                sample.backward(collector);
                z = sample.structures().toFloatArray();
            }
            grad = wDjl.getGradient().toFloatArray();
            assertArrayEquals(zJava.data(), z, 0f);
            assertArrayEquals(wJava.grad(), grad, 1e-5f);
            assertTrue(norm(grad) > 1e-3, "the test must see a gradient");
        }
    }

    /**
     * The Hamming loss computed in Java ({@link HammingLoss}, dL/dz handed to
     * {@link DiscreteLayer.Sample#backward(GradientCollector, double[])}, no first backward call)
     * against the same loss as float32 NDArrays through autograd, on shortest paths with S = 1 and
     * S = 3: the same loss value, the same dL/dz and the same weight gradients, bit for bit.
     */
    @Test
    void hammingLossInJavaGivesTheAutogradPathsLossAndGradients() {
        MapOracle oracle = new GridShortestPathOracle(4, 4, 8, 0, 0, 3, 3, NegativeCostPolicy.CLAMP, 0.0);
        int b = 6;
        int d = 5;
        int n = oracle.dimension();
        for (int s : new int[] {1, 3}) {
            SplittableRandom rnd = new SplittableRandom(40 + s);
            float[] x = gaussian(rnd, b * d);
            float[] w = gaussian(rnd, d * n);
            float[] y = new float[b * n];
            for (int i = 0; i < y.length; i++) {
                y[i] = rnd.nextInt(3) == 0 ? 1f : 0f;
            }
            GradientEstimator estimator = imle(oracle, s);
            float[][] grads = new float[2][];
            float[] losses = new float[2];
            double[] dzJava = new double[b * s * n];
            float[] dzAutograd = null;
            for (int path = 0; path < 2; path++) {
                DiscreteLayer layer = new DiscreteLayer(estimator);
                try (NDManager step = NDManager.newBaseManager()) {
                    NDArray wDjl = step.create(w, new Shape(d, n));
                    wDjl.setRequiresGradient(true);
                    try (GradientCollector collector = step.getEngine().newGradientCollector()) {
                        // costs below zero (theta = -softplus), as the shortest-path example has them
                        NDArray theta = ai.djl.nn.Activation.softPlus(step.create(x, new Shape(b, d)).matMul(wDjl))
                                .neg();
                        DiscreteLayer.Sample sample = layer.forward(theta, 9);
                        if (path == 0) {
                            NDArray target = step.create(y, new Shape(b, n));
                            NDArray yy = s == 1 ? target : target.repeat(0, s);
                            NDArray loss = sample.structures().mul(yy.mul(-2f).add(1f)).add(yy).sum()
                                    .div((float) (b * s));
                            losses[0] = loss.getFloat();
                            collector.backward(loss);
                            dzAutograd = sample.structures().getGradient().toFloatArray();
                            sample.backward(collector);
                        } else {
                            losses[1] = HammingLoss.value(sample.pass().structures(), n, s, y, dzJava);
                            sample.backward(collector, dzJava);
                        }
                    }
                    grads[path] = wDjl.getGradient().toFloatArray();
                }
            }
            assertEquals(losses[0], losses[1], 0f, "S = " + s + ": loss");
            assertTrue(losses[0] > 0, "the test must see a loss");
            assertArrayEquals(dzAutograd, toFloats(dzJava), 0f, "S = " + s + ": dL/dz");
            for (double v : dzJava) {
                assertEquals((float) v, v, 0.0, "dL/dz is a float32 value");
            }
            assertArrayEquals(grads[0], grads[1], 0f, "S = " + s + ": weight gradients");
            assertTrue(norm(grads[1]) > 1e-4, "the test must see a gradient");
        }
    }

    /**
     * A sample whose structures were never asked for reached no loss: its backward reads dL/dz = 0
     * (I-MLE's target is then the sample itself, so theta gets no gradient), and the dL/dz form
     * refuses an array of another length.
     */
    @Test
    void aSampleWhoseStructuresNoLossUsedFeedsBackZero() {
        int b = 3;
        int n = 6;
        DiscreteLayer layer = new DiscreteLayer(imle(new TopKOracle(n, 2), 2));
        try (NDManager step = NDManager.newBaseManager()) {
            NDArray t = step.create(gaussian(new SplittableRandom(5), b * n), new Shape(b, n));
            t.setRequiresGradient(true);
            try (GradientCollector collector = step.getEngine().newGradientCollector()) {
                DiscreteLayer.Sample sample = layer.forward(t.mul(1f), 3);
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> sample.backward(collector, new double[5]));
                assertEquals("discrete layer (imle): dL/dz of 5 values, expected B * S * n = 36", e.getMessage());
                sample.backward(collector);
            }
            assertArrayEquals(new float[b * n], t.getGradient().toFloatArray(), 0f);
        }
    }

    @Test
    void hammingLossRejectsLengthsThatDoNotFit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HammingLoss.value(new double[12], 4, 2, new float[8], new double[10]));
        assertEquals("Hamming loss: 12 structure values, 8 target values and 10 gradient values do not fit "
                + "[B * S, n] and [B, n] with n = 4, S = 2", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> HammingLoss.value(new double[12], 4, 2, new float[4], new double[12]));
    }

    /**
     * Every registered estimator on two oracles (top-k, the 8-grid shortest path), with S = 1 and
     * S = 2: the structures are the estimator's, and the gradient that reaches theta is its
     * backward of the loss's dL/dz, to float precision.
     */
    @Test
    void everyRegisteredEstimatorPassesItsGradientToTheta() {
        int checked = 0;
        for (String name : REGISTRY.names()) {
            if (REGISTRY.factory(name).kind() != org.imle.api.registry.EstimatorFactory.Kind.ESTIMATOR) {
                continue;
            }
            for (MapOracle oracle : new MapOracle[] {new TopKOracle(7, 2), new GridShortestPathOracle(3, 3, 8, 0, 0, 2, 2,
                    NegativeCostPolicy.CLAMP, 0.0)}) {
                for (int s : new int[] {1, 2}) {
                    if (checkAgainstEstimator(name, oracle, s)) {
                        checked++;
                    }
                }
            }
        }
        assertTrue(checked >= 6 * 4, "estimator, oracle and S combinations checked: " + checked);
    }

    /** False when the estimator refuses the oracle (exact sampling exists for top-k and enumerated oracles only). */
    private static boolean checkAgainstEstimator(String name, MapOracle oracle, int samples) {
        Map<String, Object> params = new java.util.HashMap<>();
        boolean takesSamples = REGISTRY.factory(name).parameters().stream().anyMatch(p -> p.name().equals("samples"));
        if (takesSamples) {
            params.put("samples", samples);
        }
        if (REGISTRY.factory(name).parameters().stream().anyMatch(p -> p.name().equals("noise"))) {
            params.put("noise", "gumbel");
        }
        GradientEstimator estimator;
        try {
            estimator = (GradientEstimator) REGISTRY.estimator(name, oracle, params).seed(5)
                    .executor(SolveExecutor.sequential()).build();
        } catch (IllegalArgumentException e) {
            if (oracle instanceof TopKOracle || !e.getMessage().contains("needs exact sampling")) {
                throw e;
            }
            return false;
        }
        int b = 3;
        int n = oracle.dimension();
        SplittableRandom rnd = new SplittableRandom(name.hashCode());
        float[] theta = gaussian(rnd, b * n);
        for (int i = 0; i < theta.length; i++) {
            theta[i] -= 2; // shortest paths need costs: theta = -c below zero
        }
        double[] thetaD = new double[theta.length];
        for (int i = 0; i < theta.length; i++) {
            thetaD[i] = theta[i];
        }
        EstimatorPass expected = estimator.forward(thetaD, b, 2);
        int rows = b * expected.samples();
        float[] up = gaussian(rnd, rows * n);
        double[] upD = new double[up.length];
        for (int i = 0; i < up.length; i++) {
            upD[i] = up[i];
        }
        double[] gradExpected = expected.backward(upD);
        try (NDManager step = NDManager.newBaseManager()) {
            NDArray t = step.create(theta, new Shape(b, n));
            t.setRequiresGradient(true);
            DiscreteLayer layer = new DiscreteLayer(estimator);
            try (GradientCollector collector = step.getEngine().newGradientCollector()) {
                NDArray scaled = t.mul(1f);
                DiscreteLayer.Sample sample = layer.forward(scaled, 2);
                float[] z = sample.structures().toFloatArray();
                for (int i = 0; i < z.length; i++) {
                    assertEquals(expected.structures()[i], z[i], 0.0, name + " structure entry " + i);
                }
                collector.backward(sample.structures().mul(step.create(up, new Shape(rows, n))).sum());
                // dL/dz of sum(z * up) is up: the first backward call, checked apart from the second
                assertArrayEquals(up, sample.structures().getGradient().toFloatArray(), 0f, name + ": dL/dz");
                sample.backward(collector);
            }
            float[] got = t.getGradient().toFloatArray();
            for (int i = 0; i < got.length; i++) {
                assertEquals(gradExpected[i], got[i], 1e-4 * (1 + Math.abs(gradExpected[i])),
                        name + " on " + oracle.getClass().getSimpleName() + ", S = " + samples + ", entry " + i);
            }
        }
        return true;
    }

    /**
     * A second forward call before the first sample's backward (two heads on one layer, or a
     * caller keeping z for metrics) leaves the first sample alone: its structures and the
     * gradient it feeds back are its own. Staged arrays aliasing the layer's buffers broke this.
     */
    @Test
    void aSampleKeepsItsStructuresAndGradientAcrossTheNextForward() {
        int b = 4;
        int n = 8;
        GradientEstimator estimator = imle(new TopKOracle(n, 3), 2);
        DiscreteLayer layer = new DiscreteLayer(estimator);
        SplittableRandom rnd = new SplittableRandom(21);
        float[] first = gaussian(rnd, b * n);
        float[] second = gaussian(rnd, b * n);
        float[] up = gaussian(rnd, b * 2 * n);
        double[] dz = new double[up.length];
        for (int i = 0; i < up.length; i++) {
            dz[i] = up[i];
        }
        try (NDManager step = NDManager.newBaseManager()) {
            NDArray t = step.create(first, new Shape(b, n));
            t.setRequiresGradient(true);
            double[] expected;
            float[] structures;
            float[] z;
            try (GradientCollector collector = step.getEngine().newGradientCollector()) {
                DiscreteLayer.Sample kept = layer.forward(t.mul(1f), 1);
                structures = toFloats(kept.pass().structures());
                expected = kept.pass().backward(dz);
                DiscreteLayer.Sample other = layer.forward(step.create(second, new Shape(b, n)), 2);
                assertTrue(!java.util.Arrays.equals(structures, toFloats(other.pass().structures())),
                        "the two calls must sample different structures");
                z = kept.structures().toFloatArray();
                collector.backward(kept.structures().mul(step.create(up, new Shape(b * 2, n))).sum());
                kept.backward(collector);
            }
            assertArrayEquals(structures, z, 0f);
            float[] got = t.getGradient().toFloatArray();
            for (int i = 0; i < got.length; i++) {
                assertEquals(expected[i], got[i], 1e-6, "entry " + i);
            }
            assertTrue(norm(got) > 1e-3, "the test must see a gradient");
        }
    }

    private static float[] toFloats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    @Test
    void rejectsThetaWhoseRowsAreNotTheOraclesLength() {
        DiscreteLayer layer = new DiscreteLayer(imle(new TopKOracle(6, 2), 1));
        try (NDManager step = NDManager.newBaseManager()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> layer.forward(step.zeros(new Shape(2, 5)), 0));
            assertEquals("discrete layer (imle): theta of shape (2, 5) does not fit [B, 6]", e.getMessage());
        }
    }

    @Test
    void stagingReusesOneBufferAndRoundTripsFloats() {
        StagingBuffer staging = new StagingBuffer();
        try (NDManager step = NDManager.newBaseManager()) {
            float[] data = {1.5f, -2f, 3.25f, 0f, 7f, -0.5f};
            NDArray a = staging.toArray(step, data, new Shape(2, 3));
            assertArrayEquals(data, a.toFloatArray(), 0f);
            a.close();
            NDArray b = staging.toArray(step, new double[] {4, 5}, new Shape(2), DataType.FLOAT64);
            double[] back = new double[2];
            StagingBuffer.read(b, back);
            assertArrayEquals(new double[] {4, 5}, back, 0.0);
        }
    }

    /** A caller writes floats straight into the buffer; the array made from it reads them in place. */
    @Test
    void stagingTakesFloatsWrittenIntoItsBuffer() {
        StagingBuffer staging = new StagingBuffer();
        try (NDManager step = NDManager.newBaseManager()) {
            java.nio.FloatBuffer floats = staging.floats(6);
            for (int i = 0; i < 6; i++) {
                floats.put(i, i * 0.5f);
            }
            NDArray a = staging.toArray(step, new Shape(3, 2));
            assertArrayEquals(new float[] {0f, 0.5f, 1f, 1.5f, 2f, 2.5f}, a.toFloatArray(), 0f);
            // channels-last data seen channel-first: a view, read back in its own order
            assertArrayEquals(new float[] {0f, 1f, 2f, 0.5f, 1.5f, 2.5f}, a.transpose(1, 0).toFloatArray(), 0f);
            a.close();
            assertThrows(IllegalArgumentException.class, () -> staging.toArray(step, new Shape(100)));
        }
    }

    private static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += x * x;
        }
        return Math.sqrt(s);
    }
}
