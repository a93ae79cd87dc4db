package org.imle.examples.parse;

import org.imle.data.treebank.DependencyTrees;
import java.util.ArrayList;
import java.util.List;

/**
 * Draws a dependency tree in the terminal as an indented outline with box-drawing characters, the
 * root on top and each word's dependents below it in sentence order:
 * <pre>
 *   ROOT
 *   └── sees (2)
 *       ├── dog (1)
 *       └── cat (4)  [gold head: 1]
 *           └── the (3)
 * </pre>
 * Each word shows its position; when gold heads are given, a word attached elsewhere than in gold
 * says where gold attaches it. O(n^2) for n nodes.
 */
public final class TreeDrawing {

    private TreeDrawing() {
    }

    /**
     * The lines of the drawing.
     *
     * @param forms the words, word i at index i - 1
     * @param heads the tree to draw, node-indexed ({@link DependencyTrees}); must be a tree
     * @param gold gold heads to compare with, or null
     * @throws IllegalArgumentException if heads is not a tree or the lengths disagree
     */
    public static List<String> render(List<String> forms, int[] heads, int[] gold) {
        DependencyTrees.checkTree(heads);
        if (forms.size() != heads.length - 1 || (gold != null && gold.length != heads.length)) {
            throw new IllegalArgumentException(forms.size() + " forms do not fit " + heads.length + " nodes"
                    + (gold == null ? "" : " and " + gold.length + " gold heads"));
        }
        List<String> lines = new ArrayList<>();
        lines.add("ROOT");
        draw(0, "", forms, heads, gold, lines);
        return lines;
    }

    private static void draw(int node, String indent, List<String> forms, int[] heads, int[] gold, List<String> lines) {
        List<Integer> children = new ArrayList<>();
        for (int d = 1; d < heads.length; d++) {
            if (heads[d] == node) {
                children.add(d);
            }
        }
        for (int k = 0; k < children.size(); k++) {
            int d = children.get(k);
            boolean last = k == children.size() - 1;
            StringBuilder line = new StringBuilder(indent).append(last ? "└── " : "├── ")
                    .append(forms.get(d - 1)).append(" (").append(d).append(')');
            if (gold != null && gold[d] != heads[d]) {
                line.append("  [gold head: ").append(gold[d] == 0 ? "ROOT" : String.valueOf(gold[d])).append(']');
            }
            lines.add(line.toString());
            draw(d, indent + (last ? "    " : "│   "), forms, heads, gold, lines);
        }
    }
}
