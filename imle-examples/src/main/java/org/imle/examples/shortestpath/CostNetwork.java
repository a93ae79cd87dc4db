package org.imle.examples.shortestpath;

import java.util.Locale;
import java.util.SplittableRandom;
import org.imle.train.nn.BatchNorm2d;
import org.imle.train.nn.CombResNet;
import org.imle.train.nn.Conv2d;
import org.imle.train.nn.Layers;
import org.imle.train.nn.Module;
import org.imle.train.nn.Sequential;
import org.imle.train.nn.SmallCnn;
import org.imle.train.nn.WeightInit;
import org.imle.train.tensor.Shape;
import org.imle.train.tensor.Tensor;

/**
 * The networks that map a Warcraft image [B, 3, 8K, 8K] to one raw score per cell [B, K, K];
 * {@link ShortestPathExperiment} turns the scores into positive costs with a softplus.
 */
public enum CostNetwork {

    /**
     * {@link SmallCnn}: two 3x3 convolutions (the first with stride 2) with batch norm and ReLU,
     * adaptive max pooling to K x K, a 1x1 convolution. With 96 x 96 inputs each pooled cell
     * covers exactly one 8 x 8 tile, but its receptive field reaches 3 pixels into the neighbouring
     * tiles, and max pooling lets those pixels decide a cell's score.
     */
    SMALL,

    /** {@link CombResNet}, the ResNet-18 stem and first stage of the blackbox and I-MLE papers. */
    COMBRESNET,

    /**
     * A patch network: three 2x2 stride-2 convolutions (to c, 2c and 2c channels, each with batch
     * norm and ReLU) and a 1x1 convolution to one channel, so each output cell sees exactly its
     * own 8 x 8 tile and nothing of its neighbours. About 2.2 M multiply-adds per 96 x 96 image at
     * c = 16, a fifth of the small CNN. Needs images of 8K x 8K pixels. The default: on generated
     * 12 x 12 maps it learns faster and further than the small CNN (docs/EXPERIMENTS.md).
     */
    PATCH;

    /** The network for a K x K grid; {@code channels} is the width of the small and patch networks. */
    public Module create(int gridSize, int channels, SplittableRandom rng) {
        return create(gridSize, channels, WeightInit.of(rng));
    }

    /**
     * As {@link #create(int, int, SplittableRandom)}, the weights drawn from {@code init} in layer order
     * ({@link WeightInit#pytorch} gives PyTorch's weights for its seed, as the DJL engine's
     * networks have them).
     */
    public Module create(int gridSize, int channels, WeightInit init) {
        switch (this) {
            case SMALL:
                return new SmallCnn(3, channels, gridSize, init);
            case COMBRESNET:
                return new CombResNet(3, gridSize, init);
            default:
                return new PatchNet(channels, gridSize, init);
        }
    }

    /** The name on the command line: {@code small}, {@code combresnet} or {@code patch}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The label, as {@link #label()}: the command line parses and lists the networks by it. */
    @Override
    public String toString() {
        return label();
    }
}

/** The {@link CostNetwork#PATCH} network. */
final class PatchNet extends Module {

    private final int grid;
    private final Sequential layers;

    PatchNet(int channels, int grid, WeightInit init) {
        this.grid = grid;
        layers = child("layers", new Sequential(
                new Conv2d(3, channels, 2, 2, 0, false, init), new BatchNorm2d(channels), Layers.relu(),
                new Conv2d(channels, 2 * channels, 2, 2, 0, false, init), new BatchNorm2d(2 * channels), Layers.relu(),
                new Conv2d(2 * channels, 2 * channels, 2, 2, 0, false, init), new BatchNorm2d(2 * channels),
                Layers.relu(), new Conv2d(2 * channels, 1, 1, 1, 0, true, init)));
    }

    @Override
    public Tensor forward(Tensor x) {
        Shape.requireRank("PatchNet", x.shape(), 4);
        if (x.dim(2) != 8 * grid || x.dim(3) != 8 * grid) {
            throw new IllegalArgumentException("patch network: images of shape " + Shape.str(x.shape())
                    + " are not " + 8 * grid + " x " + 8 * grid + " (8 x 8 pixel tiles)");
        }
        return layers.forward(x).reshape(x.dim(0), grid, grid);
    }
}
