package org.imle.data.treebank;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class DependencyTreesTest {

    /** A uniformly random head for every word: often not a tree, which is what the checks need. */
    static int[] randomHeads(SplittableRandom rng, int words) {
        int[] heads = new int[words + 1];
        heads[0] = -1;
        for (int d = 1; d <= words; d++) {
            heads[d] = rng.nextInt(words + 1);
        }
        return heads;
    }

    static int[] randomTree(SplittableRandom rng, int words) {
        return RandomTrees.randomTree(rng, words);
    }

    /** Tree-ness by its definition: one root word, and every word reaches node 0 within n steps. */
    static boolean isTreeByWalking(int[] heads) {
        int n = heads.length;
        int roots = 0;
        for (int d = 1; d < n; d++) {
            if (heads[d] < 0 || heads[d] >= n || heads[d] == d) {
                return false;
            }
            roots += heads[d] == 0 ? 1 : 0;
        }
        if (roots != 1) {
            return false;
        }
        for (int d = 1; d < n; d++) {
            int v = d;
            int steps = 0;
            while (v != 0 && steps++ <= n) {
                v = heads[v];
            }
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /** Projectivity by its definition: every node strictly between head and dependent descends from the head. */
    static boolean isProjectiveByDominance(int[] heads) {
        for (int d = 1; d < heads.length; d++) {
            int h = heads[d];
            for (int k = Math.min(h, d) + 1; k < Math.max(h, d); k++) {
                int v = k;
                while (v != h && v != 0) {
                    v = heads[v];
                }
                if (v != h) {
                    return false;
                }
            }
        }
        return true;
    }

    @Test
    void treeCheckAgreesWithWalkingOnRandomHeadArrays() {
        SplittableRandom rng = new SplittableRandom(11);
        int trees = 0;
        for (int t = 0; t < 5000; t++) {
            int[] heads = randomHeads(rng, 1 + rng.nextInt(6));
            boolean expected = isTreeByWalking(heads);
            assertEquals(expected, DependencyTrees.isTree(heads), java.util.Arrays.toString(heads));
            trees += expected ? 1 : 0;
        }
        assertTrue(trees > 100, "the sample must contain trees too, got " + trees);
    }

    @Test
    void projectivityAgreesWithDominanceDefinition() {
        SplittableRandom rng = new SplittableRandom(12);
        int projective = 0;
        for (int t = 0; t < 5000; t++) {
            int[] heads = randomTree(rng, 1 + rng.nextInt(8));
            boolean expected = isProjectiveByDominance(heads);
            assertEquals(expected, DependencyTrees.isProjective(heads), java.util.Arrays.toString(heads));
            projective += expected ? 1 : 0;
        }
        assertTrue(projective > 500 && projective < 4500, "both kinds must occur, projective=" + projective);
    }

    @Test
    void arcsRoundTripAndHaveOneHeadPerWord() {
        SplittableRandom rng = new SplittableRandom(13);
        for (int t = 0; t < 2000; t++) {
            int[] heads = randomTree(rng, 1 + rng.nextInt(9));
            int n = heads.length;
            double[] z = DependencyTrees.toArcs(heads);
            assertEquals(n * n, z.length);
            double total = 0;
            for (double v : z) {
                total += v;
            }
            assertEquals(n - 1, total);
            for (int d = 1; d < n; d++) {
                assertEquals(1.0, z[heads[d] * n + d]);
                assertEquals(heads[d] * n + d, DependencyTrees.arcIndex(heads[d], d, n));
            }
            assertArrayEquals(heads, DependencyTrees.toHeads(z, n));
        }
    }

    @Test
    void toHeadsNamesTheOffendingDependent() {
        int n = 3;
        double[] z = new double[9];
        z[0 * 3 + 1] = 1;
        var e = assertThrows(IllegalArgumentException.class, () -> DependencyTrees.toHeads(z, n));
        assertTrue(e.getMessage().contains("word 2 has no head"), e.getMessage());
        z[0 * 3 + 2] = 1;
        z[1 * 3 + 2] = 1;
        e = assertThrows(IllegalArgumentException.class, () -> DependencyTrees.toHeads(z, n));
        assertTrue(e.getMessage().contains("word 2 has two heads"), e.getMessage());
        z[1 * 3 + 2] = 0.5;
        e = assertThrows(IllegalArgumentException.class, () -> DependencyTrees.toHeads(z, n));
        assertTrue(e.getMessage().contains("expected 0 or 1"), e.getMessage());
        z[1 * 3 + 2] = 0;
        z[1 * 3 + 0] = 1;
        e = assertThrows(IllegalArgumentException.class, () -> DependencyTrees.toHeads(z, n));
        assertTrue(e.getMessage().contains("into the root"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DependencyTrees.toHeads(new double[8], 3));
    }

    @Test
    void problemsNameTheWord() {
        assertNull(DependencyTrees.problem(new int[] {-1, 0, 1}));
        assertTrue(DependencyTrees.problem(new int[] {-1, 0, 0}).contains("words 1 and 2"));
        assertTrue(DependencyTrees.problem(new int[] {-1, 2, 1}).contains("no word"));
        assertTrue(DependencyTrees.problem(new int[] {-1, 0, 3, 2}).contains("cycle through words 2 -> 3 -> 2"));
        assertTrue(DependencyTrees.problem(new int[] {-1, 0, 2}).contains("word 2 is its own head"));
        assertTrue(DependencyTrees.problem(new int[] {-1, 0, 5}).contains("outside"));
        assertEquals(2, DependencyTrees.firstCycleWord(new int[] {-1, 0, 3, 2}));
        assertFalse(DependencyTrees.isProjective(new int[] {-1, 0, 4, 1, 1}));
        assertTrue(DependencyTrees.isProjective(new int[] {-1, 2, 0, 2}));
    }
}
