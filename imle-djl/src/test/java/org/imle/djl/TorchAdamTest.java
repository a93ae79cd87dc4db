package org.imle.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import java.util.List;
import java.util.SplittableRandom;
import org.imle.train.optim.Adam;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link TorchAdam} against imle-train's {@link Adam} (which matches torch.optim.Adam) step by step. */
class TorchAdamTest {

    @BeforeAll
    static void startLibtorch() {
        DjlRuntime.start(1, 7);
    }

    @Test
    void stepsAsImleTrainsAdamAndZeroesTheGradients() {
        SplittableRandom rnd = new SplittableRandom(4);
        try (NDManager manager = NDManager.newBaseManager()) {
            Linear block = Linear.builder().setUnits(3).optBias(false).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(2, 4));
            Parameter weight = block.getParameters().get("weight");
            NDArray w = weight.getArray();
            float[] c = new float[12];
            for (int i = 0; i < c.length; i++) {
                c[i] = (float) rnd.nextGaussian();
            }
            org.imle.train.nn.Parameter javaW = org.imle.train.nn.Parameter.of(w.toFloatArray(), 3, 4);
            Adam reference = new Adam(List.of(javaW), 0.05, 0.9, 0.999, 1e-8, 0.01);
            TorchAdam adam = new TorchAdam(block.getParameters(), 0.05, 0.9, 0.999, 1e-8, 0.01);
            NDArray cArray = manager.create(c, new Shape(3, 4));
            for (int step = 0; step < 5; step++) {
                try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    collector.backward(w.mul(cArray).sum().add(w.mul(w).mul(w).sum()));
                }
                reference.zeroGrad();
                Tensor jw = javaW.tensor();
                jw.mul(Tensor.of(c, 3, 4)).sum().add(jw.mul(jw).mul(jw).sum()).backward();
                adam.step();
                reference.step();
                assertArrayEquals(javaW.data(), w.toFloatArray(), 1e-6f, "step " + step);
                assertArrayEquals(new float[12], w.getGradient().toFloatArray(), 0f, "gradient zeroed");
            }
            adam.close();
        }
    }

    /**
     * With gradients as small as eps, where eps inside the bias correction (DJL's own Adam) moves
     * the weights half as far as PyTorch's formula does, the steps still follow PyTorch's.
     */
    @Test
    void keepsPyTorchsEpsilonWhereTheGradientsAreAsSmallAsIt() {
        try (NDManager manager = NDManager.newBaseManager()) {
            Linear block = Linear.builder().setUnits(2).optBias(false).build();
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            NDArray w = block.getParameters().get("weight").getArray();
            float[] c = {1e-8f, -3e-8f, 2e-9f, 5e-8f, -1e-8f, 4e-8f};
            org.imle.train.nn.Parameter javaW = org.imle.train.nn.Parameter.of(w.toFloatArray(), 2, 3);
            Adam reference = new Adam(List.of(javaW), 0.1, 0.9, 0.999, 1e-8, 0);
            TorchAdam adam = new TorchAdam(block.getParameters(), 0.1);
            NDArray cArray = manager.create(c, new Shape(2, 3));
            float[] start = w.toFloatArray();
            for (int step = 0; step < 4; step++) {
                try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                    collector.backward(w.mul(cArray).sum());
                }
                reference.zeroGrad();
                javaW.tensor().mul(Tensor.of(c, 2, 3)).sum().backward();
                adam.step();
                reference.step();
                assertArrayEquals(javaW.data(), w.toFloatArray(), 1e-6f, "step " + step);
            }
            // the weights moved by a good part of the learning rate each step: the check above has teeth
            float[] end = w.toFloatArray();
            for (int i = 0; i < end.length; i++) {
                org.junit.jupiter.api.Assertions.assertTrue(Math.abs(end[i] - start[i]) > 0.05, "weight " + i
                        + " moved " + (end[i] - start[i]));
            }
            adam.close();
        }
    }

    @Test
    void rejectsANonPositiveLearningRate() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TorchAdam(List.<Pair<String, Parameter>>of(), 0));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("need lr > 0"), e.getMessage());
    }
}
