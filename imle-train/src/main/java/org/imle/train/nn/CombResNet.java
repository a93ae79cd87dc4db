package org.imle.train.nn;

import java.util.SplittableRandom;
import org.imle.train.ops.Pooling;
import org.imle.train.tensor.Shape;
import org.imle.train.tensor.Tensor;

/**
 * The "CombResNet" of the Warcraft shortest-path experiments (Vlastelica et al., ICLR 2020;
 * Niepert et al., NeurIPS 2021): the ResNet-18 stem (7x7 stride-2 convolution to 64 channels,
 * batch norm, ReLU, 3x3 stride-2 max pooling) and its first residual stage (two
 * {@link ResidualBlock}s of 64 channels), adaptive max pooling to the K x K grid, and the mean over
 * channels as the single output channel.
 *
 * <p>Input [B, 3, H, W] (channels first; Warcraft maps of K x K tiles of 8 x 8 pixels have
 * H = W = 8K); output [B, K, K], one score per cell. For 96 x 96 inputs the feature maps are 48 x
 * 48 after the stem convolution and 24 x 24 in the residual stage; about 0.16 M parameters.
 */
public final class CombResNet extends Module {

    private final int grid;
    private final Sequential stem;
    private final Sequential layer1;

    public CombResNet(int grid, SplittableRandom rng) {
        this(3, grid, rng);
    }

    public CombResNet(int inChannels, int grid, SplittableRandom rng) {
        this(inChannels, grid, WeightInit.of(rng));
    }

    /** As the other constructors, the weights drawn from {@code init}: the stem's, then each block's. */
    public CombResNet(int inChannels, int grid, WeightInit init) {
        if (grid < 1) {
            throw new IllegalArgumentException("grid must be at least 1, got " + grid);
        }
        this.grid = grid;
        stem = child("stem", new Sequential(new Conv2d(inChannels, 64, 7, 2, 3, false, init),
                new BatchNorm2d(64), Layers.relu(), Layers.maxPool2d(3, 2, 1)));
        layer1 = child("layer1", new Sequential(new ResidualBlock(64, 64, 1, init), new ResidualBlock(64, 64, 1, init)));
    }

    /** K, the side of the output grid. */
    public int grid() {
        return grid;
    }

    @Override
    public Tensor forward(Tensor x) {
        Shape.requireRank("CombResNet", x.shape(), 4);
        Tensor y = layer1.forward(stem.forward(x));
        return Pooling.adaptiveMaxPool2d(y, grid, grid).mean(1, false);
    }
}
