package org.imle.solvers.parsing;


/**
 * Maximum spanning arborescence rooted at node 0 with exactly one arc leaving the root: the
 * highest-scoring non-projective dependency tree of a sentence (McDonald et al., 2005).
 *
 * <p><b>Encoding.</b> See {@link DependencyArcs}: n nodes (the root and n - 1 words), theta and z
 * are n x n row-major with entry {@code head * n + dep}; the diagonal and the root's column are
 * ignored in theta and 0 in z. {@code <z, theta>} is the sum of the scores of the tree's arcs.
 *
 * <p><b>Algorithm.</b> Chu-Liu/Edmonds (Chu and Liu 1965; Edmonds 1967) with weights in the
 * ordered group of pairs (number of root arcs, score) compared lexicographically, fewer root arcs
 * first: every arborescence with one root arc then beats every one with more, so the algorithm
 * returns the best single-root tree, exactly, without a large-constant penalty that would cost
 * precision (the idea of Gabow and Tarjan 1984, used for parsing by Zmigrod, Vieira and Cotterell
 * 2020). Concretely each word picks its best non-root head, cycles are contracted until one
 * super-node is left, and that node takes its best root arc.
 *
 * <p><b>Complexity.</b> O(n^3) per solve (at most n - 2 contractions, each O(n^2)); no
 * allocation: each thread keeps O(n^2) scratch.
 *
 * <p><b>Ties.</b> A node picks the lowest-index head among its best incoming arcs; a contracted
 * node's arcs come from the first cycle member (in cycle order) achieving the best adjusted score.
 * The result is a deterministic function of theta.
 *
 * <p>Thread-safe.
 */
