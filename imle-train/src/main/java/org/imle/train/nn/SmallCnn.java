package org.imle.train.nn;

import java.util.SplittableRandom;
import org.imle.train.ops.Pooling;
import org.imle.train.tensor.Shape;
import org.imle.train.tensor.Tensor;

/**
 * A small convolutional network for fast runs on grid-structured images: a 3x3 stride-2
 * convolution to c channels, batch norm, ReLU; a 3x3 convolution to 2c channels, batch norm, ReLU;
 * adaptive max pooling to K x K; a 1x1 convolution to one channel. Input [B, 3, H, W], output
 * [B, K, K]. With c = 16 and 96 x 96 inputs it needs about a ninth of the multiply-adds of
 * {@link CombResNet}.
 */
public final class SmallCnn extends Module {

    private final int grid;
    private final Sequential features;
    private final Conv2d head;

    public SmallCnn(int grid, SplittableRandom rng) {
        this(3, 16, grid, rng);
    }

    public SmallCnn(int inChannels, int channels, int grid, SplittableRandom rng) {
        this(inChannels, channels, grid, WeightInit.of(rng));
    }

    /** As the other constructors, the weights drawn from {@code init} in layer order. */
    public SmallCnn(int inChannels, int channels, int grid, WeightInit init) {
        if (grid < 1 || channels < 1) {
            throw new IllegalArgumentException("grid and channels must be at least 1, got " + grid + ", " + channels);
        }
        this.grid = grid;
        features = child("features", new Sequential(
                new Conv2d(inChannels, channels, 3, 2, 1, false, init), new BatchNorm2d(channels), Layers.relu(),
                new Conv2d(channels, 2 * channels, 3, 1, 1, false, init), new BatchNorm2d(2 * channels), Layers.relu()));
        head = child("head", new Conv2d(2 * channels, 1, 1, 1, 0, true, init));
    }

    public int grid() {
        return grid;
    }

    @Override
    public Tensor forward(Tensor x) {
        Shape.requireRank("SmallCnn", x.shape(), 4);
        Tensor y = Pooling.adaptiveMaxPool2d(features.forward(x), grid, grid);
        y = head.forward(y);
        return y.reshape(x.dim(0), grid, grid);
    }
}
