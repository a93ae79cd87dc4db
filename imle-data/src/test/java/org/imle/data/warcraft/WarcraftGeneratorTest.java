package org.imle.data.warcraft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.imle.api.MapOracle;
import org.imle.api.execution.SolveExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class WarcraftGeneratorTest {

    private static WarcraftGenerator generator(int k) {
        return new WarcraftGenerator(k, new JGraphTGridPathOracle(k));
    }

    @Test
    void sameSeedGivesTheSameDataForAnyThreadCount() {
        WarcraftGenerator g = generator(12);
        WarcraftDataset a = g.generate(12, 42, SolveExecutor.sequential());
        WarcraftDataset b = g.generate(12, 42, SolveExecutor.parallel(3));
        assertArrayEquals(a.maps(), b.maps());
        assertArrayEquals(a.vertexWeights(), b.vertexWeights());
        assertArrayEquals(a.shortestPaths(), b.shortestPaths());
        WarcraftDataset c = g.generate(12, 43, SolveExecutor.sequential());
        assertFalse(Arrays.equals(a.maps(), c.maps()));
        assertFalse(Arrays.equals(a.vertexWeights(), c.vertexWeights()));
        // map i does not depend on how many maps are generated
        WarcraftDataset first = g.generate(5, 42, SolveExecutor.sequential());
        assertArrayEquals(first.maps(), a.slice(0, 5).maps());
        // the splits are different streams
        WarcraftSplits s = g.generateSplits(3, 3, 3, 42, SolveExecutor.sequential());
        assertArrayEquals(a.slice(0, 3).maps(), s.train().maps());
        assertFalse(Arrays.equals(s.train().maps(), s.val().maps()));
        assertFalse(Arrays.equals(s.val().maps(), s.test().maps()));
    }

    /** Minimum path cost by Bellman-Ford relaxation, independent of Dijkstra and JGraphT. */
    static double minimumCost(float[] w, int offset, int k) {
        double[] dist = new double[k * k];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        dist[0] = w[offset];
        boolean changed = true;
        while (changed) {
            changed = false;
            for (int v = 0; v < k * k; v++) {
                for (int dr = -1; dr <= 1; dr++) {
                    for (int dc = -1; dc <= 1; dc++) {
                        int r = v / k + dr;
                        int c = v % k + dc;
                        if (r >= 0 && r < k && c >= 0 && c < k) {
                            double d = dist[r * k + c] + w[offset + v];
                            if (d < dist[v] - 1e-12) {
                                dist[v] = d;
                                changed = true;
                            }
                        }
                    }
                }
            }
        }
        return dist[k * k - 1];
    }

    /** True when the marked cells connect the two corners through 8-neighbour steps. */
    static boolean connectsCorners(byte[] z, int offset, int k) {
        boolean[] seen = new boolean[k * k];
        int[] stack = new int[k * k];
        int top = 0;
        if (z[offset] == 0) {
            return false;
        }
        stack[top++] = 0;
        seen[0] = true;
        while (top > 0) {
            int v = stack[--top];
            for (int dr = -1; dr <= 1; dr++) {
                for (int dc = -1; dc <= 1; dc++) {
                    int r = v / k + dr;
                    int c = v % k + dc;
                    if (r >= 0 && r < k && c >= 0 && c < k && !seen[r * k + c]
                            && z[offset + r * k + c] == 1) {
                        seen[r * k + c] = true;
                        stack[top++] = r * k + c;
                    }
                }
            }
        }
        return seen[k * k - 1];
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3, 5, 12, 18, 24, 30})
    void labelsAreMinimumCostPathsBetweenTheCorners(int k) {
        int n = k <= 12 ? 300 : 20;
        WarcraftDataset d = generator(k).generate(n, 7, SolveExecutor.allCores());
        assertEquals(k * WarcraftGenerator.TILE, d.imageSize());
        for (int i = 0; i < n; i++) {
            int off = i * k * k;
            assertTrue(connectsCorners(d.shortestPaths(), off, k), "map " + i);
            double best = minimumCost(d.vertexWeights(), off, k);
            // a connected set of positive-cost cells as cheap as the optimum is an optimal path
            assertEquals(best, d.optimalCost(i), 1e-9 * best, "map " + i);
            for (int c = 0; c < k * k; c++) {
                assertNotNull(Terrain.ofCost(d.vertexWeights()[off + c]));
            }
        }
    }

    @Test
    void regionsAreSpatiallyCoherentAndUseEveryTerrain() {
        WarcraftGenerator g = generator(12);
        int same = 0;
        int pairs = 0;
        int[] count = new int[Terrain.values().length];
        for (int i = 0; i < 100; i++) {
            Terrain[] t = g.terrain(5, 0, i);
            for (int r = 0; r < 12; r++) {
                for (int c = 0; c < 12; c++) {
                    count[t[r * 12 + c].ordinal()]++;
                    if (c + 1 < 12) {
                        pairs++;
                        same += t[r * 12 + c] == t[r * 12 + c + 1] ? 1 : 0;
                    }
                    if (r + 1 < 12) {
                        pairs++;
                        same += t[r * 12 + c] == t[(r + 1) * 12 + c] ? 1 : 0;
                    }
                }
            }
        }
        // independent cells with these type weights would agree on about 22% of neighbour pairs
        assertTrue(same > 0.7 * pairs, same + " of " + pairs);
        for (Terrain t : Terrain.values()) {
            assertTrue(count[t.ordinal()] > 0.05 * 14400, t + " " + count[t.ordinal()]);
        }
        WarcraftDataset d = g.generate(1, 5, SolveExecutor.sequential());
        Terrain[] t = g.terrain(5, 0, 0);
        for (int c = 0; c < 144; c++) {
            assertEquals(t[c].cost(), d.vertexWeights()[c]);
        }
    }

    @Test
    void textureDiffersByTerrainAndVariesBetweenTiles() {
        int k = 12;
        WarcraftDataset d = generator(k).generate(60, 9, SolveExecutor.allCores());
        int types = Terrain.values().length;
        double[][] sum = new double[types][3];
        double[][] sumSq = new double[types][3];
        int[] tiles = new int[types];
        double[] tileMeanSum = new double[types];
        double[] tileMeanSumSq = new double[types];
        for (int i = 0; i < d.size(); i++) {
            for (int cell = 0; cell < k * k; cell++) {
                int t = Terrain.ofCost(d.vertexWeights()[i * k * k + cell]).ordinal();
                double tileGreen = 0;
                for (int y = 0; y < 8; y++) {
                    for (int x = 0; x < 8; x++) {
                        for (int ch = 0; ch < 3; ch++) {
                            int v = d.pixel(i, cell / k * 8 + y, cell % k * 8 + x, ch);
                            sum[t][ch] += v;
                            sumSq[t][ch] += (double) v * v;
                            if (ch == 1) {
                                tileGreen += v / 64.0;
                            }
                        }
                    }
                }
                tiles[t]++;
                tileMeanSum[t] += tileGreen;
                tileMeanSumSq[t] += tileGreen * tileGreen;
            }
        }
        double[][] mean = new double[types][3];
        for (int t = 0; t < types; t++) {
            assertTrue(tiles[t] > 100, Terrain.values()[t] + " tiles " + tiles[t]);
            for (int ch = 0; ch < 3; ch++) {
                mean[t][ch] = sum[t][ch] / (64.0 * tiles[t]);
                double var = sumSq[t][ch] / (64.0 * tiles[t]) - mean[t][ch] * mean[t][ch];
                assertTrue(var > 25, "pixels of " + Terrain.values()[t] + " vary: " + var);
            }
            double m = tileMeanSum[t] / tiles[t];
            double tileVar = tileMeanSumSq[t] / tiles[t] - m * m;
            assertTrue(tileVar > 4, "tiles of " + Terrain.values()[t] + " differ: " + tileVar);
        }
        for (int a = 0; a < types; a++) {
            for (int b = a + 1; b < types; b++) {
                double dist = Math.sqrt(Math.pow(mean[a][0] - mean[b][0], 2)
                        + Math.pow(mean[a][1] - mean[b][1], 2)
                        + Math.pow(mean[a][2] - mean[b][2], 2));
                assertTrue(dist > 20, Terrain.values()[a] + " vs " + Terrain.values()[b] + ": "
                        + dist);
            }
        }
    }

    @Test
    void rejectsBadArgumentsAndInvalidOraclePaths() {
        assertThrows(IllegalArgumentException.class,
                () -> new WarcraftGenerator(1, new JGraphTGridPathOracle(1)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new WarcraftGenerator(12, new JGraphTGridPathOracle(11)));
        assertTrue(e.getMessage().contains("dimension 121, expected gridSize^2 = 144"));
        assertThrows(IllegalArgumentException.class,
                () -> generator(12).generate(-1, 1, SolveExecutor.sequential()));
        MapOracle broken = new MapOracle() {
            @Override
            public int dimension() {
                return 9;
            }

            @Override
            public void solve(double[] theta, double[] z) {
                Arrays.fill(z, 0);
                z[0] = 1;
                z[4] = 0.5;
                z[8] = 1;
            }
        };
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> new WarcraftGenerator(3, broken).generate(2, 1, SolveExecutor.sequential()));
        assertTrue(s.getMessage().contains("map 0: cell (1, 1) is 0.5"), s.getMessage());
    }
}
