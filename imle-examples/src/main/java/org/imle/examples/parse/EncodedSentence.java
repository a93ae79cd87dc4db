package org.imle.examples.parse;

import org.imle.data.conllu.Sentence;

/**
 * A sentence as the parser sees it: node-indexed form and tag ids ({@link ParseVocabulary}; node 0
 * is the root) and the gold head array ({@link org.imle.data.treebank.DependencyTrees};
 * {@code heads[0] = -1}). The arrays are shared, not copied: treat them as read-only.
 *
 * @param sentence the sentence it was made from
 * @param forms form id of every node
 * @param tags tag id of every node
 * @param heads gold head of every node
 */
public record EncodedSentence(Sentence sentence, int[] forms, int[] tags, int[] heads) {

    /** Number of nodes n, the root included; the oracle dimension is n * n. */
    public int nodes() {
        return heads.length;
    }
}
