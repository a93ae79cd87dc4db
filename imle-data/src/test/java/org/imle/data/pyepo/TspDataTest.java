package org.imle.data.pyepo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** PyEPO's TSP law: shapes, the distance part, the coordinate laws, and the feature part's mean. */
class TspDataTest {

    @Test
    void shapesAndTheDistancePart() {
        TspData.Sample s = TspData.generate(50, 5, 20, 4, 0.5, new SplittableRandom(1));
        assertEquals(50, s.x().length);
        assertEquals(5, s.x()[0].length);
        assertEquals(190, s.costs()[0].length);
        assertEquals(20, s.coordinates().length);
        for (double[] row : s.costs()) {
            for (int i = 0, e = 0; i < 20; i++) {
                for (int j = i + 1; j < 20; j++, e++) {
                    double dist = Math.hypot(s.coordinates()[i][0] - s.coordinates()[j][0],
                            s.coordinates()[i][1] - s.coordinates()[j][1]);
                    // the feature part is >= 0 for even degree
                    assertTrue(row[e] >= dist - 5e-5, "edge " + e);
                    assertEquals(row[e], Math.rint(row[e] * 1e4) / 1e4, 0.0, "4 decimals");
                }
            }
        }
        for (int i = 0; i < 10; i++) {
            assertTrue(Math.abs(s.coordinates()[i][0]) <= 2 && Math.abs(s.coordinates()[i][1]) <= 2);
        }
    }

    @Test
    void featurePartHasItsMeanAtDegreeOne() {
        // deg 1, no noise: c - dist = (Bx)/sqrt(p) + 3, mean 3, variance E[B^2] = 1/2 * 4/3 = 2/3 per feature / p * p
        int n = 4000;
        TspData.Sample s = TspData.generate(n, 4, 6, 1, 0.0, new SplittableRandom(2));
        double sum = 0;
        int count = 0;
        for (double[] row : s.costs()) {
            for (int i = 0, e = 0; i < 6; i++) {
                for (int j = i + 1; j < 6; j++, e++) {
                    sum += row[e] - Math.hypot(s.coordinates()[i][0] - s.coordinates()[j][0],
                            s.coordinates()[i][1] - s.coordinates()[j][1]);
                    count++;
                }
            }
        }
        // x is N(0, I) per instance, so the mean over 4000 instances has a standard error < 0.03
        assertEquals(3.0, sum / count, 0.1);
    }

    @Test
    void badShapesAreNamed() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> TspData.generate(1, 1, 2, 1, 0, new SplittableRandom(0))).getMessage().contains("nodes"));
    }
}
