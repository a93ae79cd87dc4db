package org.imle.examples.dvae;

import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.imle.api.io.AtomicFile;

/**
 * Writes grey-scale images in [0, 1] as one PNG grid (java.awt + ImageIO), written atomically
 * through {@link AtomicFile}: {@code columns} images per row, each magnified by an integer
 * factor, separated by a one-pixel grey line. O(pixels of the grid).
 */
public final class ImageGrid {

    private static final int GAP = 1;
    private static final int GAP_GREY = 128;

    private ImageGrid() {
    }

    /**
     * @param pixels {@code count * side * side} values, clamped to [0, 1] (0 black, 1 white)
     * @throws IllegalArgumentException for sizes that do not fit
     */
    public static void write(Path file, float[] pixels, int count, int side, int columns, int scale)
            throws IOException {
        if (count < 1 || side < 1 || columns < 1 || scale < 1 || (long) count * side * side != pixels.length) {
            throw new IllegalArgumentException("image grid: " + pixels.length + " pixels do not make " + count
                    + " images of " + side + " x " + side + " (columns " + columns + ", scale " + scale + ")");
        }
        int rows = (count + columns - 1) / columns;
        int cell = side * scale + GAP;
        int width = columns * cell + GAP;
        int height = rows * cell + GAP;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
        WritableRaster raster = image.getRaster();
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                raster.setSample(x, y, 0, GAP_GREY);
            }
        }
        for (int i = 0; i < count; i++) {
            int ox = GAP + (i % columns) * cell;
            int oy = GAP + (i / columns) * cell;
            for (int y = 0; y < side * scale; y++) {
                for (int x = 0; x < side * scale; x++) {
                    float v = pixels[i * side * side + (y / scale) * side + x / scale];
                    int grey = (int) Math.round(255 * Math.min(1f, Math.max(0f, v)));
                    raster.setSample(ox + x, oy + y, 0, grey);
                }
            }
        }
        AtomicFile.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available for " + file);
            }
        });
    }
}
