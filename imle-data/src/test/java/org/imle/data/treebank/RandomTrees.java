package org.imle.data.treebank;

import java.util.SplittableRandom;

/** Random dependency trees for tests. */
public final class RandomTrees {

    private RandomTrees() {
    }

    /** A random tree over {@code words} words: attach words in random order to an already attached node. */
    public static int[] randomTree(SplittableRandom rng, int words) {
        int[] order = new int[words];
        for (int i = 0; i < words; i++) {
            order[i] = i + 1;
        }
        for (int i = words - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        int[] heads = new int[words + 1];
        heads[0] = -1;
        heads[order[0]] = 0;
        for (int i = 1; i < words; i++) {
            heads[order[i]] = order[rng.nextInt(i)];
        }
        return heads;
    }
}
