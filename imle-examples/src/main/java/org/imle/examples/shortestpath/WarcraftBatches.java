package org.imle.examples.shortestpath;

import java.nio.FloatBuffer;
import org.imle.data.warcraft.WarcraftDataset;
import org.imle.djl.nn.WarcraftNetworks;
import org.imle.train.tensor.StepBuffers;
import org.imle.train.tensor.Tensor;
import org.imle.train.trainer.Dataset;

/**
 * A {@link WarcraftDataset} as training batches: images channel-first, in [0, 1] then mapped by a
 * per-channel {@link InputScaling.ChannelAffine} (the identity unless given), the labelled
 * paths and the true costs, each as a tensor with one row per map. A batch of B maps of K x K
 * cells costs O(B (8K)^2) to assemble: one table look-up a pixel and channel (the 256 values a
 * byte can take, computed once per channel with exactly the arithmetic of
 * {@link WarcraftDataset#copyImageChw} and {@link InputScaling.ChannelAffine#apply}, so the
 * pixels are the same floats). Nothing else is cached, so memory stays at the byte images.
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
    /** [c * 256 + byte]: the network's input value of a byte in colour channel c. */
    private final float[] pixelValues = new float[3 * 256];
    /** Per place of patchInputIndex for one map alone (channel 0): its pixel's byte offset; and that map's floats in tile order. */
    private int[] tileIndex;
    private float[] tileMap;

    /** Batches with pixels in [0, 1]. */
    public WarcraftBatches(WarcraftDataset data) {
        this(data, InputScaling.ChannelAffine.IDENTITY);
    }

    /** Batches with pixels in [0, 1] mapped by {@code scaling}. */
    public WarcraftBatches(WarcraftDataset data, InputScaling.ChannelAffine scaling) {
        this.data = data;
        this.scaling = scaling;
        // one pixel of plane size 1: its three channels are the entries of the array
        float[] pixel = new float[3];
        for (int v = 0; v < 256; v++) {
            java.util.Arrays.fill(pixel, v / 255f);
            if (scaling != InputScaling.ChannelAffine.IDENTITY) {
                scaling.apply(pixel, 0, 1);
            }
            for (int c = 0; c < 3; c++) {
                pixelValues[c * 256 + v] = pixel[c];
            }
        }
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
        return batch(indices, StepBuffers.floats(indices.length * 3 * data.imageSize() * data.imageSize()));
    }

    /**
     * As {@link #batch(int[])}, with the images written into {@code images} (of exactly B * 3 *
     * (8K)^2 floats), which the batch's image tensor then wraps: a training loop that reuses one
     * array allocates no image memory per step.
     *
     * @throws IllegalArgumentException for an index outside the data, or an array of another length
     */
    public Batch batch(int[] indices, float[] images) {
        int b = indices.length;
        int side = data.imageSize();
        int plane = side * side;
        int pixels = 3 * plane;
        if (images.length != b * pixels) {
            throw new IllegalArgumentException("images: " + images.length + " floats for " + b + " maps of 3 x " + side
                    + " x " + side);
        }
        Targets targets = targets(indices);
        // bytes (H, W, 3) in, floats (3, H, W) out: the conversion the DJL engine stages too
        writeImages(indices, FloatBuffer.wrap(images), false);
        return new Batch(Tensor.of(images, b, 3, side, side), targets.paths(), targets.costs());
    }

    /**
     * The labels of a batch.
     *
     * @param paths [B, K*K], 1 on the labelled path
     * @param costs [B, K*K], the true cell costs
     */
    public record Targets(Tensor paths, Tensor costs) {
    }

    /**
     * The labelled paths and true costs of the maps {@code indices}.
     *
     * @throws IllegalArgumentException for an index outside the data
     */
    public Targets targets(int[] indices) {
        int b = indices.length;
        int n = data.cells();
        float[] paths = new float[b * n];
        float[] costs = new float[b * n];
        byte[] gold = data.shortestPaths();
        float[] weights = data.vertexWeights();
        for (int r = 0; r < b; r++) {
            int map = checked(indices[r]);
            for (int i = 0; i < n; i++) {
                paths[r * n + i] = gold[map * n + i];
                costs[r * n + i] = weights[map * n + i];
            }
        }
        return new Targets(Tensor.of(paths, b, n), Tensor.of(costs, b, n));
    }

    /**
     * The images of the maps {@code indices}, the same floats as {@link #batch(int[], float[])}'s,
     * written into {@code out} from index 0 (a direct buffer that libtorch then reads in place):
     * channel-first [B, 3, 8K, 8K], or channels-last [B, 8K, 8K, 3], the order of the bytes,
     * which networks on libtorch's channels-last kernels take without a conversion.
     *
     * @throws IllegalArgumentException for an index outside the data, or a buffer too small
     */
    public void writeImages(int[] indices, FloatBuffer out, boolean channelsLast) {
        int side = data.imageSize();
        int plane = side * side;
        int pixels = 3 * plane;
        requireRoom(out, indices.length);
        byte[] maps = data.maps();
        float[] values = pixelValues;
        for (int r = 0; r < indices.length; r++) {
            int from = checked(indices[r]) * pixels;
            int to = r * pixels;
            if (channelsLast) {
                for (int p = 0; p < pixels; p += 3) {
                    out.put(to + p, values[maps[from + p] & 0xFF]);
                    out.put(to + p + 1, values[256 + (maps[from + p + 1] & 0xFF)]);
                    out.put(to + p + 2, values[512 + (maps[from + p + 2] & 0xFF)]);
                }
            } else {
                for (int p = 0; p < plane; p++) {
                    int in = from + 3 * p;
                    out.put(to + p, values[maps[in] & 0xFF]);
                    out.put(to + plane + p, values[256 + (maps[in + 1] & 0xFF)]);
                    out.put(to + 2 * plane + p, values[512 + (maps[in + 2] & 0xFF)]);
                }
            }
        }
    }

    /**
     * The images of the maps {@code indices}, the same floats as {@link #batch(int[], float[])}'s,
     * written into {@code out} from index 0 in the patch network's tile order [1, 3, 64 B K^2]
     * ({@link WarcraftNetworks#patchInputIndex}), which that network on libtorch takes without a
     * conversion.
     *
     * @throws IllegalArgumentException for an index outside the data, a buffer too small, or images
     *     that are not 8K x 8K
     */
    public void writeTiles(int[] indices, FloatBuffer out) {
        int side = data.imageSize();
        int plane = side * side;
        int pixels = 3 * plane;
        requireRoom(out, indices.length);
        int k = data.gridSize();
        if (side != 8 * k) {
            throw new IllegalArgumentException("tile order needs images of 8K x 8K pixels, got " + side + " x " + side
                    + " for a " + k + " x " + k + " grid");
        }
        int cells = k * k;
        if (tileIndex == null) {
            // per place of one map's [64, K^2] block of a channel: the offset of its pixel's bytes
            int[] index = new int[plane];
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    index[(int) WarcraftNetworks.patchInputIndex(0, y, x, 0, 1, k)] = 3 * (y * side + x);
                }
            }
            tileIndex = index;
            tileMap = new float[pixels];
        }
        int stride = indices.length * cells; // one window digit; a channel is 64 of them
        byte[] maps = data.maps();
        float[] values = pixelValues;
        float[] map = tileMap;
        int[] index = tileIndex;
        for (int r = 0; r < indices.length; r++) {
            // the map in its own tile order [3, 64, K^2], then moved to the batch's places in 192
            // runs of K^2
            int from = checked(indices[r]) * pixels;
            for (int at = 0; at < plane; at++) {
                int in = from + index[at];
                map[at] = values[maps[in] & 0xFF];
                map[at + plane] = values[256 + (maps[in + 1] & 0xFF)];
                map[at + 2 * plane] = values[512 + (maps[in + 2] & 0xFF)];
            }
            for (int w = 0; w < 3 * 64; w++) {
                out.put(w * stride + r * cells, map, w * cells, cells);
            }
        }
    }

    /** Refuses a buffer that cannot hold the images of {@code maps} maps. */
    private void requireRoom(FloatBuffer out, int maps) {
        int side = data.imageSize();
        if (out.capacity() < (long) maps * 3 * side * side) {
            throw new IllegalArgumentException("images: a buffer of " + out.capacity() + " floats for "
                    + maps + " maps of 3 x " + side + " x " + side);
        }
    }

    private int checked(int map) {
        if (map < 0 || map >= data.size()) {
            throw new IllegalArgumentException("map index " + map + " is outside 0.." + (data.size() - 1));
        }
        return map;
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
