package org.imle.data.warcraft;

import org.imle.api.check.Checks;

/**
 * A Warcraft shortest-path data set (Vlastelica et al. 2020) in memory, laid out exactly as its
 * NumPy files: {@code maps} (N, K*t, K*t, 3) RGB bytes, {@code vertexWeights} (N, K, K) the true
 * cost of entering each cell, {@code shortestPaths} (N, K, K) 1 on the cells of a minimum-cost
 * 8-neighbourhood path from the top-left to the bottom-right cell, whose cost counts both end
 * cells. K is the grid size, t the tile size in pixels (8 in the real and the generated data).
 *
 * <p>All arrays are flat, row-major (C order) and shared, not copied; the dataset does not change
 * them. The copy methods write one map into a caller-owned array in the forms a model wants.
 */
public final class WarcraftDataset {

    private final int size;
    private final int gridSize;
    private final int tileSize;
    private final byte[] maps;
    private final float[] vertexWeights;
    private final byte[] shortestPaths;

    /**
     * Wraps the three arrays after checking their lengths against each other, that weights are
     * finite and non-negative and that path entries are 0 or 1.
     *
     * @throws IllegalArgumentException naming the array, map and cell at fault
     */
    public WarcraftDataset(int gridSize, int tileSize, byte[] maps, float[] vertexWeights,
            byte[] shortestPaths) {
        Checks.atLeast("gridSize", gridSize, 1);
        Checks.atLeast("tileSize", tileSize, 1);
        int cells = gridSize * gridSize;
        if (vertexWeights.length % cells != 0) {
            throw new IllegalArgumentException("vertexWeights has length " + vertexWeights.length
                    + ", not a multiple of " + gridSize + " x " + gridSize);
        }
        this.size = vertexWeights.length / cells;
        long pixels = (long) size * cells * tileSize * tileSize * 3;
        if (maps.length != pixels) {
            throw new IllegalArgumentException("maps has length " + maps.length + ", expected "
                    + pixels + " for " + size + " maps of " + gridSize * tileSize + " x "
                    + gridSize * tileSize + " x 3");
        }
        if (shortestPaths.length != vertexWeights.length) {
            throw new IllegalArgumentException("shortestPaths has length " + shortestPaths.length
                    + ", expected " + vertexWeights.length);
        }
        for (int i = 0; i < vertexWeights.length; i++) {
            if (!(vertexWeights[i] >= 0) || Float.isInfinite(vertexWeights[i])) {
                throw new IllegalArgumentException("vertexWeights of map " + i / cells + " cell "
                        + cellName(i % cells, gridSize) + " is " + vertexWeights[i]
                        + ", expected finite and >= 0");
            }
            if (shortestPaths[i] != 0 && shortestPaths[i] != 1) {
                throw new IllegalArgumentException("shortestPaths of map " + i / cells + " cell "
                        + cellName(i % cells, gridSize) + " is " + shortestPaths[i]
                        + ", expected 0 or 1");
            }
        }
        this.gridSize = gridSize;
        this.tileSize = tileSize;
        this.maps = maps;
        this.vertexWeights = vertexWeights;
        this.shortestPaths = shortestPaths;
    }

    static String cellName(int cell, int gridSize) {
        return "(" + cell / gridSize + ", " + cell % gridSize + ")";
    }

    /** Number of maps N. */
    public int size() {
        return size;
    }

    /** Cells per side K. */
    public int gridSize() {
        return gridSize;
    }

    /** Pixels per tile side t. */
    public int tileSize() {
        return tileSize;
    }

    /** Pixels per image side, K * t. */
    public int imageSize() {
        return gridSize * tileSize;
    }

    /** Cells per map, K * K: the dimension of the path oracle. */
    public int cells() {
        return gridSize * gridSize;
    }

    /** The RGB bytes, (N, K*t, K*t, 3) row-major, read unsigned. Shared. */
    public byte[] maps() {
        return maps;
    }

    /** The true cell costs, (N, K, K) row-major. Shared. */
    public float[] vertexWeights() {
        return vertexWeights;
    }

    /** The optimal paths, (N, K, K) row-major, 0 or 1. Shared. */
    public byte[] shortestPaths() {
        return shortestPaths;
    }

    /** Channel {@code channel} of pixel (row, column) of map {@code map}, 0..255. */
    public int pixel(int map, int row, int column, int channel) {
        int side = imageSize();
        return maps[((map * side + row) * side + column) * 3 + channel] & 0xFF;
    }

    /** Writes map {@code map} as (H, W, 3) floats in [0, 1] into {@code out} from {@code offset}. */
    public void copyImageHwc(int map, float[] out, int offset) {
        int n = imageSize() * imageSize() * 3;
        Checks.range("out", out.length, offset, n);
        int from = map * n;
        for (int i = 0; i < n; i++) {
            out[offset + i] = (maps[from + i] & 0xFF) / 255f;
        }
    }

    /**
     * Writes map {@code map} channel-first, (3, H, W) floats in [0, 1], into {@code out} from
     * {@code offset}: the layout of convolution layers.
     */
    public void copyImageChw(int map, float[] out, int offset) {
        int plane = imageSize() * imageSize();
        Checks.range("out", out.length, offset, 3 * plane);
        int from = map * plane * 3;
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < 3; c++) {
                out[offset + c * plane + p] = (maps[from + p * 3 + c] & 0xFF) / 255f;
            }
        }
    }

    /** Writes the K*K true costs of map {@code map} into {@code out} from {@code offset}. */
    public void copyCosts(int map, double[] out, int offset) {
        int n = cells();
        Checks.range("out", out.length, offset, n);
        for (int i = 0; i < n; i++) {
            out[offset + i] = vertexWeights[map * n + i];
        }
    }

    /** Writes the 0/1 optimal path of map {@code map} into {@code out} from {@code offset}. */
    public void copyPath(int map, double[] out, int offset) {
        int n = cells();
        Checks.range("out", out.length, offset, n);
        for (int i = 0; i < n; i++) {
            out[offset + i] = shortestPaths[map * n + i];
        }
    }

    /**
     * The true cost of a path given as K*K cell indicators at {@code z[offset ..]}: the sum of the
     * costs of the cells with {@code z > 0.5}, both end cells included.
     */
    public double pathCost(int map, double[] z, int offset) {
        int n = cells();
        Checks.range("z", z.length, offset, n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (z[offset + i] > 0.5) {
                sum += vertexWeights[map * n + i];
            }
        }
        return sum;
    }

    /** The cost of the labelled optimal path of map {@code map}. */
    public double optimalCost(int map) {
        int n = cells();
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (shortestPaths[map * n + i] != 0) {
                sum += vertexWeights[map * n + i];
            }
        }
        return sum;
    }

    /** Maps {@code [from, to)} as a new data set (copies). */
    public WarcraftDataset slice(int from, int to) {
        if (from < 0 || to > size || from > to) {
            throw new IllegalArgumentException("slice [" + from + ", " + to + ") is outside 0.."
                    + size);
        }
        int n = cells();
        int px = imageSize() * imageSize() * 3;
        return new WarcraftDataset(gridSize, tileSize,
                java.util.Arrays.copyOfRange(maps, from * px, to * px),
                java.util.Arrays.copyOfRange(vertexWeights, from * n, to * n),
                java.util.Arrays.copyOfRange(shortestPaths, from * n, to * n));
    }

    @Override
    public String toString() {
        return "WarcraftDataset[" + size + " maps of " + gridSize + " x " + gridSize + " cells, "
                + tileSize + " px tiles]";
    }
}
