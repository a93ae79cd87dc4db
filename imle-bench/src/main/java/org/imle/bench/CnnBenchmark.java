package org.imle.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.imle.examples.shortestpath.CostNetwork;
import org.imle.train.loss.Losses;
import org.imle.train.nn.CombResNet;
import org.imle.train.nn.Module;
import org.imle.train.nn.SmallCnn;
import org.imle.train.tensor.StepBuffers;
import org.imle.train.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Forward and backward of the CombResNet, the small CNN and the patch network (the default of
 * {@code imle shortest-path}, 16 channels) on a batch of 70 images of
 * 96 x 96 x 3 (Warcraft 12 x 12 maps), in training mode, with a mean-squared-error loss on the
 * 12 x 12 output, on all cores: milliseconds per step (no optimiser update). Each step reuses the
 * activation and gradient arrays of the one before, as training does.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class CnnBenchmark {

    private static final int B = 70;
    private static final int SIDE = 96;
    private static final int GRID = 12;

    @Param({"comb-resnet", "small-cnn", "patch"})
    public String model;

    private Module network;
    private Tensor images;
    private Tensor target;

    @Setup
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(4);
        network = switch (model) {
            case "comb-resnet" -> new CombResNet(GRID, rnd);
            case "small-cnn" -> new SmallCnn(GRID, rnd);
            case "patch" -> CostNetwork.PATCH.create(GRID, 16, rnd);
            default -> throw new IllegalArgumentException("unknown model '" + model + "'");
        };
        network.train(true);
        float[] x = new float[B * 3 * SIDE * SIDE];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextDouble();
        }
        images = Tensor.of(x, B, 3, SIDE, SIDE);
        float[] t = new float[B * GRID * GRID];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) rnd.nextDouble(1, 10);
        }
        target = Tensor.of(t, B, GRID, GRID);
    }

    /** Activation and gradient arrays reused from one step to the next, as the trainer does. */
    private final StepBuffers buffers = new StepBuffers();

    @Benchmark
    public float[] forwardBackward() {
        try (StepBuffers.Scope step = buffers.step()) {
            network.zeroGrad();
            Tensor loss = Losses.mse(network.forward(images), target);
            loss.backward();
            return network.parameters().get(0).grad();
        }
    }
}
