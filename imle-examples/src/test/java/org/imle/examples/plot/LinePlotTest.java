package org.imle.examples.plot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinePlotTest {

    @Test
    void writesADecodablePngOfTheRequestedSizeAndNoTemporaryFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/plot.png");
        LinePlot.titled("t").axes("x", "y").size(320, 240).yRange(0, 3)
                .curve("a", new double[] {0, 1, 2}, new double[] {3, 2, 1}, new double[] {0.1, 0.2, 0.3})
                .curve("b", new double[] {0, 1, 2}, new double[] {1, 1, 1})
                .writePng(file);
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(bytes, 4));
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(bytes));
        assertEquals(320, image.getWidth());
        assertEquals(240, image.getHeight());
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "only the PNG, no temporary file left behind");
        }
    }

    @Test
    void badCurvesAreRejectedWithTheirName() {
        LinePlot plot = LinePlot.titled("t").curve("a", new double[] {0}, new double[] {1});
        assertEquals("curve 'a' was added twice", assertThrows(IllegalArgumentException.class,
                () -> plot.curve("a", new double[] {0}, new double[] {1})).getMessage());
        assertEquals("curve 'c' point 1 is not finite", assertThrows(IllegalArgumentException.class,
                () -> plot.curve("c", new double[] {0, 1}, new double[] {1, Double.NaN})).getMessage());
        assertEquals("curve 'd' needs x, y (and band) of one non-zero length", assertThrows(
                IllegalArgumentException.class, () -> plot.curve("d", new double[] {0, 1}, new double[] {1}))
                .getMessage());
        assertTrue(assertThrows(IllegalStateException.class, () -> LinePlot.titled("empty").toPng())
                .getMessage().contains("no curves"));
    }
}
