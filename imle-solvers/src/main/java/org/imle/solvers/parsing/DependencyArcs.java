package org.imle.solvers.parsing;

import org.imle.api.check.Checks;
import org.imle.solvers.BinaryVectors;

/**
 * The encoding shared by the dependency-tree oracles, and the checks of a tree against it.
 *
 * <p>A sentence of n - 1 words has nodes 0..n-1, node 0 being the artificial root. theta and z are
 * n x n matrices flattened row-major: entry {@code head * n + dep} scores, or selects, the arc from
 * {@code head} to {@code dep}. Entries that are no arc, the diagonal ({@code head == dep}) and the
 * column of the root ({@code dep == 0}), are ignored in theta (they may hold anything, including
 * the -infinity masks parsers often put there) and always 0 in z. A tree gives every word exactly
 * one head, has no cycle, and has exactly one arc leaving the root (the single-root constraint of
 * dependency parsing, as in Universal Dependencies).
 */
public final class DependencyArcs {

    private DependencyArcs() {
    }

    /** Requires n >= 1 and n * n to fit in an array. */
    static int checkNodes(int n) {
        Checks.atLeast("n", n, 1);
        if (n > 46340) {
            throw new IllegalArgumentException("n = " + n + " nodes make an n x n matrix too large");
        }
        return n;
    }

    /** Whether entry {@code head * n + dep} is an arc: off the diagonal and not into the root. */
    static boolean isArc(int entry, int n) {
        int dep = entry % n;
        return dep != 0 && dep != entry / n;
    }

    /** Writes the arcs {@code head[d] -> d}, d = 1..n-1, as a 0/1 matrix into z. */
    static void write(int[] head, int n, double[] z, int zOffset) {
        java.util.Arrays.fill(z, zOffset, zOffset + n * n, 0.0);
        for (int d = 1; d < n; d++) {
            z[zOffset + head[d] * n + d] = 1.0;
        }
    }

    /**
     * Reads z as a single-root dependency tree over n nodes into {@code head} (head[0] = -1), or
     * returns why it is not one.
     */
    public static String readTree(double[] z, int n, int[] head) {
        String binary = BinaryVectors.infeasibility(z, n * n);
        if (binary != null) {
            return binary;
        }
        head[0] = -1;
        for (int d = 0; d < n; d++) {
            int count = 0;
            for (int h = 0; h < n; h++) {
                if (z[h * n + d] == 1.0) {
                    if (h == d) {
                        return "z selects the diagonal entry " + (h * n + d);
                    }
                    if (d == 0) {
                        return "z selects an arc into the root, from head " + h;
                    }
                    count++;
                    head[d] = h;
                }
            }
            if (d > 0 && count != 1) {
                return "word " + d + " has " + count + " heads, expected 1";
            }
        }
        int rootChildren = 0;
        for (int d = 1; d < n; d++) {
            if (head[d] == 0) {
                rootChildren++;
            }
            int steps = 0;
            for (int v = d; v != 0; v = head[v]) {
                if (++steps > n) {
                    return "the arcs contain a cycle through word " + d;
                }
            }
        }
        if (n > 1 && rootChildren != 1) {
            return "the root has " + rootChildren + " dependents, expected exactly 1";
        }
        return null;
    }

    /**
     * True when the tree given by {@code head} (head[0] = -1) is projective: for every arc, each
     * node strictly between its head and its dependent descends from the head.
     */
    public static boolean projective(int[] head, int n) {
        for (int d = 1; d < n; d++) {
            int h = head[d];
            for (int x = Math.min(h, d) + 1; x < Math.max(h, d); x++) {
                int a = x;
                while (a != h && a != 0) {
                    a = head[a];
                }
                if (a != h) {
                    return false;
                }
            }
        }
        return true;
    }
}
