package org.imle.examples.parse;

import java.util.List;

/**
 * The sentence label of the latent-tree task, a property of the tree and not of the words alone:
 * a sentence is positive when some word has a dependent such that both are <em>marked</em>
 * (arcs from the root do not count). A form is marked when a fixed hash of it falls in one quarter
 * of its range, so about one word in four is marked in any treebank, synthetic or Universal
 * Dependencies, and two sentences with the same words in different trees can get different labels.
 * O(n) per sentence.
 */
public final class StructureLabel {

    private StructureLabel() {
    }

    /** Whether a form is marked; a deterministic function of its characters. */
    public static boolean marked(String form) {
        int h = form.hashCode() * 0x9E3779B9;
        h ^= h >>> 16;
        h *= 0x85EBCA6B;
        h ^= h >>> 13;
        return (h & 3) == 0;
    }

    /**
     * 1 if some arc {@code h -> d} with {@code h >= 1} joins two marked words, else 0.
     *
     * @param forms the words, word i at index i - 1
     * @param heads the tree, node-indexed ({@link org.imle.data.treebank.DependencyTrees})
     */
    public static int label(List<String> forms, int[] heads) {
        if (forms.size() != heads.length - 1) {
            throw new IllegalArgumentException(forms.size() + " forms do not fit " + heads.length + " nodes");
        }
        for (int d = 1; d < heads.length; d++) {
            int h = heads[d];
            if (h >= 1 && marked(forms.get(d - 1)) && marked(forms.get(h - 1))) {
                return 1;
            }
        }
        return 0;
    }

    /** The label of a sentence's gold tree. */
    public static int label(EncodedSentence s) {
        return label(s.sentence().forms(), s.heads());
    }
}
