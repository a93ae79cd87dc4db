package org.imle.data.conllu;

/**
 * One syntactic word of a CoNLL-U sentence (a line whose ID is an integer): the ten columns of
 * the Universal Dependencies format. {@code head} is the basic-tree head (0 = root); the other
 * columns are kept as the strings of the file, {@code "_"} meaning unspecified.
 *
 * @param id 1-based position of the word in its sentence
 * @param form word form
 * @param lemma lemma
 * @param upos universal part-of-speech tag
 * @param xpos language-specific part-of-speech tag
 * @param feats morphological features
 * @param head head word id, 0 for the root
 * @param deprel dependency relation to the head (the arc label)
 * @param deps enhanced dependency graph, kept verbatim
 * @param misc any other annotation, kept verbatim
 */
public record Word(int id, String form, String lemma, String upos, String xpos, String feats,
        int head, String deprel, String deps, String misc) {

    /** Validates the columns: see the CoNLL-U field rules (non-empty, no tabs, spaces only in FORM, LEMMA, MISC). */
    public Word {
        if (id < 1) {
            throw new IllegalArgumentException("word id must be >= 1, got " + id);
        }
        if (head < 0) {
            throw new IllegalArgumentException("word " + id + ": head must be >= 0, got " + head);
        }
        Fields.check(1, form);
        Fields.check(2, lemma);
        Fields.check(3, upos);
        Fields.check(4, xpos);
        Fields.check(5, feats);
        Fields.check(7, deprel);
        Fields.check(8, deps);
        Fields.check(9, misc);
    }

    /** A word with form, tag, head and label; lemma = form, other columns unspecified. */
    public static Word of(int id, String form, String upos, int head, String deprel) {
        return new Word(id, form, form, upos, "_", "_", head, deprel, "_", "_");
    }
}
