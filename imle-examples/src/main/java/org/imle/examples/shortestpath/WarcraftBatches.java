package org.imle.examples.shortestpath;

import org.imle.data.warcraft.WarcraftDataset;
import org.imle.train.tensor.Tensor;
import org.imle.train.trainer.Dataset;

/**
 * A {@link WarcraftDataset} as training batches: images channel-first, in [0, 1] then mapped by a
 * per-channel {@link InputScaling.ChannelAffine} (the identity unless given), the labelled
 * paths and the true costs, each as a tensor with one row per map. A batch of B maps of K x K
 * cells costs O(B (8K)^2) to assemble; nothing is cached, so memory stays at the byte images.
 */
public final class WarcraftBatches implements Dataset<WarcraftBatches.Batch> {

    /**
     * One batch.
     *
     * @param images [B, 3, 8K, 8K]
     * @param paths [B, K*K], 1 on the labelled path
     * @param costs [B, K*K], the true cell costs
     */
    public record Batch(Tensor images, Tensor paths, Tensor costs) {

        /** B, the number of maps. */
        public int size() {
            return images.dim(0);
        }
    }

    private final WarcraftDataset data;
    private final InputScaling.ChannelAffine scaling;

    /** Batches with pixels in [0, 1]. */
    public WarcraftBatches(WarcraftDataset data) {
        this(data, InputScaling.ChannelAffine.IDENTITY);
    }

    /** Batches with pixels in [0, 1] mapped by {@code scaling}. */
    public WarcraftBatches(WarcraftDataset data, InputScaling.ChannelAffine scaling) {
        this.data = data;
        this.scaling = scaling;
    }

    public WarcraftDataset data() {
        return data;
    }

    @Override
    public int size() {
        return data.size();
    }

    @Override
    public Batch batch(int[] indices) {
        int b = indices.length;
        int side = data.imageSize();
        int pixels = 3 * side * side;
        int n = data.cells();
        float[] images = new float[b * pixels];
        float[] paths = new float[b * n];
        float[] costs = new float[b * n];
        byte[] gold = data.shortestPaths();
        float[] weights = data.vertexWeights();
        for (int r = 0; r < b; r++) {
            int map = indices[r];
            if (map < 0 || map >= data.size()) {
                throw new IllegalArgumentException("map index " + map + " is outside 0.." + (data.size() - 1));
            }
            data.copyImageChw(map, images, r * pixels);
            if (scaling != InputScaling.ChannelAffine.IDENTITY) {
                scaling.apply(images, r * pixels, side * side);
            }
            for (int i = 0; i < n; i++) {
                paths[r * n + i] = gold[map * n + i];
                costs[r * n + i] = weights[map * n + i];
            }
        }
        return new Batch(Tensor.of(images, b, 3, side, side), Tensor.of(paths, b, n), Tensor.of(costs, b, n));
    }

    /** The batch of maps {@code [from, to)} in order. */
    public Batch range(int from, int to) {
        if (from < 0 || to > data.size() || from >= to) {
            throw new IllegalArgumentException("map range [" + from + ", " + to + ") is empty or outside 0.."
                    + data.size());
        }
        int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return batch(idx);
    }
}
