package org.imle.examples.shortestpath;

import java.util.Locale;
import org.imle.data.warcraft.WarcraftDataset;

/**
 * How map pixels enter the network. {@link #STANDARDISE}, the default, is what the PyTorch runs
 * of the Warcraft experiment do (torchvision's {@code Normalize} with the training set's
 * per-channel statistics); {@link #UNIT} keeps the bytes divided by 255, as this project did
 * before.
 */
public enum InputScaling {

    /** Each colour channel minus the training maps' mean, divided by their standard deviation. */
    STANDARDISE,

    /** Bytes divided by 255, in [0, 1]. */
    UNIT;

    /**
     * The per-channel affine map {@code (x - shift) / scale} of x in [0, 1] for this scaling,
     * with statistics taken from {@code train} (population standard deviation, in double).
     */
    public ChannelAffine fit(WarcraftDataset train) {
        if (this == UNIT) {
            return ChannelAffine.IDENTITY;
        }
        int side = train.imageSize();
        int plane = side * side;
        float[] chw = new float[3 * plane];
        double[] sum = new double[3];
        double[] sq = new double[3];
        for (int map = 0; map < train.size(); map++) {
            train.copyImageChw(map, chw, 0);
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < plane; p++) {
                    double v = chw[c * plane + p];
                    sum[c] += v;
                    sq[c] += v * v;
                }
            }
        }
        double count = (double) train.size() * plane;
        float[] shift = new float[3];
        float[] scale = new float[3];
        for (int c = 0; c < 3; c++) {
            double mean = sum[c] / count;
            double var = Math.max(0, sq[c] / count - mean * mean);
            shift[c] = (float) mean;
            // a constant channel carries nothing; leave it centred rather than divide by zero
            scale[c] = var > 1e-12 ? (float) Math.sqrt(var) : 1f;
        }
        return new ChannelAffine(shift, scale);
    }

    /** The name on the command line: {@code standardise} or {@code unit}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return label();
    }

    /**
     * {@code (x - shift[c]) / scale[c]} for channel c of a [B, 3, H, W] image batch.
     *
     * @param shift three values subtracted
     * @param scale three positive divisors
     */
    public record ChannelAffine(float[] shift, float[] scale) {

        /** Leaves the pixels as they are. */
        public static final ChannelAffine IDENTITY = new ChannelAffine(new float[] {0, 0, 0},
                new float[] {1, 1, 1});

        /** Applies the map in place to {@code b} images of {@code plane} pixels a channel from {@code offset}. */
        public void apply(float[] chw, int offset, int plane) {
            for (int c = 0; c < 3; c++) {
                float s = shift[c];
                float inv = 1f / scale[c];
                int base = offset + c * plane;
                for (int p = 0; p < plane; p++) {
                    chw[base + p] = (chw[base + p] - s) * inv;
                }
            }
        }
    }
}
