package org.imle.solvers.matching;

import java.util.Arrays;
import org.imle.api.AbstractMapOracle;
import org.imle.api.check.Checks;

/**
 * Bipartite matching and the assignment problem on a complete {@code rows x cols} bipartite graph:
 * rows on one side, columns on the other.
 *
 * <p><b>Encoding.</b> theta and z are {@code rows x cols} matrices stored row-major:
 * {@code theta[i * cols + j]} scores matching row i to column j, and {@code z[i * cols + j]} is 1
 * when that pair is matched, else 0. A cost matrix c enters as {@code theta = -c}.
 *
 * <p><b>Problems.</b>
 * <ul>
 *   <li>{@link Mode#PERFECT}: a maximum-weight matching of maximum cardinality
 *       {@code min(rows, cols)}. When {@code rows <= cols} every row is matched exactly once and
 *       every column at most once; when {@code rows > cols} the roles swap. For a square matrix z
 *       is a permutation matrix, the structure used for learning to rank or to sort.</li>
 *   <li>{@link Mode#MAXIMUM_WEIGHT}: every row and every column at most once, and only pairs with
 *       {@code theta > 0} are ever matched; z maximises {@code <z, theta>} over all partial
 *       matchings (a pair with {@code theta == 0} is never matched).</li>
 * </ul>
 *
 * <p><b>Algorithm and complexity.</b> The Hungarian method of Kuhn (1955) in the shortest
 * augmenting path form with row and column potentials of Jonker and Volgenant (1987): one
 * Dijkstra-like phase per row of the smaller side, {@code O(s^2 * l)} time for {@code s = min(rows,
 * cols)} and {@code l = max(rows, cols)}, {@code O(rows * cols)} memory kept in a per-thread
 * workspace, so that a solve allocates nothing after the first on a thread. It works in doubles
 * with no integer scaling; every phase scans each column once, so it terminates whatever the
 * rounding. {@link Mode#MAXIMUM_WEIGHT} solves the perfect problem on {@code max(theta, 0)} and then
 * drops the pairs with {@code theta <= 0}, which never lowers the score.
 *
 * <p><b>Ties.</b> Deterministic: the smaller side is inserted in index order and each phase takes
 * the lowest-index column among equal reduced costs, so the same theta always gives the same z.
 * Among tied optimal matchings this is not necessarily the lexicographically first.
 *
 * <p>Thread-safe. References: H. W. Kuhn, The Hungarian method for the assignment problem, Naval
 * Research Logistics Quarterly 2 (1955); R. Jonker and A. Volgenant, A shortest augmenting path
 * algorithm for dense and sparse linear assignment problems, Computing 38 (1987).
 */
public final class AssignmentOracle extends AbstractMapOracle {

    /** Which matchings z ranges over. */
    public enum Mode {
        /** Matchings of cardinality {@code min(rows, cols)}; permutations when square. */
        PERFECT,
        /** All matchings; only pairs with positive theta are matched. */
        MAXIMUM_WEIGHT
    }

    private final int rows;
    private final int cols;
    private final Mode mode;
    private final boolean transposed;
    private final int small;
    private final int large;
    private final ThreadLocal<Workspace> workspaces;

    private AssignmentOracle(int rows, int cols, Mode mode) {
        super(cellCount(rows, cols));
        if (mode == null) {
            throw new IllegalArgumentException("mode is null");
        }
        this.rows = rows;
        this.cols = cols;
        this.mode = mode;
        this.transposed = rows > cols;
        this.small = Math.min(rows, cols);
        this.large = Math.max(rows, cols);
        this.workspaces = ThreadLocal.withInitial(() -> new Workspace(small, large));
    }

    private static int cellCount(int rows, int cols) {
        Checks.atLeast("rows", rows, 1);
        Checks.atLeast("cols", cols, 1);
        if ((long) rows * cols > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException("rows x cols = " + ((long) rows * cols) + " is too large");
        }
        return rows * cols;
    }

    /** Matchings of cardinality {@code min(rows, cols)}; permutation matrices when square. */
    public static AssignmentOracle perfect(int rows, int cols) {
        return new AssignmentOracle(rows, cols, Mode.PERFECT);
    }

    /** Permutation matrices of size n: the oracle for learning to rank or to sort. */
    public static AssignmentOracle permutation(int n) {
        return perfect(n, n);
    }

    /** Maximum-weight matchings in which only positive-score pairs are matched. */
    public static AssignmentOracle maximumWeight(int rows, int cols) {
        return new AssignmentOracle(rows, cols, Mode.MAXIMUM_WEIGHT);
    }

