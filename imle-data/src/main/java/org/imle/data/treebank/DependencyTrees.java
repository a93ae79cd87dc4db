package org.imle.data.treebank;

import java.util.Arrays;

/**
 * Dependency trees as head arrays, and their arc encoding for the parsing oracles.
 *
 * <p><b>Head array.</b> A sentence of {@code m} words has {@code n = m + 1} nodes: node 0 is the
 * artificial root, nodes {@code 1..m} are the words in order. {@code heads[d]} is the head node of
 * word {@code d} ({@code 0} = attached to the root) and {@code heads[0] = -1}, so the array is
 * indexed by node and has length {@code n}. A valid tree has exactly one word attached to the
 * root, no self-loops and no cycles (so every word reaches the root).
 *
 * <p><b>Arc encoding.</b> The arborescence and Eisner oracles score and return arcs as a flat
 * vector of length {@code n * n}: entry {@code head * n + dep} is the arc {@code head -> dep}
 * (maximisation convention: theta is the arc score, z is 1 on the arcs of the tree). Column
 * {@code dep = 0} and the diagonal are never arcs. {@link #toArcs} and {@link #toHeads} convert
 * between the two forms.
 *
 * <p>All checks are O(n) except {@link #isProjective}, which is O(n^2).
 */
public final class DependencyTrees {

    private DependencyTrees() {
    }

    /** Number of nodes (words + root) of a head array. */
    public static int nodes(int[] heads) {
        if (heads == null || heads.length < 1) {
            throw new IllegalArgumentException("heads must have length >= 1 (node 0 is the root)");
        }
        return heads.length;
    }

    /** Index of the arc {@code head -> dep} in the flat encoding over {@code n} nodes. */
    public static int arcIndex(int head, int dep, int n) {
        if (head < 0 || head >= n || dep < 1 || dep >= n || head == dep) {
            throw new IllegalArgumentException("no arc " + head + " -> " + dep + " over " + n + " nodes");
        }
        return head * n + dep;
    }

    /**
     * Describes why {@code heads} is not a valid tree, or returns {@code null} if it is one.
     * Problems are reported for the lowest offending word so that callers can name it.
     */
    public static String problem(int[] heads) {
        if (heads == null || heads.length < 2) {
            return "a tree needs at least one word (heads.length >= 2)";
        }
        if (heads[0] != -1) {
            return "heads[0] must be -1 (node 0 is the root), got " + heads[0];
        }
        int n = heads.length;
        int root = -1;
        for (int d = 1; d < n; d++) {
            int h = heads[d];
            if (h < 0 || h >= n) {
                return "word " + d + " has head " + h + " outside 0.." + (n - 1);
            }
            if (h == d) {
                return "word " + d + " is its own head";
            }
            if (h == 0) {
                if (root >= 0) {
                    return "words " + root + " and " + d + " are both attached to the root";
                }
                root = d;
            }
        }
        if (root < 0) {
            return "no word is attached to the root";
        }
        int cycle = firstCycleWord(heads);
        if (cycle > 0) {
            return "cycle through " + describeCycle(heads, cycle);
        }
        return null;
    }

    /** Requires {@code heads} to be a valid tree; the message names the offending word. */
    public static void checkTree(int[] heads) {
        String problem = problem(heads);
        if (problem != null) {
            throw new IllegalArgumentException("heads: " + problem);
        }
    }

    /** True if {@code heads} is a valid tree. */
    public static boolean isTree(int[] heads) {
        return problem(heads) == null;
    }

    /**
     * Returns the lowest word that lies on a cycle, or 0 if following heads from every word
     * reaches the root. Heads must already be in range. O(n): each node is coloured once.
     */
    public static int firstCycleWord(int[] heads) {
        int n = heads.length;
        // state: 0 unvisited, 1 on the current path, 2 finished (reaches the root or a cycle
        // already reported)
        byte[] state = new byte[n];
        state[0] = 2;
        int best = 0;
        for (int start = 1; start < n; start++) {
            int v = start;
            while (state[v] == 0) {
                state[v] = 1;
                v = heads[v];
            }
            if (state[v] == 1) {
                int w = v;
                int lowest = v;
                do {
                    lowest = Math.min(lowest, w);
                    w = heads[w];
                } while (w != v);
                if (best == 0 || lowest < best) {
                    best = lowest;
                }
            }
            for (v = start; state[v] == 1; v = heads[v]) {
                state[v] = 2;
            }
        }
        return best;
    }

