package org.imle.examples.shortestpath;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.imle.data.warcraft.WarcraftDataset;
import org.junit.jupiter.api.Test;

class WarcraftBatchesTest {

    /** Three 2 x 2 maps of 3 x 3 tiles, every byte value present. */
    private static WarcraftDataset maps() {
        return maps(3);
    }

    private static WarcraftDataset maps(int t) {
        int k = 2;
        int size = 3;
        byte[] bytes = new byte[size * k * t * k * t * 3];
        SplittableRandom rnd = new SplittableRandom(7);
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) (i < 256 ? i : rnd.nextInt(256));
        }
        float[] weights = new float[size * k * k];
        byte[] paths = new byte[size * k * k];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = i + 0.5f;
            paths[i] = (byte) (i % 2);
        }
        return new WarcraftDataset(k, t, bytes, weights, paths);
    }

    /** The images as the dataset's own copy and the affine map make them, pixel by pixel. */
    private static float[] reference(WarcraftDataset d, InputScaling.ChannelAffine scaling, int[] idx) {
        int pixels = 3 * d.imageSize() * d.imageSize();
        float[] out = new float[idx.length * pixels];
        for (int r = 0; r < idx.length; r++) {
            d.copyImageChw(idx[r], out, r * pixels);
            scaling.apply(out, r * pixels, d.imageSize() * d.imageSize());
        }
        return out;
    }

    @Test
    void imagesAreTheSameFloatsAsTheDatasetsCopyThenTheChannelMap() {
        WarcraftDataset d = maps();
        int[] idx = {2, 0, 2, 1};
        for (InputScaling.ChannelAffine scaling : new InputScaling.ChannelAffine[] {
            InputScaling.ChannelAffine.IDENTITY,
            new InputScaling.ChannelAffine(new float[] {0.3f, 0.51f, 0.1f}, new float[] {0.25f, 0.3f, 0.7f}),
            InputScaling.STANDARDISE.fit(d)}) {
            WarcraftBatches.Batch b = new WarcraftBatches(d, scaling).batch(idx);
            // exact: the table holds the result of the same float operations
            assertArrayEquals(reference(d, scaling, idx), b.images().data(), 0f);
            assertArrayEquals(new int[] {4, 3, 6, 6}, b.images().shape());
            assertEquals(2 * 4 + 0.5f, b.costs().data()[0]);
            assertEquals(0f, b.paths().data()[0]);
        }
    }

    @Test
    void batchWritesIntoTheCallersArrayAndWrapsIt() {
        WarcraftDataset d = maps();
        WarcraftBatches batches = new WarcraftBatches(d, InputScaling.STANDARDISE.fit(d));
        float[] buffer = new float[2 * 3 * 6 * 6];
        WarcraftBatches.Batch first = batches.batch(new int[] {0, 1}, buffer);
        assertSame(buffer, first.images().data());
        float[] before = buffer.clone();
        WarcraftBatches.Batch second = batches.batch(new int[] {1, 2}, buffer);
        assertSame(buffer, second.images().data());
        assertArrayEquals(batches.batch(new int[] {1, 2}).images().data(), buffer, 0f);
        // the second map of the first batch is the first of the second
        assertArrayEquals(java.util.Arrays.copyOfRange(before, 108, 216), java.util.Arrays.copyOfRange(buffer, 0, 108),
                0f);
    }

    /**
     * The images written into a (direct) float buffer are the batch's floats: in the same order
     * channel-first, and transposed [B, 3, H, W] to [B, H, W, 3] channels-last; the targets are the
     * batch's labels.
     */
    @Test
    void writtenImagesAreTheBatchsFloatsInEitherLayout() {
        WarcraftDataset d = maps();
        WarcraftBatches batches = new WarcraftBatches(d, InputScaling.STANDARDISE.fit(d));
        int[] idx = {1, 2, 0};
        WarcraftBatches.Batch batch = batches.batch(idx);
        float[] chw = batch.images().data();
        java.nio.FloatBuffer out = java.nio.ByteBuffer.allocateDirect(4 * chw.length + 8)
                .order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
        batches.writeImages(idx, out, false);
        float[] got = new float[chw.length];
        out.get(0, got);
        assertArrayEquals(chw, got, 0f);
        batches.writeImages(idx, out, true);
        out.get(0, got);
        int side = d.imageSize();
        for (int r = 0; r < idx.length; r++) {
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < side * side; p++) {
                    assertEquals(chw[(r * 3 + c) * side * side + p], got[(r * side * side + p) * 3 + c], 0f);
                }
            }
        }
        WarcraftBatches.Targets targets = batches.targets(idx);
        assertArrayEquals(batch.paths().data(), targets.paths().data(), 0f);
        assertArrayEquals(batch.costs().data(), targets.costs().data(), 0f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> batches.writeImages(new int[] {0, 1, 2, 0}, out, true));
        assertEquals("images: a buffer of " + out.capacity() + " floats for 4 maps of 3 x 6 x 6", e.getMessage());
    }

    /**
     * The tile order is the channel-first batch's floats moved to the places
     * WarcraftNetworks.patchInputIndex gives, every place written once; images that are not 8K x 8K
     * are refused.
     */
    @Test
    void writtenTilesAreTheBatchsFloatsInThePatchNetworksOrder() {
        WarcraftDataset d = maps(8);
        WarcraftBatches batches = new WarcraftBatches(d, InputScaling.STANDARDISE.fit(d));
        int[] idx = {1, 2, 0, 1};
        float[] chw = batches.batch(idx).images().data();
        java.nio.FloatBuffer out = java.nio.ByteBuffer.allocateDirect(4 * chw.length)
                .order(java.nio.ByteOrder.nativeOrder()).asFloatBuffer();
        for (int i = 0; i < chw.length; i++) {
            out.put(i, Float.NaN);
        }
        batches.writeTiles(idx, out);
        int side = d.imageSize();
        float[] want = new float[chw.length];
        for (int r = 0; r < idx.length; r++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < side; y++) {
                    for (int x = 0; x < side; x++) {
                        long at = org.imle.djl.nn.WarcraftNetworks.patchInputIndex(c, y, x, r, idx.length, 2);
                        want[(int) at] = chw[((r * 3 + c) * side + y) * side + x];
                    }
                }
            }
        }
        float[] got = new float[chw.length];
        out.get(0, got);
        assertArrayEquals(want, got, 0f);
        WarcraftBatches small = new WarcraftBatches(maps(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> small.writeTiles(new int[] {0}, out));
        assertEquals("tile order needs images of 8K x 8K pixels, got 6 x 6 for a 2 x 2 grid", e.getMessage());
    }

    @Test
    void rejectsAnArrayOfAnotherLengthAndAnIndexOutsideTheData() {
        WarcraftBatches batches = new WarcraftBatches(maps());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> batches.batch(new int[] {0, 1}, new float[100]));
        assertEquals("images: 100 floats for 2 maps of 3 x 6 x 6", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> batches.batch(new int[] {3}));
        assertEquals("map index 3 is outside 0..2", e.getMessage());
    }
}
