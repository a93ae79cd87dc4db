package org.imle.examples.shortestpath;

import org.imle.data.warcraft.WarcraftDataset;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** {@link PathMetrics} on hand-made 3 x 3 maps whose scores are worked out by hand. */
class PathMetricsTest {

    /**
     * Two 3 x 3 maps. Map 0: every cell costs 1 except the centre, 5; the labelled path is the top
     * row and the right column (cost 5); the path down the left column and along the bottom row
     * costs the same. Map 1: all cells cost 2 except (1, 1) = 1; the label is the diagonal (cost 5).
     */
    private static WarcraftDataset maps() {
        float[] w = {
            1, 1, 1,
            1, 5, 1,
            1, 1, 1,
            2, 2, 2,
            2, 1, 2,
            2, 2, 2};
        byte[] gold = {
            1, 1, 1,
            0, 0, 1,
            0, 0, 1,
            1, 0, 0,
            0, 1, 0,
            0, 0, 1};
        return new WarcraftDataset(3, 1, new byte[2 * 9 * 3], w, gold);
    }

    private static double[] rows(double[]... maps) {
        double[] out = new double[maps.length * 9];
        for (int m = 0; m < maps.length; m++) {
            System.arraycopy(maps[m], 0, out, 9 * m, 9);
        }
        return out;
    }

    private static final double[] TOP_RIGHT = {1, 1, 1, 0, 0, 1, 0, 0, 1};
    private static final double[] LEFT_BOTTOM = {1, 0, 0, 1, 0, 0, 1, 1, 1};
    private static final double[] DIAGONAL = {1, 0, 0, 0, 1, 0, 0, 0, 1};

    @Test
    void labelledPathsScorePerfectly() {
        PathMetrics.Scores s = PathMetrics.score(maps(), rows(TOP_RIGHT, DIAGONAL));
        assertEquals(1.0, s.costOptimal());
        assertEquals(1.0, s.exactMatch());
        assertEquals(1.0, s.cellAccuracy());
        assertEquals(0.0, s.regret());
    }

    @Test
    void anotherPathOfTheOptimalCostIsCostOptimalButNoExactMatch() {
        // map 0: 5 = 5, but the two paths share only the corners: 6 of the 9 cells differ
        PathMetrics.Scores s = PathMetrics.score(maps(), rows(LEFT_BOTTOM, DIAGONAL));
        assertEquals(1.0, s.costOptimal());
        assertEquals(0.5, s.exactMatch());
        assertEquals((3 + 9) / 18.0, s.cellAccuracy(), 1e-12);
        assertEquals(0.0, s.regret());
    }

    @Test
    void costlierPathsHaveTheirRelativeRegret() {
        // map 0 through the centre: 1 + 1 + 5 + 1 + 1 = 9 against 5; map 1 via the top row: 10 against 5
        double[] viaCentre = {1, 0, 0, 1, 1, 1, 0, 0, 1};
        double[] topRow = {1, 1, 1, 0, 0, 1, 0, 0, 1};
        PathMetrics.Scores s = PathMetrics.score(maps(), rows(viaCentre, topRow));
        assertEquals(0.0, s.costOptimal());
        assertEquals(0.0, s.exactMatch());
        // map 0: differs at (0,1), (0,2), (1,0), (1,1) -> 5 right; map 1: differs at 4 cells -> 5 right
        assertEquals(10 / 18.0, s.cellAccuracy(), 1e-12);
        assertEquals(((9 - 5) / 5.0 + (10 - 5) / 5.0) / 2, s.regret(), 1e-12);
    }

    @Test
    void costOptimalAllowsARelativeToleranceOfOneInTenThousand() {
        // the labelled diagonal costs 1001, so the tolerance is 0.1001: a detour through a cell of
        // cost 0.05 is within it, one through a cell of cost 0.2 is not
        float[] w = {1000, 0.05f, 0.2f, 1};
        byte[] gold = {1, 0, 0, 1};
        WarcraftDataset d = new WarcraftDataset(2, 1, new byte[4 * 3], w, gold);
        PathMetrics.Scores within = PathMetrics.score(d, new double[] {1, 1, 0, 1});
        assertEquals(1.0, within.costOptimal());
        assertEquals(0.0, within.exactMatch());
        assertEquals(0.05f / 1001.0, within.regret(), 1e-9);
        PathMetrics.Scores beyond = PathMetrics.score(d, new double[] {1, 0, 1, 1});
        assertEquals(0.0, beyond.costOptimal());
        assertEquals(0.2f / 1001.0, beyond.regret(), 1e-9);
    }

    @Test
    void badShapesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PathMetrics.score(maps(), new double[17]));
    }
}
