package org.imle.data.conllu;

/**
 * An empty node of CoNLL-U (ID {@code major.minor}, e.g. {@code 5.1}): an elided word of the
 * enhanced representation, placed after word {@code major} (0 = before the first word). It has no
 * basic-tree head or relation (HEAD and DEPREL are {@code _}), so it is excluded from the basic
 * tree and from the arc encoding, and kept only for a faithful round trip.
 *
 * @param major the word after which the node sits, 0 for the sentence start
 * @param minor 1-based index among the empty nodes after that word
 * @param form word form
 * @param lemma lemma
 * @param upos universal part-of-speech tag
 * @param xpos language-specific tag
 * @param feats features
 * @param deps enhanced dependencies, kept verbatim
 * @param misc MISC column, kept verbatim
 */
public record EmptyNode(int major, int minor, String form, String lemma, String upos, String xpos,
        String feats, String deps, String misc) {

    /** Validates the id and the fields. */
    public EmptyNode {
        if (major < 0 || minor < 1) {
            throw new IllegalArgumentException("empty node id " + major + "." + minor
                    + " must satisfy major >= 0, minor >= 1");
        }
        Fields.check(1, form);
        Fields.check(2, lemma);
        Fields.check(3, upos);
        Fields.check(4, xpos);
        Fields.check(5, feats);
        Fields.check(8, deps);
        Fields.check(9, misc);
    }
}
