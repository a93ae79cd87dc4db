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
 * The networks that map Warcraft map images [B, 3, 8K, 8K] to one raw score per cell [B, K, K]
 * (the patch network takes the same images in tile order, {@link #patchInputIndex}),
 * as imle-examples' {@code CostNetwork} builds them in imle-train: the same layers, PyTorch's
 * default initialisation (weights and the head's bias uniform on +-1/sqrt(fan-in)), batch norm with momentum 0.1
 * and eps 1e-5 in PyTorch's convention. The weights are drawn from libtorch's generator, seeded by
 * {@link org.imle.djl.DjlRuntime#start}, in PyTorch's order: they are the weights PyTorch builds
 * after {@code torch.manual_seed(seed)}, which imle-train's {@code WeightInit.pytorch(seed)} also
 * draws, so the two engines' networks of one seed start equal. Call {@code initialize} on the returned block before use.
 */
public final class WarcraftNetworks {

    private WarcraftNetworks() {
    }

    /**
     * The patch network: three 2x2 stride-2 convolutions (to c, 2c and 2c channels, each followed
     * by batch norm and ReLU) and a 1x1 convolution with bias to one channel, so each output cell
     * sees exactly its own 8 x 8 tile.
     *
     * <p>The block takes its images in tile order, [1, 3, 64 B K^2] ({@link #patchInputIndex};
     * {@link #toPatchInput} converts [B, 3, 8K, 8K]), and returns [B, K, K]. In that order every
     * convolution is one matrix product of its flattened weight with a view of its input, and every
     * batch norm reads each channel as one contiguous run ({@link TiledConv}): the same parameters
     * (shapes, names, initialisation) and the same numbers up to float rounding as
     * {@link #patchConvolutional}, in less time on libtorch's CPU kernels (docs/BENCHMARKS.md).
     *
     * @param channels c, at least 1
     * @param grid K, at least 1
     */
    public static Block patch(int channels, int grid) {
        require(channels >= 1 && grid >= 1, "patch network: channels and grid must be at least 1, got " + channels
                + " and " + grid);
        SequentialBlock net = new SequentialBlock()
                .add(new TiledConv(channels, 2, false)).add(batchNorm()).add(Activation::relu)
                .add(new TiledConv(2 * channels, 2, false)).add(batchNorm()).add(Activation::relu)
                .add(new TiledConv(2 * channels, 2, false)).add(batchNorm()).add(Activation::relu)
                .add(tiledHead(2 * channels))
                .add(x -> new NDList(x.singletonOrThrow().reshape(-1, grid, grid)));
        pytorchDefault(net);
        return net;
    }

    /**
     * The patch network of {@link #patch} with libtorch's convolutions on channel-first images
     * [B, 3, 8K, 8K]: the reference of the tiled form's tests, and for images already on libtorch
     * in that layout.
     *
     * @param channels c, at least 1
     * @param grid K, at least 1
     */
    public static Block patchConvolutional(int channels, int grid) {
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
     * Where {@link #patch}'s input holds colour {@code channel} of pixel ({@code row}, {@code col})
     * of image {@code map} of {@code maps}: with {@code row = 8i + 4 a3 + 2 a2 + a1} and {@code col =
     * 8j + 4 b3 + 2 b2 + b1} (tile (i, j), and the pixel's place in the 2 x 2 windows of the first,
     * second and third convolution), the index is
     * {@code ((channel 4 + a1 2 + b1) 4 + a2 2 + b2) 4 + a3 2 + b3} times {@code maps K^2}, plus
     * {@code map K^2 + i K + j}: each convolution's window position is the outermost digit of its
     * input's pixel index.
     *
     * @throws IllegalArgumentException for a coordinate outside the images
     */
    public static long patchInputIndex(int channel, int row, int col, int map, int maps, int grid) {
        int side = 8 * grid;
        if (channel < 0 || channel > 2 || row < 0 || row >= side || col < 0 || col >= side || map < 0
                || map >= maps) {
            throw new IllegalArgumentException("patch input: channel " + channel + ", pixel (" + row + ", " + col
                    + "), map " + map + " is outside 3 x " + side + " x " + side + " x " + maps);
        }
        long cells = (long) grid * grid;
        int window = channel;
        for (int level = 0; level < 3; level++) { // a1 b1 (first convolution) to a3 b3 (third)
            window = window * 4 + ((row >> level) & 1) * 2 + ((col >> level) & 1);
        }
        return window * (maps * cells) + map * cells + (row >> 3) * (long) grid + (col >> 3);
    }

    /**
     * Channel-first images [B, 3, 8K, 8K] in {@link #patch}'s input order [1, 3, 64 B K^2] (a copy
     * on libtorch; a caller that writes the images itself can write them in this order at once).
     *
     * @throws IllegalArgumentException if the images are not [B, 3, 8K, 8K]
     */
    public static NDArray toPatchInput(NDArray images) {
        Shape s = images.getShape();
        if (s.dimension() != 4 || s.get(1) != 3 || s.get(2) != s.get(3) || s.get(2) % 8 != 0) {
            throw new IllegalArgumentException("patch input: images must be [B, 3, 8K, 8K], got " + s);
        }
        long b = s.get(0);
        long k = s.get(2) / 8;
        // [B, c, i, a3, a2, a1, j, b3, b2, b1] to [c, a1, b1, a2, b2, a3, b3, B, i, j]
        return images.reshape(b, 3, k, 2, 2, 2, k, 2, 2, 2).transpose(1, 5, 9, 4, 8, 3, 7, 0, 2, 6)
                .reshape(1, 3, -1);
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
        return withHeadBias(conv(1, 1, 1, 0, true), inputChannels);
    }

    private static Block withHeadBias(Block head, int inputChannels) {
        float bound = (float) (1 / Math.sqrt(inputChannels));
        head.setInitializer((manager, shape, type) -> manager.randomUniform(-bound, bound, shape, type),
                Parameter.Type.BIAS);
        return head;
    }

    private static Block tiledHead(int inputChannels) {
        return withHeadBias(new TiledConv(1, 1, true), inputChannels);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
