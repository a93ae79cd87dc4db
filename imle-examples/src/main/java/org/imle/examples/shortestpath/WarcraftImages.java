package org.imle.examples.shortestpath;

import org.imle.data.warcraft.WarcraftDataset;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.imle.api.check.Checks;
import org.imle.api.io.AtomicFile;

/**
 * Pictures of Warcraft maps for reports: a map with paths drawn over it, and a cost map as a
 * heat map, written as PNG files (atomically, so a plot is never half-written). Uses only
 * {@code java.awt} and {@code javax.imageio}, which work headless.
 */
public final class WarcraftImages {

    /**
     * A path to draw over a map.
     *
     * @param cells K*K indicators, row-major; cells with a value above 0.5 are drawn
     * @param color the colour; drawn half transparent with an opaque dot in each cell
     */
    public record Overlay(double[] cells, Color color) {
    }

    private WarcraftImages() {
    }

    /**
     * Map {@code map} of {@code data} enlarged {@code scale} times (nearest neighbour), with the
     * overlays drawn in order (later ones on top, their dots smaller so that both stay visible).
     */
    public static BufferedImage render(WarcraftDataset data, int map, int scale,
            Overlay... overlays) {
        Checks.between("map", map, 0, data.size() - 1);
        Checks.atLeast("scale", scale, 1);
        int side = data.imageSize();
        BufferedImage img = new BufferedImage(side * scale, side * scale,
                BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int rgb = data.pixel(map, y, x, 0) << 16 | data.pixel(map, y, x, 1) << 8
                        | data.pixel(map, y, x, 2);
                for (int dy = 0; dy < scale; dy++) {
                    for (int dx = 0; dx < scale; dx++) {
                        img.setRGB(x * scale + dx, y * scale + dy, rgb);
                    }
                }
            }
        }
        int k = data.gridSize();
        int cell = data.tileSize() * scale;
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            for (int o = 0; o < overlays.length; o++) {
                Overlay overlay = overlays[o];
                Checks.length("overlay " + o + " cells", overlay.cells(), k * k);
                Color c = overlay.color();
                Color fill = new Color(c.getRed(), c.getGreen(), c.getBlue(), 110);
                int dot = Math.max(2, cell / (2 + o));
                for (int i = 0; i < k * k; i++) {
                    if (overlay.cells()[i] > 0.5) {
                        int x = (i % k) * cell;
                        int y = (i / k) * cell;
                        g.setColor(fill);
                        g.fillRect(x, y, cell, cell);
                        g.setColor(c);
                        g.fillOval(x + (cell - dot) / 2, y + (cell - dot) / 2, dot, dot);
                    }
                }
            }
        } finally {
            g.dispose();
        }
        return img;
    }

    /**
     * A K x K cost map as a heat map, {@code cellPixels} per cell: dark blue for 0, through
     * green and yellow, to white for {@code maxCost} and above.
     */
    public static BufferedImage renderCosts(double[] costs, int gridSize, int cellPixels,
            double maxCost) {
        Checks.length("costs", costs, gridSize * gridSize);
        Checks.positive("maxCost", maxCost);
        Checks.atLeast("cellPixels", cellPixels, 1);
        BufferedImage img = new BufferedImage(gridSize * cellPixels, gridSize * cellPixels,
                BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < costs.length; i++) {
            double u = Double.isNaN(costs[i]) ? 0 : Math.max(0, Math.min(1, costs[i] / maxCost));
            int rgb = heat(u);
            int x0 = (i % gridSize) * cellPixels;
            int y0 = (i / gridSize) * cellPixels;
            for (int y = 0; y < cellPixels; y++) {
                for (int x = 0; x < cellPixels; x++) {
                    img.setRGB(x0 + x, y0 + y, rgb);
                }
            }
        }
        return img;
    }

    /** A colour ramp for u in [0, 1]: dark blue, teal, green, yellow, white. */
    static int heat(double u) {
        double[][] stops = {{20, 20, 90}, {30, 120, 140}, {60, 180, 70}, {240, 220, 50},
            {255, 255, 255}};
        double p = u * (stops.length - 1);
        int s = Math.min(stops.length - 2, (int) p);
        double f = p - s;
        int rgb = 0;
        for (int c = 0; c < 3; c++) {
            int v = (int) Math.round(stops[s][c] + f * (stops[s + 1][c] - stops[s][c]));
            rgb = rgb << 8 | v;
        }
        return rgb;
    }

    /** Writes {@code image} as a PNG file atomically. */
    public static void writePng(BufferedImage image, Path file) throws IOException {
        AtomicFile.write(file, out -> {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer available for " + file);
            }
        });
    }
}
