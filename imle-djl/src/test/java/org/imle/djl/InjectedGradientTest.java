package org.imle.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.Map;
import java.util.SplittableRandom;
import org.imle.api.GradientEstimator;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.registry.EstimatorRegistry;
import org.imle.solvers.shortestpath.GridShortestPathOracle;
import org.imle.solvers.shortestpath.NegativeCostPolicy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The second backward call of {@link DiscreteLayer} through a small convolutional network with
 * batch norm, in float64: every parameter's gradient is the derivative of {@code sum(theta * g)},
 * with g the estimator's dL/dtheta, by central finite differences.
 */
class InjectedGradientTest {

    @BeforeAll
    static void startLibtorch() {
        DjlRuntime.start(2, 7);
    }

    @Test
    void parameterGradientsAreFiniteDifferencesOfThetaTimesTheEstimatorsGradient() {
        int b = 4;
        GridShortestPathOracle oracle = new GridShortestPathOracle(3, 3, 8, 0, 0, 2, 2, NegativeCostPolicy.CLAMP, 0.0);
        GradientEstimator estimator = (GradientEstimator) EstimatorRegistry.discover().estimator("imle", oracle,
                Map.of("noise", "gumbel", "samples", 2, "lambda", 3.0)).seed(3).executor(SolveExecutor.sequential())
                .build();
        SequentialBlock net = new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(3).build())
                .add(BatchNorm.builder().build())
                .add(Activation::relu)
                .add(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(1).build());
        SplittableRandom rnd = new SplittableRandom(8);
        double[] x = new double[b * 2 * 9];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, DataType.FLOAT64, new Shape(b, 2, 3, 3));
            ParameterStore store = new ParameterStore(manager, false);
            NDArray input = manager.create(x, new Shape(b, 2, 3, 3));
            DiscreteLayer layer = new DiscreteLayer(estimator);
            double[] g;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                NDArray theta = net.forward(store, new NDList(input), true).singletonOrThrow().reshape(b, 9).sub(2);
                DiscreteLayer.Sample sample = layer.forward(theta, 1);
                NDArray loss = sample.structures().mul(manager.arange(18 * b).toType(DataType.FLOAT64, false).reshape(2 * b, 9).sin()).sum();
                collector.backward(loss);
                double[] dz = sample.structures().getGradient().toDoubleArray();
                g = sample.pass().backward(dz);
                sample.backward(collector);
            }
            NDArray gArray = manager.create(g, new Shape(b, 9));
            int compared = 0;
            for (Pair<String, Parameter> p : net.getParameters()) {
                if (!p.getValue().requiresGradient()) {
                    continue;
                }
                NDArray w = p.getValue().getArray();
                double[] grad = w.getGradient().toDoubleArray();
                double[] values = w.toDoubleArray();
                for (int i = 0; i < values.length; i += Math.max(1, values.length / 5)) {
                    double h = 1e-6;
                    double[] plus = values.clone();
                    plus[i] += h;
                    double[] minus = values.clone();
                    minus[i] -= h;
                    w.set(plus);
                    double fPlus = objective(net, store, input, gArray, b);
                    w.set(minus);
                    double fMinus = objective(net, store, input, gArray, b);
                    w.set(values);
                    double fd = (fPlus - fMinus) / (2 * h);
                    assertEquals(fd, grad[i], 1e-6 * (1 + Math.abs(fd)), p.getKey() + " entry " + i);
                    compared++;
                }
            }
            assertTrue(compared >= 10, "entries compared: " + compared);
            assertTrue(java.util.Arrays.stream(g).anyMatch(v -> v != 0), "the estimator must give a gradient");
        }
    }

    private static double objective(SequentialBlock net, ParameterStore store, NDArray input, NDArray g, int b) {
        NDArray theta = net.forward(store, new NDList(input), true).singletonOrThrow().reshape(b, 9).sub(2);
        return theta.mul(g).sum().getDouble();
    }
}
