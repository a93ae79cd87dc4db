package org.imle.examples.shortestpath;

import org.imle.data.warcraft.JGraphTGridPathOracle;
import org.imle.data.warcraft.WarcraftDataset;
import org.imle.data.warcraft.WarcraftGenerator;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.imle.api.execution.SolveExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarcraftImagesTest {

    @TempDir
    Path dir;

    @Test
    void drawsTheMapWithPathsOverItAndWritesAPng() throws Exception {
        int k = 6;
        WarcraftDataset d = new WarcraftGenerator(k, new JGraphTGridPathOracle(k))
                .generate(2, 4, SolveExecutor.sequential());
        double[] path = new double[k * k];
        d.copyPath(1, path, 0);
        int scale = 3;
        BufferedImage img = WarcraftImages.render(d, 1, scale,
                new WarcraftImages.Overlay(path, Color.RED));
        assertEquals(k * 8 * scale, img.getWidth());
        int cell = 8 * scale;
        for (int i = 0; i < k * k; i++) {
            int x = (i % k) * cell;
            int y = (i / k) * cell;
            int corner = img.getRGB(x + 1, y + 1) & 0xFFFFFF;
            int original = d.pixel(1, (i / k) * 8, (i % k) * 8, 0) << 16
                    | d.pixel(1, (i / k) * 8, (i % k) * 8, 1) << 8
                    | d.pixel(1, (i / k) * 8, (i % k) * 8, 2);
            if (path[i] == 1) {
                // the centre dot is opaque red, the corner tinted
                assertEquals(0xFF0000, img.getRGB(x + cell / 2, y + cell / 2) & 0xFFFFFF);
                assertNotEquals(original, corner);
            } else {
                assertEquals(original, corner, "cell " + i + " is not on the path");
            }
        }
        Path png = dir.resolve("plots/map.png");
        WarcraftImages.writePng(img, png);
        BufferedImage back = ImageIO.read(png.toFile());
        assertEquals(img.getWidth(), back.getWidth());
        assertEquals(img.getRGB(5, 7), back.getRGB(5, 7));
        try (Stream<Path> files = Files.list(png.getParent())) {
            assertEquals(1, files.count(), "no temporary file left");
        }
        assertThrows(IllegalArgumentException.class, () -> WarcraftImages.render(d, 2, 1));
        assertThrows(IllegalArgumentException.class, () -> WarcraftImages.render(d, 0, 1,
                new WarcraftImages.Overlay(new double[5], Color.RED)));
    }

    @Test
    void costMapRunsFromDarkToWhite() {
        BufferedImage img = WarcraftImages.renderCosts(new double[] {0, 5, 10, 20}, 2, 4, 10);
        assertEquals(8, img.getWidth());
        assertEquals(WarcraftImages.heat(0), img.getRGB(0, 0) & 0xFFFFFF);
        assertEquals(0x14145A, img.getRGB(1, 1) & 0xFFFFFF);
        assertEquals(0xFFFFFF, img.getRGB(4, 4) & 0xFFFFFF);
        assertEquals(0xFFFFFF, img.getRGB(7, 7) & 0xFFFFFF, "clamped above maxCost");
        assertEquals(WarcraftImages.heat(0.5), img.getRGB(5, 0) & 0xFFFFFF);
    }
}
