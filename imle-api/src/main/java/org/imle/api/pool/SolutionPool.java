package org.imle.api.pool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.imle.api.check.Checks;

/**
 * A growing set of distinct solutions of one problem, in the order they joined.
 *
 * <p><b>Two stages.</b> {@link #add} puts a solution in a pending set, safe from any thread;
 * {@link #commit()} moves the pending solutions into the pool in lexicographic order of their
 * vectors, skipping those already present. Readers see only committed solutions
 * ({@link #snapshot()}), so what a training step reads does not depend on the thread count or on
 * which solve finished first, and ties between pooled solutions go to the lowest index.
 *
 * <p>Cost: {@link #add} is {@code O(n log |pending|)}; {@link #commit()} copies the array of row
 * references; memory is {@code O(|pool| n)} doubles, every distinct solution being kept, as
 * Mulamba et al. (2021) and PyEPO keep theirs.
 *
 * <p>Thread-safety: {@link #add} and {@link #snapshot()} may run concurrently with each other;
 * {@link #commit()} must not run while a batch is being solved (training calls it between batches).
 */
public final class SolutionPool {

    private final int n;
    private final Set<Solution> members = new HashSet<>();
    private final TreeSet<Solution> pending = new TreeSet<>();
    private volatile double[][] committed = new double[0][];

    private SolutionPool(int n) {
        this.n = Checks.atLeast("solution length", n, 1);
    }

    /** An empty pool of solutions of length n. */
    public static SolutionPool of(int n) {
        return new SolutionPool(n);
    }

    /** n, the length of a solution. */
    public int dimension() {
        return n;
    }

    /**
     * Adds {@code z[offset .. offset + n)} (copied) to the pending solutions.
     *
     * @throws IllegalArgumentException if the range does not fit or an entry is not finite
     */
    public void add(double[] z, int offset) {
        Checks.range("solution", z.length, offset, n);
        double[] copy = Arrays.copyOfRange(z, offset, offset + n);
        Checks.finite("solution", copy);
        Solution s = new Solution(copy);
        synchronized (pending) {
            pending.add(s);
        }
    }

    /**
     * Adds known feasible solutions (such as the optimal solutions of the training instances).
     *
     * @throws IllegalArgumentException naming the row with a wrong length or a non-finite entry
     */
    public void addAll(double[][] solutions) {
        for (int r = 0; r < solutions.length; r++) {
            Checks.length("solution " + r, solutions[r], n);
            Checks.finite("solution " + r, solutions[r]);
            Solution s = new Solution(solutions[r].clone());
            synchronized (pending) {
                pending.add(s);
            }
        }
    }

    /**
     * Moves the pending solutions into the pool in lexicographic order, skipping those already in it.
     *
     * @return how many joined
     */
    public int commit() {
        List<double[]> added = new ArrayList<>();
        synchronized (pending) {
            for (Solution s : pending) {
                if (members.add(s)) {
                    added.add(s.values);
                }
            }
            pending.clear();
        }
        if (!added.isEmpty()) {
            double[][] old = committed;
            double[][] grown = Arrays.copyOf(old, old.length + added.size());
            for (int i = 0; i < added.size(); i++) {
                grown[old.length + i] = added.get(i);
            }
            committed = grown;
        }
        return added.size();
    }

    /**
     * Makes the pool hold exactly {@code solutions}, committed in this order, with nothing pending:
     * a saved {@link #snapshot()} put back (a training run resumed from a checkpoint). Like
     * {@link #commit()}, it must not run while a batch is being solved.
     *
     * @throws IllegalArgumentException naming the row with a wrong length, a non-finite entry, or
     *     one equal to an earlier row
     */
    public void replaceWith(double[][] solutions) {
        Set<Solution> seen = new HashSet<>();
        double[][] rows = new double[solutions.length][];
        for (int r = 0; r < solutions.length; r++) {
            Checks.length("solution " + r, solutions[r], n);
            Checks.finite("solution " + r, solutions[r]);
            rows[r] = solutions[r].clone();
            if (!seen.add(new Solution(rows[r]))) {
                throw new IllegalArgumentException("solution " + r + " is already in the pool");
            }
        }
        synchronized (pending) {
            pending.clear();
            members.clear();
            members.addAll(seen);
        }
        committed = rows;
    }

    /** The number of committed solutions. */
    public int size() {
        return committed.length;
    }

    /**
     * The committed solutions, in the order they joined. The array and its rows are the pool's own:
     * read them, never modify them; a later {@link #commit()} makes a new array and leaves this one as it is.
     */
    public double[][] snapshot() {
        return committed;
    }

    /** Committed solution c (a copy). */
    public double[] get(int c) {
        double[][] s = committed;
        Checks.between("pooled solution", c, 0, s.length - 1);
        return s[c].clone();
    }

    /**
     * The index of the row of {@code rows} with the largest {@code <row, theta[offset ..]>}, the
     * lowest index among ties; {@code rows} must not be empty.
     */
    public static int bestIndex(double[][] rows, double[] theta, int offset) {
        int best = 0;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < rows.length; c++) {
            double score = dot(rows[c], theta, offset);
            if (score > bestScore) {
                bestScore = score;
                best = c;
            }
        }
        return best;
    }

    /** {@code <row, theta[offset .. offset + row.length)>}. */
    public static double dot(double[] row, double[] theta, int offset) {
        double s = 0;
        for (int i = 0; i < row.length; i++) {
            s += row[i] * theta[offset + i];
        }
        return s;
    }

    @Override
    public String toString() {
        return "solution pool (" + committed.length + " of length " + n + ")";
    }

    /** A solution vector with value equality and lexicographic order; -0.0 is stored as 0.0. */
    private static final class Solution implements Comparable<Solution> {
        final double[] values;
        private final int hash;

        Solution(double[] values) {
            for (int i = 0; i < values.length; i++) {
                values[i] += 0.0;
            }
            this.values = values;
            this.hash = Arrays.hashCode(values);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Solution s && Arrays.equals(values, s.values);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public int compareTo(Solution o) {
            return Arrays.compare(values, o.values);
        }
    }
}
