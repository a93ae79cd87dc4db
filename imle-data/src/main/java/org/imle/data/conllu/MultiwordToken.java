package org.imle.data.conllu;

/**
 * A multi-word token line of CoNLL-U (ID {@code first-last}, e.g. {@code 3-4} for Spanish
 * "del" = "de el"): a surface token spanning the syntactic words {@code first..last}. It is not
 * part of the basic tree; it is kept so that the written file reproduces the input. Only FORM
 * and MISC carry content; the other columns are written as {@code _}.
 *
 * @param first first word id covered
 * @param last last word id covered, greater than {@code first}
 * @param form surface form
 * @param misc MISC column, kept verbatim
 */
public record MultiwordToken(int first, int last, String form, String misc) {

    /** Validates the range and the fields. */
    public MultiwordToken {
        if (first < 1 || last <= first) {
            throw new IllegalArgumentException("multi-word token range " + first + "-" + last
                    + " must satisfy 1 <= first < last");
        }
        Fields.check(1, form);
        Fields.check(9, misc);
    }
}
