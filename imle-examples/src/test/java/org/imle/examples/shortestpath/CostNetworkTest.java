package org.imle.examples.shortestpath;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.imle.train.nn.Module;
import org.imle.train.tensor.GradMode;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CostNetworkTest {

    private static Tensor randomImages(int b, int side, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] x = new float[b * 3 * side * side];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextDouble();
        }
        return Tensor.of(x, b, 3, side, side);
    }

    @ParameterizedTest
    @EnumSource(CostNetwork.class)
    void mapsImagesToOneScorePerCell(CostNetwork network) {
        Module net = network.create(4, 4, new SplittableRandom(1));
        Tensor out = net.forward(randomImages(2, 32, 2));
        assertArrayEquals(new int[] {2, 4, 4}, out.shape());
        assertEquals(network.label(), network.toString(), "the command line lists and parses the label");
    }

    /** Changing the pixels of one tile changes the score of that cell and of no other. */
    @Test
    void thePatchNetworkScoresEachCellFromItsOwnTileOnly() {
        Module net = CostNetwork.PATCH.create(4, 4, new SplittableRandom(1));
        net.forward(randomImages(8, 32, 3)); // one training-mode pass moves the batch-norm statistics
        net.eval();
        Tensor x = randomImages(1, 32, 4);
        float[] before;
        float[] after;
        try (GradMode.Scope s = GradMode.off()) {
            before = net.forward(x).data().clone();
            float[] d = x.data();
            int row = 2;
            int col = 1;
            for (int c = 0; c < 3; c++) {
                for (int y = 8 * row; y < 8 * row + 8; y++) {
                    for (int xx = 8 * col; xx < 8 * col + 8; xx++) {
                        d[(c * 32 + y) * 32 + xx] = 1 - d[(c * 32 + y) * 32 + xx];
                    }
                }
            }
            after = net.forward(x).data();
        }
        for (int cell = 0; cell < 16; cell++) {
            if (cell == 2 * 4 + 1) {
                assertNotEquals(before[cell], after[cell], "the changed tile's cell");
            } else {
                assertEquals(before[cell], after[cell], "cell " + cell);
            }
        }
    }

    @Test
    void thePatchNetworkRefusesImagesThatAreNotEightPixelsPerCell() {
        Module net = CostNetwork.PATCH.create(4, 4, new SplittableRandom(1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> net.forward(randomImages(1, 40, 1)));
        assertTrue(e.getMessage().contains("32 x 32"), e.getMessage());
    }
}
