package org.imle.data.idx;

/**
 * A stack of grey-scale images as an IDX file holds them (MNIST, Fashion-MNIST): {@code count}
 * images of {@code rows x columns} unsigned bytes, image after image, each row-major.
 *
 * <p>The pixel array is shared, not copied (60 000 images are 47 MB).
 *
 * @param count number of images
 * @param rows pixel rows per image
 * @param columns pixel columns per image
 * @param pixels {@code count * rows * columns} bytes, read unsigned (0 = background)
 */
public record IdxImages(int count, int rows, int columns, byte[] pixels) {

    /** Checks that the pixel array has exactly {@code count * rows * columns} entries. */
    public IdxImages {
        if (count < 0 || rows < 0 || columns < 0
                || (long) count * rows * columns != pixels.length) {
            throw new IllegalArgumentException(count + " images of " + rows + " x " + columns
                    + " need " + ((long) count * rows * columns) + " pixels, got "
                    + pixels.length);
        }
    }

    /** Pixels per image. */
    public int pixelsPerImage() {
        return rows * columns;
    }

    /** Pixel (row, column) of image {@code image}, 0..255. */
    public int pixel(int image, int row, int column) {
        return pixels[(image * rows + row) * columns + column] & 0xFF;
    }

    /**
     * Writes image {@code image} scaled to [0, 1] (pixel / 255) into
     * {@code out[offset .. offset + rows * columns)}, row-major.
     */
    public void copyScaled(int image, float[] out, int offset) {
        int n = pixelsPerImage();
        int from = image * n;
        for (int i = 0; i < n; i++) {
            out[offset + i] = (pixels[from + i] & 0xFF) / 255f;
        }
    }
}