public final class MaximumArborescenceOracle
        extends DependencyTreeOracle<MaximumArborescenceOracle.Scratch> {

    /** @param n the number of nodes, the root included (so n - 1 words), at least 1 */
    public MaximumArborescenceOracle(int n) {
        super(n, Scratch::new);
    }

    @Override
    int[] heads(Scratch s) {
        return s.head;
    }

    @Override
    void decode(double[] theta, int off, Scratch s) {
        double[] score = s.score;
        int[] arcHead = s.arcHead;
        int[] arcDep = s.arcDep;
        boolean[] active = s.active;
        int[] rep = s.rep;
        int[] best = s.best;
        for (int u = 0; u < n; u++) {
            for (int v = 1; v < n; v++) {
                int uv = u * n + v;
                score[uv] = theta[off + uv];
                arcHead[uv] = u;
                arcDep[uv] = v;
            }
            active[u] = true;
            rep[u] = u;
            s.head[u] = -1;
        }
        int words = n - 1;
        int contractions = 0;
        while (words >= 2) {
            // every active word picks its best non-root head: a non-root arc outranks any root arc
            for (int v = 1; v < n; v++) {
                if (!active[v]) {
                    continue;
                }
                int bestU = -1;
                double bestScore = 0.0;
                for (int u = 1; u < n; u++) {
                    if (u != v && active[u] && (bestU < 0 || score[u * n + v] > bestScore)) {
                        bestU = u;
                        bestScore = score[u * n + v];
                    }
                }
                best[v] = bestU;
            }
            int length = findCycle(s, contractions);
            contract(s, contractions, length);
            words -= length - 1;
            contractions++;
        }
        int last = 1;
        while (!active[last]) {
            last++;
        }
        s.head[arcDep[last]] = arcHead[last];
        // the root row is row 0, so arcHead[0 * n + last] is 0 and arcDep its original dependent
        for (int k = contractions - 1; k >= 0; k--) {
            expand(s, k);
        }
    }

    /**
     * Finds a cycle of the best-head graph on the active words (one exists: every word has a
     * non-root head) and stores its members, in cycle order, as contraction k's members.
     */
    private int findCycle(Scratch s, int k) {
        int[] stamp = s.stamp;
        java.util.Arrays.fill(stamp, -1);
        int start = 1;
        while (!s.active[start]) {
            start++;
        }
        int v = start;
        int step = 0;
        while (stamp[v] < 0) {
            stamp[v] = step++;
            v = s.best[v];
        }
        int length = 0;
        int u = v;
        do {
            s.cycleMember[k * n + length++] = u;
            u = s.best[u];
        } while (u != v);
        s.cycleLength[k] = length;
        return length;
    }

    private void contract(Scratch s, int k, int length) {
        double[] score = s.score;
        int[] arcHead = s.arcHead;
        int[] arcDep = s.arcDep;
        int base = k * n;
        boolean[] inCycle = s.inCycle;
        double[] cycleScore = s.cycleScore;
        for (int i = 0; i < length; i++) {
            int v = s.cycleMember[base + i];
            int uv = s.best[v] * n + v;
            s.cycleArcHead[base + i] = arcHead[uv];
            s.cycleArcDep[base + i] = arcDep[uv];
            inCycle[v] = true;
            cycleScore[v] = score[uv];
        }
        int c = s.cycleMember[base];
        for (int x = 0; x < n; x++) {
            int r = s.rep[x];
            if (x > 0 && inCycle[r]) {
                s.memberOf[base + x] = r;
                s.rep[x] = c;
            } else {
                s.memberOf[base + x] = -1;
            }
        }
        for (int u = 0; u < n; u++) {
            if (!s.active[u] || inCycle[u]) {
                continue;
            }
            int bestIn = -1;
            double bestInScore = 0.0;
            int bestOut = -1;
            double bestOutScore = 0.0;
            for (int i = 0; i < length; i++) {
                int v = s.cycleMember[base + i];
                double in = score[u * n + v] - cycleScore[v];
                if (bestIn < 0 || in > bestInScore) {
                    bestIn = v;
                    bestInScore = in;
                }
                if (u != 0) {
                    double out = score[v * n + u];
                    if (bestOut < 0 || out > bestOutScore) {
                        bestOut = v;
                        bestOutScore = out;
                    }
                }
            }
            int uc = u * n + c;
            int from = u * n + bestIn;
            score[uc] = bestInScore;
            arcHead[uc] = arcHead[from];
            arcDep[uc] = arcDep[from];
            if (u != 0) {
                int cu = c * n + u;
                int src = bestOut * n + u;
                score[cu] = bestOutScore;
                arcHead[cu] = arcHead[src];
                arcDep[cu] = arcDep[src];
            }
        }
        for (int i = 0; i < length; i++) {
            int v = s.cycleMember[base + i];
            inCycle[v] = false;
            if (v != c) {
                s.active[v] = false;
            }
        }
    }

    /**
     * Undoes contraction k: exactly one chosen arc enters the contracted node's words; the cycle
     * member it enters drops its cycle arc, and every other member keeps its own.
     */
    private void expand(Scratch s, int k) {
        int base = k * n;
        int entered = -1;
        for (int x = 1; x < n; x++) {
            if (s.memberOf[base + x] >= 0 && s.head[x] >= 0) {
                entered = s.memberOf[base + x];
                break;
            }
        }
        for (int i = 0; i < s.cycleLength[k]; i++) {
            if (s.cycleMember[base + i] != entered) {
                s.head[s.cycleArcDep[base + i]] = s.cycleArcHead[base + i];
            }
        }
    }

    /** Feasible z: a single-root dependency tree over the n nodes (see {@link DependencyArcs}). */
    @Override
    public String infeasibility(double[] z) {
        return DependencyArcs.readTree(z, n, new int[n]);
    }

    @Override
    public String toString() {
        return "MaximumArborescenceOracle[n=" + n + "]";
    }

    static final class Scratch {
        final double[] score;
        final int[] arcHead;
        final int[] arcDep;
        final boolean[] active;
        final boolean[] inCycle;
        final double[] cycleScore;
        final int[] rep;
        final int[] best;
        final int[] stamp;
        final int[] head;
        final int[] cycleLength;
        final int[] cycleMember;
        final int[] cycleArcHead;
        final int[] cycleArcDep;
        final int[] memberOf;

        Scratch(int n) {
            score = new double[n * n];
            arcHead = new int[n * n];
            arcDep = new int[n * n];
            active = new boolean[n];
            inCycle = new boolean[n];
            cycleScore = new double[n];
            rep = new int[n];
            best = new int[n];
            stamp = new int[n];
            head = new int[n];
            cycleLength = new int[n];
            cycleMember = new int[n * n];
            cycleArcHead = new int[n * n];
            cycleArcDep = new int[n * n];
            memberOf = new int[n * n];
        }
    }
}
