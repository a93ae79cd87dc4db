package org.imle.data.warcraft;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.imle.data.DataFormatException;
import org.imle.data.MissingDatasetException;
import org.imle.data.npy.Npy;
import org.imle.data.npy.NpyArray;
import org.imle.data.npy.NpyDtype;
import org.imle.data.npy.NpyHeader;

/**
 * Reads and writes Warcraft shortest-path data in the files of the real data set (Vlastelica et
 * al. 2020, one folder per grid size such as {@code warcraft_shortest_path_oneskin/12x12}):
 * {@code <split>_maps.npy} (N, K*t, K*t, 3) uint8, {@code <split>_vertex_weights.npy} (N, K, K)
 * and {@code <split>_shortest_paths.npy} (N, K, K), for the splits {@code train}, {@code val},
 * {@code test}.
 *
 * <p>Writing uses uint8 maps, float32 weights and uint8 paths, each file atomically. Reading
 * accepts any numeric dtype {@link Npy} reads for the weights (the real files are not all
 * float32) and bool, integer or float 0/1 values for the paths. Inconsistent shapes, a tile size
 * that does not divide the image, negative or non-finite weights or path values other than 0/1
 * give a {@link DataFormatException} naming the file; a missing file a
 * {@link MissingDatasetException} naming the folder.
 */
public final class WarcraftFiles {

    /** The split names of the real data set. */
    public static final List<String> SPLITS = List.of("train", "val", "test");

    private WarcraftFiles() {
    }

    /** {@code dir/<split>_maps.npy}. */
    public static Path mapsFile(Path dir, String split) {
        return dir.resolve(checkSplit(split) + "_maps.npy");
    }

    /** {@code dir/<split>_vertex_weights.npy}. */
    public static Path weightsFile(Path dir, String split) {
        return dir.resolve(checkSplit(split) + "_vertex_weights.npy");
    }

    /** {@code dir/<split>_shortest_paths.npy}. */
    public static Path pathsFile(Path dir, String split) {
        return dir.resolve(checkSplit(split) + "_shortest_paths.npy");
    }

    /** The nine file names of a data set folder, split by split: maps, vertex weights, shortest paths. */
    public static List<String> fileNames() {
        List<String> names = new java.util.ArrayList<>();
        for (String split : SPLITS) {
            names.add(split + "_maps.npy");
            names.add(split + "_vertex_weights.npy");
            names.add(split + "_shortest_paths.npy");
        }
        return names;
    }

    private static String checkSplit(String split) {
        if (!SPLITS.contains(split)) {
            throw new IllegalArgumentException("split must be train, val or test, got '" + split
                    + "'");
        }
        return split;
    }

    /** Writes the three files of one split into {@code dir} (created if needed). */
    public static void write(Path dir, String split, WarcraftDataset data) throws IOException {
        int n = data.size();
        int k = data.gridSize();
        int side = data.imageSize();
        Npy.write(mapsFile(dir, split), NpyArray.ofUint8(data.maps(), n, side, side, 3));
        Npy.write(weightsFile(dir, split), NpyArray.ofFloat32(data.vertexWeights(), n, k, k));
        Npy.write(pathsFile(dir, split), NpyArray.ofUint8(data.shortestPaths(), n, k, k));
    }

    /** Writes all three splits. */
    public static void writeAll(Path dir, WarcraftSplits splits) throws IOException {
        for (String split : SPLITS) {
            write(dir, split, splits.get(split));
        }
    }

    /** Reads all three splits; they must have the same grid and tile size. */
    public static WarcraftSplits readAll(Path dir) throws IOException {
        WarcraftDataset train = read(dir, "train");
        WarcraftDataset val = read(dir, "val");
        WarcraftDataset test = read(dir, "test");
        for (WarcraftDataset d : List.of(val, test)) {
            if (d.gridSize() != train.gridSize() || d.tileSize() != train.tileSize()) {
                String split = d == val ? "val" : "test";
                throw new DataFormatException(weightsFile(dir, split).toString(), "has "
                        + d.gridSize() + " x " + d.gridSize() + " grids of " + d.tileSize()
                        + " px tiles but the training split has " + train.gridSize() + " x "
                        + train.gridSize() + " of " + train.tileSize() + " px");
            }
        }
        return new WarcraftSplits(train, val, test);
    }

    /** Reads the three files of one split from {@code dir}. */
    public static WarcraftDataset read(Path dir, String split) throws IOException {
        Path mapsPath = mapsFile(dir, split);
        Path weightsPath = weightsFile(dir, split);
        Path pathsPath = pathsFile(dir, split);
        for (Path p : List.of(mapsPath, weightsPath, pathsPath)) {
            if (!Files.isRegularFile(p)) {
                throw new MissingDatasetException("Warcraft data not found: " + dir + " has no "
                        + p.getFileName() + "; pass --data DIR with the folder holding"
                        + " {train,val,test}_maps.npy, _vertex_weights.npy and"
                        + " _shortest_paths.npy (for the real data set its 12x12 folder)");
            }
        }
        NpyArray weights = Npy.read(weightsPath);
        String wName = weightsPath.toString();
        if (weights.rank() != 3 || weights.dimension(1) != weights.dimension(2)
                || weights.dimension(1) == 0) {
            throw new DataFormatException(wName, "shape " + NpyArray.shapeString(weights.shape())
                    + ", expected (N, K, K) with K > 0");
        }
        int n = weights.dimension(0);
        int k = weights.dimension(1);
        float[] w = weights.toFloatArray();
        for (int i = 0; i < w.length; i++) {
            if (!(w[i] >= 0) || Float.isInfinite(w[i])) {
                throw new DataFormatException(wName, "map " + i / (k * k) + " cell "
                        + WarcraftDataset.cellName(i % (k * k), k) + " has weight "
                        + weights.getDouble(i) + ", expected finite and >= 0");
            }
        }
        NpyArray paths = Npy.read(pathsPath);
        String pName = pathsPath.toString();
        if (paths.rank() != 3 || paths.dimension(0) != n || paths.dimension(1) != k
                || paths.dimension(2) != k) {
            throw new DataFormatException(pName, "shape " + NpyArray.shapeString(paths.shape())
                    + ", expected (" + n + ", " + k + ", " + k + ") like "
                    + weightsPath.getFileName());
        }
        byte[] z = new byte[paths.size()];
        for (int i = 0; i < z.length; i++) {
            double v = paths.getDouble(i);
            if (v != 0 && v != 1) {
                throw new DataFormatException(pName, "map " + i / (k * k) + " cell "
                        + WarcraftDataset.cellName(i % (k * k), k) + " is " + v
                        + ", expected 0 or 1");
            }
            z[i] = (byte) v;
        }
        // the maps are the big file: check its header before loading it
        String mName = mapsPath.toString();
        NpyHeader header = Npy.readHeader(mapsPath);
        int[] shape = header.shape();
        if (shape.length != 4 || shape[0] != n || shape[3] != 3 || shape[1] != shape[2]
                || shape[1] % k != 0 || shape[1] == 0) {
            throw new DataFormatException(mName, "shape " + NpyArray.shapeString(shape)
                    + ", expected (" + n + ", K*t, K*t, 3) with K = " + k + " as in "
                    + weightsPath.getFileName());
        }
        if (header.dtype() != NpyDtype.UINT8) {
            throw new DataFormatException(mName, "dtype '" + header.dtype().descr() + "'"
                    + ", expected '|u1' (RGB bytes)");
        }
        NpyArray maps = Npy.read(mapsPath);
        return new WarcraftDataset(k, shape[1] / k, maps.bytes(), w, z);
    }
}
