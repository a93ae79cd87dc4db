package org.imle.examples.dvae;

import java.util.SplittableRandom;
import org.imle.data.idx.IdxImages;

/**
 * Grey-scale images as the VAE reads them: {@code count} images of {@code side x side} pixels
 * scaled to [0, 1], image after image, row-major, in one float array.
 *
 * @param count number of images
 * @param side pixels per row and per column
 * @param pixels {@code count * side * side} values in [0, 1]
 */
public record ImageSet(int count, int side, float[] pixels) {

    /** Checks the sizes. */
    public ImageSet {
        if (count < 0 || side < 1 || (long) count * side * side != pixels.length) {
            throw new IllegalArgumentException(count + " images of " + side + " x " + side + " need "
                    + (long) count * side * side + " pixels, got " + pixels.length);
        }
    }

    /** Pixels per image. */
    public int pixelsPerImage() {
        return side * side;
    }

    /**
     * The first {@code limit} images of an IDX stack (all of them if it has fewer), scaled by 1/255.
     *
     * @throws IllegalArgumentException if the images are not square
     */
    public static ImageSet firstOf(IdxImages images, int limit) {
        if (images.rows() != images.columns()) {
            throw new IllegalArgumentException("images are " + images.rows() + " x " + images.columns()
                    + ", expected square images");
        }
        int count = Math.min(limit, images.count());
        int n = images.pixelsPerImage();
        float[] out = new float[count * n];
        for (int i = 0; i < count; i++) {
            images.copyScaled(i, out, i * n);
        }
        return new ImageSet(count, images.rows(), out);
    }

    /**
     * Stand-in images for quick runs and tests: on a black {@code side x side} canvas, one white
     * shape drawn from the seed, a filled rectangle, a ring or a cross, with random position and
     * size, edges anti-aliased over one pixel. O(count side^2).
     */
    public static ImageSet synthetic(int count, int side, long seed) {
        if (count < 0 || side < 8) {
            throw new IllegalArgumentException("synthetic images need count >= 0 and side >= 8, got " + count
                    + " and " + side);
        }
        SplittableRandom rng = new SplittableRandom(seed);
        int n = side * side;
        float[] out = new float[count * n];
        for (int img = 0; img < count; img++) {
            int kind = rng.nextInt(3);
            double cx = side * (0.3 + 0.4 * rng.nextDouble());
            double cy = side * (0.3 + 0.4 * rng.nextDouble());
            double r = side * (0.15 + 0.15 * rng.nextDouble());
            double w = r * (0.5 + 0.5 * rng.nextDouble());
            for (int y = 0; y < side; y++) {
                for (int x = 0; x < side; x++) {
                    double dx = x + 0.5 - cx;
                    double dy = y + 0.5 - cy;
                    // signed distance outside the shape (negative inside)
                    double d;
                    if (kind == 0) {
                        d = Math.max(Math.abs(dx) - r, Math.abs(dy) - w);
                    } else if (kind == 1) {
                        d = Math.abs(Math.hypot(dx, dy) - r) - Math.max(1.0, 0.25 * r);
                    } else {
                        double bar = Math.max(1.0, 0.2 * r);
                        d = Math.min(Math.max(Math.abs(dx) - r, Math.abs(dy) - bar),
                                Math.max(Math.abs(dx) - bar, Math.abs(dy) - r));
                    }
                    out[img * n + y * side + x] = (float) Math.min(1.0, Math.max(0.0, 0.5 - d));
                }
            }
        }
        return new ImageSet(count, side, out);
    }
}
