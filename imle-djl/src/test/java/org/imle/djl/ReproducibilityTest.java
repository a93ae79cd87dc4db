package org.imle.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import java.util.Map;
import java.util.SplittableRandom;
import org.imle.api.GradientEstimator;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.registry.EstimatorRegistry;
import org.imle.solvers.shortestpath.GridShortestPathOracle;
import org.imle.solvers.shortestpath.NegativeCostPolicy;
import org.junit.jupiter.api.Test;

/**
 * With libtorch, the same seed and thread count give the same numbers: a network initialised by
 * libtorch's generator and trained through the discrete layer and {@link TorchAdam} for a few
 * steps, twice, ends with bit-identical weights; another seed gives other weights.
 */
class ReproducibilityTest {

    @Test
    void sameSeedAndThreadCountGiveTheSameWeights() {
        float[] first = train(2, 21);
        float[] second = train(2, 21);
        assertArrayEquals(first, second, 0f);
        float[] other = train(2, 22);
        assertEquals(first.length, other.length);
        assertFalse(java.util.Arrays.equals(first, other), "the seed must reach the initial weights");
    }

    private static float[] train(int threads, int seed) {
        DjlRuntime.start(threads, seed);
        assertEquals(threads, DjlRuntime.threads());
        int b = 6;
        GridShortestPathOracle oracle = new GridShortestPathOracle(4, 4, 8, 0, 0, 3, 3, NegativeCostPolicy.CLAMP, 0.0);
        GradientEstimator estimator = (GradientEstimator) EstimatorRegistry.discover().estimator("imle", oracle,
                Map.of("noise", Map.of("name", "sum-of-gamma", "k", 5), "lambda", 10.0)).seed(seed)
                .executor(SolveExecutor.parallel(threads)).build();
        DiscreteLayer layer = new DiscreteLayer(estimator);
        SequentialBlock net = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(2, 2)).optStride(new Shape(2, 2)).setFilters(4).build())
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(1).build());
        SplittableRandom rnd = new SplittableRandom(1);
        float[] x = new float[b * 3 * 64];
        float[] target = new float[b * 16];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        for (int i = 0; i < target.length; i++) {
            target[i] = rnd.nextInt(3) == 0 ? 1 : 0;
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, DataType.FLOAT32, new Shape(b, 3, 8, 8));
            ParameterStore store = new ParameterStore(manager, false);
            TorchAdam adam = new TorchAdam(net.getParameters(), 0.01);
            for (long step = 0; step < 4; step++) {
                try (NDManager sub = manager.newSubManager();
                        GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    NDArray images = sub.create(x, new Shape(b, 3, 8, 8));
                    NDArray theta = net.forward(store, new NDList(images), true).singletonOrThrow()
                            .reshape(b, 16).neg().sub(0.5f);
                    DiscreteLayer.Sample sample = layer.forward(theta, step);
                    NDArray y = sub.create(target, new Shape(b, 16));
                    NDArray loss = sample.structures().mul(y.mul(-2).add(1)).add(y).sum().div(b);
                    collector.backward(loss);
                    sample.backward(collector);
                }
                adam.step();
            }
            float[] out = net.getParameters().get(0).getValue().getArray().toFloatArray();
            adam.close();
            return out;
        }
    }
}