    private static String describeCycle(int[] heads, int start) {
        StringBuilder sb = new StringBuilder("words ").append(start);
        int v = heads[start];
        int steps = 0;
        while (v != start && steps++ < 20) {
            sb.append(" -> ").append(v);
            v = heads[v];
        }
        return sb.append(v == start ? " -> " + start : " -> ...").toString();
    }

    /**
     * True if the tree is projective with the root at position 0: no two arcs cross, counting the
     * arc from the root. Equivalently every node between a head and its dependent is a
     * descendant of that head. O(n^2) over all pairs of arcs.
     */
    public static boolean isProjective(int[] heads) {
        checkTree(heads);
        int n = heads.length;
        for (int d1 = 1; d1 < n; d1++) {
            int a = Math.min(d1, heads[d1]);
            int b = Math.max(d1, heads[d1]);
            for (int d2 = d1 + 1; d2 < n; d2++) {
                int c = Math.min(d2, heads[d2]);
                int e = Math.max(d2, heads[d2]);
                if ((a < c && c < b && b < e) || (c < a && a < e && e < b)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The arc vector (length {@code n * n}) of a tree; allocates. */
    public static double[] toArcs(int[] heads) {
        int n = nodes(heads);
        double[] z = new double[n * n];
        toArcs(heads, z);
        return z;
    }

    /**
     * Writes the 0/1 arc vector of {@code heads} into the caller-owned {@code z} of length
     * {@code n * n}. Heads must be in range; tree-ness is not required here (use
     * {@link #checkTree}), so partial or cyclic predictions can be encoded too.
     */
    public static void toArcs(int[] heads, double[] z) {
        int n = nodes(heads);
        if (z == null || z.length != n * n) {
            throw new IllegalArgumentException("z has length " + (z == null ? "null" : z.length)
                    + ", expected " + n * n + " for " + n + " nodes");
        }
        Arrays.fill(z, 0.0);
        for (int d = 1; d < n; d++) {
            z[arcIndex(heads[d], d, n)] = 1.0;
        }
    }

    /**
     * Reads a head array from a 0/1 arc vector over {@code n} nodes. Every word column must hold
     * exactly one 1 and otherwise 0, the root column and the diagonal must be 0; the message names
     * the offending dependent. The result need not be a tree (check with {@link #checkTree}).
     */
    public static int[] toHeads(double[] z, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        if (z == null || z.length != (long) n * n) {
            throw new IllegalArgumentException("z has length " + (z == null ? "null" : z.length)
                    + ", expected " + (long) n * n + " for " + n + " nodes");
        }
        int[] heads = new int[n];
        heads[0] = -1;
        for (int d = 0; d < n; d++) {
            int head = -1;
            for (int h = 0; h < n; h++) {
                double v = z[h * n + d];
                if (v == 0.0) {
                    continue;
                }
                if (v != 1.0) {
                    throw new IllegalArgumentException("z[" + (h * n + d) + "] (arc " + h + " -> " + d
                            + ") is " + v + ", expected 0 or 1");
                }
                if (d == 0 || h == d) {
                    throw new IllegalArgumentException("z has arc " + h + " -> " + d
                            + (d == 0 ? " into the root" : " (self-loop)"));
                }
                if (head >= 0) {
                    throw new IllegalArgumentException("word " + d + " has two heads: " + head + " and " + h);
                }
                head = h;
            }
            if (d > 0) {
                if (head < 0) {
                    throw new IllegalArgumentException("word " + d + " has no head in z");
                }
                heads[d] = head;
            }
        }
        return heads;
    }
}
