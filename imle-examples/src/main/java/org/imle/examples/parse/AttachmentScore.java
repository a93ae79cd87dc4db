package org.imle.examples.parse;

/**
 * Unlabelled attachment score (UAS): the fraction of words whose predicted head is the gold head.
 * The root node is not a word and is not counted; punctuation is counted like any word. Counts add
 * up over sentences with {@link #plus}, so a corpus score is micro-averaged over words.
 *
 * @param correct words with the gold head
 * @param words words counted
 */
public record AttachmentScore(long correct, long words) {

    /** No words yet. */
    public static final AttachmentScore EMPTY = new AttachmentScore(0, 0);

    public AttachmentScore {
        if (correct < 0 || words < correct) {
            throw new IllegalArgumentException("need 0 <= correct <= words, got " + correct + " of " + words);
        }
    }

    /**
     * The score of one sentence: head arrays indexed by node (entry 0, the root, is skipped).
     *
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static AttachmentScore of(int[] gold, int[] predicted) {
        if (gold.length != predicted.length) {
            throw new IllegalArgumentException("gold has " + gold.length + " nodes, predicted " + predicted.length);
        }
        long correct = 0;
        for (int d = 1; d < gold.length; d++) {
            if (gold[d] == predicted[d]) {
                correct++;
            }
        }
        return new AttachmentScore(correct, gold.length - 1);
    }

    /** The counts of both. */
    public AttachmentScore plus(AttachmentScore other) {
        return new AttachmentScore(correct + other.correct, words + other.words);
    }

    /** correct / words, or NaN when no word was counted. */
    public double value() {
        return words == 0 ? Double.NaN : (double) correct / words;
    }
}
