package org.imle.data.conllu;

/** Field rules of CoNLL-U shared by the token types and the reader. */
final class Fields {

    /** Column names in file order, for messages. */
    static final String[] COLUMNS = {"ID", "FORM", "LEMMA", "UPOS", "XPOS", "FEATS", "HEAD",
        "DEPREL", "DEPS", "MISC"};

    private Fields() {
    }

    /**
     * Returns why {@code value} cannot be the content of column {@code column}, or null. Fields
     * are non-empty ('_' stands for "unspecified"), never hold tabs or line breaks, and only
     * FORM, LEMMA and MISC may hold spaces (UD v2).
     */
    static String problem(int column, String value) {
        if (value == null || value.isEmpty()) {
            return COLUMNS[column] + " is empty (write '_' for an unspecified field)";
        }
        boolean spacesAllowed = column == 1 || column == 2 || column == 9;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\t' || c == '\n' || c == '\r') {
                return COLUMNS[column] + " contains a tab or line break";
            }
            if (!spacesAllowed && Character.isWhitespace(c)) {
                return COLUMNS[column] + " contains whitespace: '" + value + "'";
            }
        }
        return null;
    }

    static String check(int column, String value) {
        String problem = problem(column, value);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        return value;
    }
}
