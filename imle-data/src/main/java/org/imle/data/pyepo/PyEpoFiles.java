package org.imle.data.pyepo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.imle.data.MissingDatasetException;
import org.imle.data.npy.Npy;
import org.imle.data.npy.NpyArray;

/**
 * Reads instances in PyEPO's layout, so that a user can bring the exact instances PyEPO generated
 * ({@code np.save} of {@code genData}'s output): a directory with {@code train_x.npy} and
 * {@code test_x.npy} (N x p features), {@code train_c.npy} and {@code test_c.npy} (N x d true costs,
 * or values for the knapsack), and for the knapsack {@code weights.npy} (D x d) and
 * {@code capacity} (D numbers, as text, or {@code capacity.npy}). Any float or integer dtype is read.
 * Every error names the file: a missing one, a wrong rank, row counts or feature counts that
 * disagree, a non-finite entry.
 */
public final class PyEpoFiles {

    /**
     * One data set.
     *
     * @param trainX training features
     * @param trainC training costs or values
     * @param testX test features
     * @param testC test costs or values
     */
    public record Split(double[][] trainX, double[][] trainC, double[][] testX, double[][] testC) {
    }

    private PyEpoFiles() {
    }

    /** Reads the four arrays and checks that they agree. */
    public static Split read(Path dir) throws IOException {
        double[][] trainX = matrix(dir.resolve("train_x.npy"));
        double[][] trainC = matrix(dir.resolve("train_c.npy"));
        double[][] testX = matrix(dir.resolve("test_x.npy"));
        double[][] testC = matrix(dir.resolve("test_c.npy"));
        rows(dir, "train", trainX, trainC);
        rows(dir, "test", testX, testC);
        if (trainX[0].length != testX[0].length) {
            throw new IllegalArgumentException(dir.resolve("test_x.npy") + ": " + testX[0].length
                    + " features, train_x.npy has " + trainX[0].length);
        }
        if (trainC[0].length != testC[0].length) {
            throw new IllegalArgumentException(dir.resolve("test_c.npy") + ": " + testC[0].length
                    + " columns, train_c.npy has " + trainC[0].length);
        }
        return new Split(trainX, trainC, testX, testC);
    }

    /** {@code weights.npy}: D x d item weights. */
    public static double[][] weights(Path dir) throws IOException {
        return matrix(dir.resolve("weights.npy"));
    }

    /** {@code capacity} (whitespace- or comma-separated numbers) or {@code capacity.npy}: D capacities. */
    public static double[] capacity(Path dir) throws IOException {
        Path npy = dir.resolve("capacity.npy");
        Path text = dir.resolve("capacity");
        if (Files.exists(npy)) {
            return finite(npy, Npy.read(npy).toDoubleArray());
        }
        if (!Files.exists(text)) {
            throw new MissingDatasetException(text + ": missing (the knapsack's capacities; or capacity.npy)");
        }
        String[] fields = Files.readString(text).trim().replace("[", " ").replace("]", " ").trim().split("[\\s,]+");
        double[] c = new double[fields.length];
        for (int i = 0; i < fields.length; i++) {
            try {
                c[i] = Double.parseDouble(fields[i]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(text + ": entry " + i + " is not a number: '" + fields[i] + "'");
            }
        }
        return finite(text, c);
    }

    private static void rows(Path dir, String split, double[][] x, double[][] c) {
        if (x.length != c.length) {
            throw new IllegalArgumentException(dir.resolve(split + "_c.npy") + ": " + c.length + " rows, "
                    + split + "_x.npy has " + x.length);
        }
    }

    /** A 2-D array of finite numbers, as rows. */
    static double[][] matrix(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new MissingDatasetException(file + ": missing");
        }
        NpyArray a = Npy.read(file);
        if (a.rank() != 2 || a.dimension(0) == 0 || a.dimension(1) == 0) {
            throw new IllegalArgumentException(file + ": expected a non-empty 2-D array, got shape "
                    + NpyArray.shapeString(a.shape()));
        }
        double[] flat = finite(file, a.toDoubleArray());
        int n = a.dimension(0);
        int d = a.dimension(1);
        double[][] rows = new double[n][d];
        for (int r = 0; r < n; r++) {
            System.arraycopy(flat, r * d, rows[r], 0, d);
        }
        return rows;
    }

    private static double[] finite(Path file, double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                throw new IllegalArgumentException(file + ": entry " + i + " is " + v[i]);
            }
        }
        return v;
    }
}