    /** An oracle of the given mode. */
    public static AssignmentOracle of(int rows, int cols, Mode mode) {
        return new AssignmentOracle(rows, cols, mode);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    public Mode mode() {
        return mode;
    }

    @Override
    protected void solveUnchecked(double[] theta, int thetaOffset, double[] z, int zOffset) {
        int n = dimension();
        Workspace w = workspaces.get();
        double[] cost = w.cost;
        // cost is small x large row-major, so the algorithm always inserts the smaller side
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                double t = theta[thetaOffset + i * cols + j];
                if (mode == Mode.MAXIMUM_WEIGHT && t < 0) {
                    t = 0;
                }
                cost[transposed ? j * large + i : i * large + j] = -t;
            }
        }
        w.run(small, large);
        Arrays.fill(z, zOffset, zOffset + n, 0.0);
        int[] owner = w.owner;
        for (int c = 1; c <= large; c++) {
            int s = owner[c];
            if (s == 0) {
                continue;
            }
            int i = transposed ? c - 1 : s - 1;
            int j = transposed ? s - 1 : c - 1;
            int k = i * cols + j;
            if (mode == Mode.MAXIMUM_WEIGHT && !(theta[thetaOffset + k] > 0)) {
                continue;
            }
            z[zOffset + k] = 1.0;
        }
    }

    @Override
    protected String describeCoordinate(int coordinate) {
        return "row " + coordinate / cols + ", col " + coordinate % cols;
    }

    /**
     * Reads a matching as the column of each row, {@code -1} for an unmatched row: the permutation
     * of a square {@link Mode#PERFECT} solution.
     *
     * @param z a structure of this oracle
     * @param columnOfRow receives rows entries
     */
    public void columnOfRow(double[] z, int[] columnOfRow) {
        Checks.length("z", z, dimension());
        if (columnOfRow == null || columnOfRow.length != rows) {
            throw new IllegalArgumentException("columnOfRow must have length " + rows);
        }
        for (int i = 0; i < rows; i++) {
            columnOfRow[i] = -1;
            for (int j = 0; j < cols; j++) {
                if (z[i * cols + j] == 1.0) {
                    columnOfRow[i] = j;
                }
            }
        }
    }

    @Override
    public String infeasibility(double[] z) {
        String len = super.infeasibility(z);
        if (len != null) {
            return len;
        }
        int ones = 0;
        int[] colCount = new int[cols];
        for (int i = 0; i < rows; i++) {
            int rowCount = 0;
            for (int j = 0; j < cols; j++) {
                double v = z[i * cols + j];
                if (v != 0.0 && v != 1.0) {
                    return "z coordinate " + (i * cols + j) + " is " + v + ", expected 0 or 1";
                }
                if (v == 1.0) {
                    rowCount++;
                    colCount[j]++;
                    ones++;
                }
            }
            if (rowCount > 1) {
                return "row " + i + " is matched " + rowCount + " times";
            }
        }
        for (int j = 0; j < cols; j++) {
            if (colCount[j] > 1) {
                return "column " + j + " is matched " + colCount[j] + " times";
            }
        }
        if (mode == Mode.PERFECT && ones != small) {
            return "a perfect matching has " + small + " pairs, z has " + ones;
        }
        return null;
    }

    @Override
    public String toString() {
        return "assignment " + rows + "x" + cols + " " + mode;
    }

    /**
     * The arrays of one thread's solves. Indices are 1-based with 0 as the virtual root, as in the
     * usual statement of the shortest augmenting path method.
     */
    private static final class Workspace {
        final double[] cost;
        final double[] rowPotential;
        final double[] colPotential;
        final double[] minReduced;
        final int[] owner;
        final int[] via;
        final boolean[] used;
        final int large;

        Workspace(int small, int large) {
            this.large = large;
            cost = new double[small * large];
            rowPotential = new double[small + 1];
            colPotential = new double[large + 1];
            minReduced = new double[large + 1];
            owner = new int[large + 1];
            via = new int[large + 1];
            used = new boolean[large + 1];
        }

        /** Minimises the cost of a matching that covers every one of the {@code small} rows. */
        void run(int small, int large) {
            Arrays.fill(rowPotential, 0.0);
            Arrays.fill(colPotential, 0.0);
            Arrays.fill(owner, 0);
            Arrays.fill(via, 0);
            for (int r = 1; r <= small; r++) {
                owner[0] = r;
                int c0 = 0;
                Arrays.fill(minReduced, Double.POSITIVE_INFINITY);
                Arrays.fill(used, false);
                do {
                    used[c0] = true;
                    int r0 = owner[c0];
                    int base = (r0 - 1) * large - 1;
                    double delta = Double.POSITIVE_INFINITY;
                    int c1 = -1;
                    double u0 = rowPotential[r0];
                    for (int c = 1; c <= large; c++) {
                        if (!used[c]) {
                            double reduced = cost[base + c] - u0 - colPotential[c];
                            if (reduced < minReduced[c]) {
                                minReduced[c] = reduced;
                                via[c] = c0;
                            }
                            if (minReduced[c] < delta || c1 < 0) {
                                delta = minReduced[c];
                                c1 = c;
                            }
                        }
                    }
                    for (int c = 0; c <= large; c++) {
                        if (used[c]) {
                            rowPotential[owner[c]] += delta;
                            colPotential[c] -= delta;
                        } else {
                            minReduced[c] -= delta;
                        }
                    }
                    c0 = c1;
                } while (owner[c0] != 0);
                do {
                    int c1 = via[c0];
                    owner[c0] = owner[c1];
                    c0 = c1;
                } while (c0 != 0);
            }
        }
    }
}
