package org.imle.solvers.parsing;


/**
 * The highest-scoring projective dependency tree with exactly one arc leaving the root, by
 * Eisner's algorithm (Eisner 1996).
 *
 * <p><b>Encoding.</b> As {@link MaximumArborescenceOracle} (see {@link DependencyArcs}): n nodes,
 * the root 0 left of words 1..n-1; theta and z are n x n row-major with entry
 * {@code head * n + dep}; the diagonal and the root's column are ignored in theta and 0 in z.
 * A tree is projective when every arc's head dominates every word between its two ends.
 *
 * <p><b>Algorithm and complexity.</b> The span dynamic program with complete and incomplete
 * half-constituents, run over the words 1..n-1 alone; the root then takes the single word r that
 * maximises (best left half headed by r) + (best right half headed by r) + theta[0 * n + r], which
 * enforces the single-root constraint exactly. O(n^3) time, O(n^2) per-thread scratch, no
 * allocation per solve.
 *
 * <p><b>Ties.</b> Every maximisation keeps its first maximiser: the lowest split point, and the
 * lowest-index word for the root's dependent.
 *
 * <p>Thread-safe.
 */
public final class EisnerOracle extends DependencyTreeOracle<EisnerOracle.Scratch> {

    /** @param n the number of nodes, the root included (so n - 1 words), at least 1 */
    public EisnerOracle(int n) {
        super(n, Scratch::new);
    }

    @Override
    int[] heads(Scratch s) {
        return s.head;
    }

    /*
     * Tables over words 1..m (m = n - 1), index i * n + j for i <= j:
     * rightComplete[i][j]: i heads every word of i..j (j is the end of i's right half);
     * leftComplete[i][j]: j heads every word of i..j;
     * rightIncomplete / leftIncomplete[i][j]: the arc i -> j / j -> i plus the words between, whose
     * best split is the same for both directions (only the arc's score differs), so one table of
     * split points serves both.
     */
    @Override
    void decode(double[] theta, int off, Scratch s) {
        int m = n - 1;
        double[] rc = s.rightComplete;
        double[] lc = s.leftComplete;
        double[] ri = s.rightIncomplete;
        double[] li = s.leftIncomplete;
        int[] splitI = s.splitIncomplete;
        int[] splitRc = s.splitRightComplete;
        int[] splitLc = s.splitLeftComplete;
        for (int i = 1; i <= m; i++) {
            rc[i * n + i] = 0.0;
            lc[i * n + i] = 0.0;
        }
        for (int width = 1; width < m; width++) {
            for (int i = 1; i + width <= m; i++) {
                int j = i + width;
                int ij = i * n + j;
                double best = 0.0;
                int bestK = -1;
                for (int k = i; k < j; k++) {
                    double v = rc[i * n + k] + lc[(k + 1) * n + j];
                    if (bestK < 0 || v > best) {
                        best = v;
                        bestK = k;
                    }
                }
                splitI[ij] = bestK;
                ri[ij] = best + theta[off + i * n + j];
                li[ij] = best + theta[off + j * n + i];

                best = 0.0;
                bestK = -1;
                for (int k = i + 1; k <= j; k++) {
                    double v = ri[i * n + k] + rc[k * n + j];
                    if (bestK < 0 || v > best) {
                        best = v;
                        bestK = k;
                    }
                }
                rc[ij] = best;
                splitRc[ij] = bestK;

                best = 0.0;
                bestK = -1;
                for (int k = i; k < j; k++) {
                    double v = lc[i * n + k] + li[k * n + j];
                    if (bestK < 0 || v > best) {
                        best = v;
                        bestK = k;
                    }
                }
                lc[ij] = best;
                splitLc[ij] = bestK;
            }
        }
        int root = -1;
        double best = 0.0;
        for (int r = 1; r <= m; r++) {
            double v = lc[n + r] + rc[r * n + m] + theta[off + r];
            if (root < 0 || v > best) {
                best = v;
                root = r;
            }
        }
        int[] head = s.head;
        head[0] = -1;
        head[root] = 0;
        leftComplete(s, 1, root);
        rightComplete(s, root, m);
    }

    private void rightComplete(Scratch s, int i, int j) {
        if (i == j) {
            return;
        }
        int k = s.splitRightComplete[i * n + j];
        s.head[k] = i;
        incomplete(s, i, k);
        rightComplete(s, k, j);
    }

    private void leftComplete(Scratch s, int i, int j) {
        if (i == j) {
            return;
        }
        int k = s.splitLeftComplete[i * n + j];
        s.head[k] = j;
        leftComplete(s, i, k);
        incomplete(s, k, j);
    }

    /** The words strictly between the two ends of an arc between i and j. */
    private void incomplete(Scratch s, int i, int j) {
        int k = s.splitIncomplete[i * n + j];
        rightComplete(s, i, k);
        leftComplete(s, k + 1, j);
    }

    /** Feasible z: a projective single-root dependency tree over the n nodes. */
    @Override
    public String infeasibility(double[] z) {
        int[] head = new int[n];
        String tree = DependencyArcs.readTree(z, n, head);
        if (tree != null) {
            return tree;
        }
        return DependencyArcs.projective(head, n) ? null : "the tree is not projective";
    }

    @Override
    public String toString() {
        return "EisnerOracle[n=" + n + "]";
    }

    static final class Scratch {
        final double[] rightComplete;
        final double[] leftComplete;
        final double[] rightIncomplete;
        final double[] leftIncomplete;
        final int[] splitIncomplete;
        final int[] splitRightComplete;
        final int[] splitLeftComplete;
        final int[] head;

        Scratch(int n) {
            rightComplete = new double[n * n];
            leftComplete = new double[n * n];
            rightIncomplete = new double[n * n];
            leftIncomplete = new double[n * n];
            splitIncomplete = new int[n * n];
            splitRightComplete = new int[n * n];
            splitLeftComplete = new int[n * n];
            head = new int[n];
        }
    }
}
