package org.imle.djl.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.initializer.XavierInitializer;
import java.util.List;

/**
 * The networks that map Warcraft map images [B, 3, 8K, 8K] to one raw score per cell [B, K, K],
 * as imle-examples' {@code CostNetwork} builds them in imle-train: the same layers, PyTorch's
 * default initialisation (weights and the head's bias uniform on +-1/sqrt(fan-in)), batch norm with momentum 0.1
 * and eps 1e-5 in PyTorch's convention. The weights are drawn from libtorch's generator, seeded by
 * {@link org.imle.djl.DjlRuntime#start}; they differ from imle-train's, drawn from a Java generator,
 * but follow the same law. Call {@code initialize} on the returned block before use.
 */
public final class WarcraftNetworks {

    private WarcraftNetworks() {
    }

    /**
     * The patch network: three 2x2 stride-2 convolutions (to c, 2c and 2c channels, each followed
     * by batch norm and ReLU) and a 1x1 convolution with bias to one channel, so each output cell
     * sees exactly its own 8 x 8 tile.
     *
     * @param channels c, at least 1
     * @param grid K, at least 1
     */
    public static Block patch(int channels, int grid) {
        require(channels >= 1 && grid >= 1, "patch network: channels and grid must be at least 1, got " + channels
                + " and " + grid);
        SequentialBlock net = new SequentialBlock()
                .add(conv(channels, 2, 2, 0, false)).add(batchNorm()).add(Activation::relu)
                .add(conv(2 * channels, 2, 2, 0, false)).add(batchNorm()).add(Activation::relu)
                .add(conv(2 * channels, 2, 2, 0, false)).add(batchNorm()).add(Activation::relu)
                .add(headConv(2 * channels))
                .add(x -> new NDList(x.singletonOrThrow().reshape(-1, grid, grid)));
        pytorchDefault(net);
        return net;
    }

    /**
     * CombResNet, the ResNet-18 stem (7x7 stride-2 convolution to 64 channels, batch norm, ReLU,
     * 3x3 stride-2 max pooling) and its first stage (two basic residual blocks of 64 channels), max
     * pooling to the K x K grid, and the mean over channels. With 8K x 8K inputs the residual stage
     * works on 2K x 2K maps, so the pooling to K x K is exactly 2 x 2.
     *
     * @param grid K, at least 1
     */
    public static Block combResNet(int grid) {
        require(grid >= 1, "CombResNet: grid must be at least 1, got " + grid);
        SequentialBlock net = new SequentialBlock()
                .add(conv(64, 7, 2, 3, false)).add(batchNorm()).add(Activation::relu)
                .add(Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(1, 1)))
                .add(residual(64)).add(residual(64))
                .add(x -> new NDList(toGrid(x.singletonOrThrow(), grid)));
        pytorchDefault(net);
        return net;
    }

    private static NDArray toGrid(NDArray features, int grid) {
        long h = features.getShape().get(2);
        long w = features.getShape().get(3);
        if (h % grid != 0 || w % grid != 0) {
            throw new IllegalArgumentException("CombResNet: feature maps of " + h + " x " + w
                    + " do not pool evenly to " + grid + " x " + grid + " (images must be 8K x 8K)");
        }
        Shape kernel = new Shape(h / grid, w / grid);
        return Pool.maxPool2d(features, kernel, kernel, new Shape(0, 0), false).mean(new int[] {1});
    }

    /** The basic block of ResNet-18 with an identity shortcut: relu(bn(conv(relu(bn(conv(x))))) + x). */
    private static Block residual(int channels) {
        SequentialBlock main = new SequentialBlock()
                .add(conv(channels, 3, 1, 1, false)).add(batchNorm()).add(Activation::relu)
                .add(conv(channels, 3, 1, 1, false)).add(batchNorm());
        return new ParallelBlock(WarcraftNetworks::addAndRelu, List.of(main, Blocks.identityBlock()));
    }

    private static NDList addAndRelu(List<NDList> branches) {
        NDArray sum = branches.get(0).singletonOrThrow().add(branches.get(1).singletonOrThrow());
        return new NDList(Activation.relu(sum));
    }

    private static Block conv(int filters, int kernel, int stride, int padding, boolean bias) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding)).optBias(bias).build();
    }

    private static Block batchNorm() {
        // DJL's momentum is the weight of the old running statistics: 0.9 is PyTorch's 0.1
        return BatchNorm.builder().optMomentum(0.9f).optEpsilon(1e-5f).build();
    }

    /**
     * PyTorch's default for Conv2d, as imle-train's engine now draws it: weights uniform on
     * +-1/sqrt(fan-in) (kaiming_uniform with a = sqrt(5)); the one bias (the 1x1 head's) uniform on
     * the same bound, its fan-in being the head's input channels.
     */
    private static void pytorchDefault(Block net) {
        net.setInitializer(new XavierInitializer(XavierInitializer.RandomType.UNIFORM,
                XavierInitializer.FactorType.IN, 1), Parameter.Type.WEIGHT);
    }

    private static Block headConv(int inputChannels) {
        Block head = conv(1, 1, 1, 0, true);
        float bound = (float) (1 / Math.sqrt(inputChannels));
        head.setInitializer((manager, shape, type) -> manager.randomUniform(-bound, bound, shape, type),
                Parameter.Type.BIAS);
        return head;
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
