package org.imle.examples.explain;

import java.util.List;

/**
 * Renders a review with its selected words marked: in plain text as {@code [word]}; with ANSI
 * colours (for a terminal) selected annotated words in bold green, selected words outside the
 * annotation in bold red, and annotated words that were not selected underlined. O(length).
 */
public final class Highlighter {

    private static final String RESET = "\u001b[0m";
    private static final String HIT = "\u001b[1;32m";
    private static final String MISS = "\u001b[1;31m";
    private static final String MISSED_ANNOTATION = "\u001b[4m";

    private final boolean ansi;

    /** @param ansi true for ANSI colours, false for brackets */
    public Highlighter(boolean ansi) {
        this.ansi = ansi;
    }

    /**
     * One line: the tokens separated by spaces, selected ones marked.
     *
     * @param selected per position (at least tokens.size() flags; extra padding flags are ignored)
     * @param annotated per position, or null when there is no annotation
     */
    public String render(List<String> tokens, boolean[] selected, int offset, boolean[] annotated) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < tokens.size(); i++) {
            if (i > 0) {
                sb.append(' ');
            }
            boolean sel = offset + i < selected.length && selected[offset + i];
            boolean ann = annotated != null && offset + i < annotated.length && annotated[offset + i];
            String w = tokens.get(i);
            if (!ansi) {
                sb.append(sel ? "[" + w + "]" : w);
            } else if (sel) {
                sb.append(ann ? HIT : MISS).append(w).append(RESET);
            } else if (ann) {
                sb.append(MISSED_ANNOTATION).append(w).append(RESET);
            } else {
                sb.append(w);
            }
        }
        return sb.toString();
    }
}
