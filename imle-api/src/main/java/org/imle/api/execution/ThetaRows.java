package org.imle.api.execution;

import org.imle.api.check.Checks;

/**
 * The theta rows of one solve request (see {@link SolveExecutor#solve}), written on demand: an
 * estimator builds each perturbed or target row where the executor wants it, in a per-thread
 * buffer when the solve runs in this JVM, or into one block that is shipped when it runs elsewhere.
 * So the in-process executors need no batch-sized array for the perturbed scores, and a remote one
 * gets exactly the rows the in-process one would have solved.
 *
 * <p>{@link #write} is called once for every row of the request, always in the calling JVM, from
 * any thread and in any order; it must depend on the row alone (it may also record what it drew,
 * such as the noise of that row, at a place of its own in the caller's arrays).
 */
@FunctionalInterface
public interface ThetaRows {

    /** Writes theta row {@code row} into {@code target[offset .. offset + n)}. */
    void write(int row, double[] target, int offset);

    /**
     * Rows already stored one after another: row r is {@code theta[r * n .. (r + 1) * n)}. The
     * in-process executors solve such rows where they lie, without a copy.
     */
    static ThetaRows stored(double[] theta, int n) {
        return new Stored(theta, n);
    }

    /** Writes rows {@code [0, rows)} into one row-major block of {@code rows * n}: what a remote executor ships. */
    static double[] block(ThetaRows theta, int rows, int n) {
        Checks.atLeast("rows", rows, 0);
        if ((long) rows * n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(rows + " rows of " + n + " do not fit in one array; split the batch");
        }
        if (theta instanceof Stored s && s.n == n && s.theta.length == rows * n) {
            return s.theta.clone();
        }
        double[] out = new double[rows * n];
        for (int r = 0; r < rows; r++) {
            theta.write(r, out, r * n);
        }
        return out;
    }

    /** Rows stored one after another in {@code theta}. */
    record Stored(double[] theta, int n) implements ThetaRows {

        /** Checks that the array is there and the row length positive. */
        public Stored {
            if (theta == null) {
                throw new IllegalArgumentException("theta is null");
            }
            Checks.atLeast("row length", n, 1);
        }

        @Override
        public void write(int row, double[] target, int offset) {
            System.arraycopy(theta, row * n, target, offset, n);
        }
    }
}
