package org.imle.data.warcraft;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.imle.api.execution.SolveExecutor;
import org.imle.data.DataFormatException;
import org.imle.data.MissingDatasetException;
import org.imle.data.npy.Npy;
import org.imle.data.npy.NpyArray;
import org.imle.data.npy.NpyDtype;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarcraftFilesTest {

    private static final int K = 12;
    private static WarcraftSplits splits;

    @TempDir
    Path dir;

    @BeforeAll
    static void generate() {
        splits = new WarcraftGenerator(K, new JGraphTGridPathOracle(K))
                .generateSplits(6, 3, 4, 1, SolveExecutor.sequential());
    }

    private static void assertSame(WarcraftDataset a, WarcraftDataset b) {
        assertEquals(a.size(), b.size());
        assertEquals(a.gridSize(), b.gridSize());
        assertEquals(a.tileSize(), b.tileSize());
        assertArrayEquals(a.maps(), b.maps());
        assertArrayEquals(a.vertexWeights(), b.vertexWeights());
        assertArrayEquals(a.shortestPaths(), b.shortestPaths());
    }

    @Test
    void roundTripsAGeneratedDatasetThroughTheRealFileLayout() throws Exception {
        WarcraftFiles.writeAll(dir, splits);
        for (String split : WarcraftFiles.SPLITS) {
            assertTrue(Files.isRegularFile(dir.resolve(split + "_maps.npy")));
        }
        NpyArray maps = Npy.read(dir.resolve("train_maps.npy"));
        assertEquals(NpyDtype.UINT8, maps.dtype());
        assertArrayEquals(new int[] {6, 96, 96, 3}, maps.shape());
        NpyArray weights = Npy.read(dir.resolve("val_vertex_weights.npy"));
        assertEquals(NpyDtype.FLOAT32, weights.dtype());
        assertArrayEquals(new int[] {3, 12, 12}, weights.shape());
        assertArrayEquals(new int[] {4, 12, 12},
                Npy.readHeader(dir.resolve("test_shortest_paths.npy")).shape());
        WarcraftSplits back = WarcraftFiles.readAll(dir);
        assertSame(splits.train(), back.train());
        assertSame(splits.val(), back.val());
        assertSame(splits.test(), back.test());
    }

    @Test
    void acceptsTheLabelDtypesOfTheRealDataset() throws Exception {
        WarcraftDataset d = splits.train();
        int n = d.size();
        WarcraftFiles.write(dir, "train", d);
        double[] w64 = new double[d.vertexWeights().length];
        double[] p64 = new double[w64.length];
        long[] p8 = new long[w64.length];
        for (int i = 0; i < w64.length; i++) {
            w64[i] = d.vertexWeights()[i];
            p64[i] = d.shortestPaths()[i];
            p8[i] = d.shortestPaths()[i];
        }
        NpyArray[] weightVariants = {NpyArray.ofFloat64(w64, n, K, K),
            NpyArray.ofFloat16(d.vertexWeights(), n, K, K)};
        NpyArray[] pathVariants = {NpyArray.ofFloat64(p64, n, K, K),
            NpyArray.ofInt64(p8, n, K, K), NpyArray.ofBool(d.shortestPaths(), n, K, K),
            NpyArray.ofFloat32(NpyArray.ofFloat64(p64, n, K, K).toFloatArray(), n, K, K)};
        for (NpyArray w : weightVariants) {
            for (NpyArray p : pathVariants) {
                Npy.write(WarcraftFiles.weightsFile(dir, "train"), w);
                Npy.write(WarcraftFiles.pathsFile(dir, "train"), p);
                WarcraftDataset back = WarcraftFiles.read(dir, "train");
                assertArrayEquals(d.shortestPaths(), back.shortestPaths(), w + " " + p);
                // the terrain costs are not all exact in half precision: compare within its rounding
                for (int i = 0; i < w64.length; i++) {
                    assertEquals(w64[i], back.vertexWeights()[i], 5e-3 * w64[i]);
                }
            }
        }
    }

    private DataFormatException assertRejected(String file, String fragment) {
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> WarcraftFiles.read(dir, "train"));
        assertTrue(e.getMessage().startsWith(dir.resolve(file).toString() + ": "),
                e.getMessage());
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
        return e;
    }

    @Test
    void rejectsBadFilesNamingThem() throws Exception {
        WarcraftDataset d = splits.train();
        int n = d.size();
        WarcraftFiles.write(dir, "train", d);
        Path maps = WarcraftFiles.mapsFile(dir, "train");
        byte[] good = Files.readAllBytes(maps);
        Files.write(maps, Arrays.copyOf(good, good.length - 100));
        assertRejected("train_maps.npy", "truncated");
        Files.write(maps, Arrays.copyOf(good, 50));
        assertRejected("train_maps.npy", "truncated");
        Npy.write(maps, NpyArray.ofUint8(new byte[(n - 1) * 96 * 96 * 3], n - 1, 96, 96, 3));
        assertRejected("train_maps.npy", "expected (6, K*t, K*t, 3) with K = 12");
        Npy.write(maps, NpyArray.ofUint8(new byte[n * 100 * 100 * 3], n, 100, 100, 3));
        assertRejected("train_maps.npy", "shape (6, 100, 100, 3)");
        Npy.write(maps, NpyArray.ofFloat32(new float[n * 96 * 96 * 3], n, 96, 96, 3));
        assertRejected("train_maps.npy", "dtype '<f4', expected '|u1'");
        Files.write(maps, good);

        Path paths = WarcraftFiles.pathsFile(dir, "train");
        double[] p = new double[n * K * K];
        p[5 * K * K + 13] = 0.5;
        Npy.write(paths, NpyArray.ofFloat64(p, n, K, K));
        assertRejected("train_shortest_paths.npy", "map 5 cell (1, 1) is 0.5, expected 0 or 1");
        Npy.write(paths, NpyArray.ofUint8(new byte[n * (K + 1) * (K - 1)], n, K + 1, K - 1));
        assertRejected("train_shortest_paths.npy", "expected (6, 12, 12)");
        Npy.write(paths, NpyArray.ofUint8(d.shortestPaths(), n, K, K));

        Path weights = WarcraftFiles.weightsFile(dir, "train");
        float[] w = d.vertexWeights().clone();
        w[K * K + 2] = -1;
        Npy.write(weights, NpyArray.ofFloat32(w, n, K, K));
        assertRejected("train_vertex_weights.npy", "map 1 cell (0, 2) has weight -1.0");
        w[K * K + 2] = Float.NaN;
        Npy.write(weights, NpyArray.ofFloat32(w, n, K, K));
        assertRejected("train_vertex_weights.npy", "has weight NaN");
        Npy.write(weights, NpyArray.ofFloat32(w, n, K * K));
        assertRejected("train_vertex_weights.npy", "expected (N, K, K)");
        Files.write(weights, "not numpy at all".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertRejected("train_vertex_weights.npy", "magic");
    }

    @Test
    void missingFilesSayWhatIsExpected() throws Exception {
        WarcraftFiles.write(dir, "train", splits.train());
        Files.delete(WarcraftFiles.pathsFile(dir, "train"));
        MissingDatasetException e = assertThrows(MissingDatasetException.class,
                () -> WarcraftFiles.read(dir, "train"));
        assertTrue(e.getMessage().contains(dir + " has no train_shortest_paths.npy"),
                e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertThrows(MissingDatasetException.class, () -> WarcraftFiles.readAll(dir));
        assertThrows(IllegalArgumentException.class, () -> WarcraftFiles.mapsFile(dir, "dev"));
    }

    @Test
    void splitsOfDifferentGridSizesAreRejected() throws Exception {
        WarcraftFiles.writeAll(dir, splits);
        WarcraftDataset small = new WarcraftGenerator(5, new JGraphTGridPathOracle(5))
                .generate(2, 3, SolveExecutor.sequential());
        WarcraftFiles.write(dir, "test", small);
        DataFormatException e = assertThrows(DataFormatException.class,
                () -> WarcraftFiles.readAll(dir));
        assertTrue(e.getMessage().contains("test_vertex_weights.npy: has 5 x 5 grids"),
                e.getMessage());
    }
}
