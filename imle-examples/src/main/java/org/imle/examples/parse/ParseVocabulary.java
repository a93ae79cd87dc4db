package org.imle.examples.parse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imle.data.conllu.Sentence;

/**
 * The word forms and part-of-speech tags a parser knows, as dense ids, built from its training
 * sentences.
 *
 * <p>Ids 0, 1 and 2 are reserved in both tables: {@link #UNKNOWN} for a form or tag never seen in
 * training, {@link #ROOT} for the artificial root node 0, and {@link #BOUNDARY} for the padding
 * beyond either end of a sentence (used by window features). Seen entries follow in order of first
 * appearance, so the same sentences give the same ids. Lookups are O(1) per token.
 */
public final class ParseVocabulary {

    /** The id of a form or tag not seen in training. */
    public static final int UNKNOWN = 0;
    /** The id of the root node's form and tag. */
    public static final int ROOT = 1;
    /** The id of the padding before the first and after the last node. */
    public static final int BOUNDARY = 2;

    private static final int RESERVED = 3;

    private final Map<String, Integer> forms = new HashMap<>();
    private final Map<String, Integer> tags = new HashMap<>();

    private ParseVocabulary() {
    }

    /** Collects the forms and tags of {@code training}. */
    public static ParseVocabulary of(List<Sentence> training) {
        ParseVocabulary v = new ParseVocabulary();
        for (Sentence s : training) {
            for (String f : s.forms()) {
                v.forms.putIfAbsent(f, RESERVED + v.forms.size());
            }
            for (String t : s.tags()) {
                v.tags.putIfAbsent(t, RESERVED + v.tags.size());
            }
        }
        return v;
    }

    /** Size of the form table, reserved ids included. */
    public int formCount() {
        return RESERVED + forms.size();
    }

    /** Size of the tag table, reserved ids included. */
    public int tagCount() {
        return RESERVED + tags.size();
    }

    /**
     * Encodes a sentence as node-indexed ids (node 0 the root) with its gold head array (a
     * {@link Sentence} always holds a single-root tree).
     */
    public EncodedSentence encode(Sentence s) {
        int[] heads = s.heads();
        int n = heads.length;
        int[] formIds = new int[n];
        int[] tagIds = new int[n];
        formIds[0] = ROOT;
        tagIds[0] = ROOT;
        List<String> f = s.forms();
        List<String> t = s.tags();
        for (int i = 1; i < n; i++) {
            formIds[i] = forms.getOrDefault(f.get(i - 1), UNKNOWN);
            tagIds[i] = tags.getOrDefault(t.get(i - 1), UNKNOWN);
        }
        return new EncodedSentence(s, formIds, tagIds, heads);
    }

    /** Encodes every sentence; see {@link #encode(Sentence)}. */
    public List<EncodedSentence> encodeAll(List<Sentence> sentences) {
        java.util.ArrayList<EncodedSentence> out = new java.util.ArrayList<>(sentences.size());
        for (Sentence s : sentences) {
            out.add(encode(s));
        }
        return out;
    }
}
