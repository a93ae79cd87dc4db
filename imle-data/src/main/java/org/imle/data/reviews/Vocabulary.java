package org.imle.data.reviews;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps tokens to dense ids for an embedding table. Id {@link #PAD_ID} is the padding token
 * {@value #PAD} and id {@link #UNK_ID} the unknown token {@value #UNK}; the words follow in the
 * order given. Immutable; lookups are O(1).
 */
public final class Vocabulary {

    /** The padding token, id 0. */
    public static final String PAD = "<pad>";
    /** The unknown-word token, id 1. */
    public static final String UNK = "<unk>";
    /** Id of {@link #PAD}. */
    public static final int PAD_ID = 0;
    /** Id of {@link #UNK}. */
    public static final int UNK_ID = 1;

    private final List<String> words;
    private final Map<String, Integer> ids;

    private Vocabulary(List<String> words) {
        this.words = List.copyOf(words);
        this.ids = new HashMap<>(this.words.size() * 2);
        for (int i = 0; i < this.words.size(); i++) {
            ids.put(this.words.get(i), i);
        }
    }

    /** {@link #PAD}, {@link #UNK}, then {@code words} in order, each once. */
    public static Vocabulary of(Collection<String> words) {
        List<String> list = new ArrayList<>(words.size() + 2);
        list.add(PAD);
        list.add(UNK);
        java.util.Set<String> seen = new java.util.HashSet<>(list);
        for (String w : words) {
            if (w == null || w.isEmpty()) {
                throw new IllegalArgumentException("vocabulary words must be non-empty");
            }
            if (seen.add(w)) {
                list.add(w);
            }
        }
        return new Vocabulary(list);
    }

    /**
     * The tokens of {@code reviews} seen at least {@code minCount} times, most frequent first
     * (ties in order of first appearance), after {@link #PAD} and {@link #UNK}.
     */
    public static Vocabulary fromReviews(List<Review> reviews, int minCount) {
        if (minCount < 1) {
            throw new IllegalArgumentException("minCount must be >= 1, got " + minCount);
        }
        Map<String, int[]> counts = new java.util.LinkedHashMap<>();
        for (Review r : reviews) {
            for (String t : r.tokens()) {
                counts.computeIfAbsent(t, k -> new int[1])[0]++;
            }
        }
        List<Map.Entry<String, int[]>> entries = new ArrayList<>(counts.entrySet());
        entries.sort((a, b) -> Integer.compare(b.getValue()[0], a.getValue()[0]));
        List<String> words = new ArrayList<>();
        for (Map.Entry<String, int[]> e : entries) {
            if (e.getValue()[0] >= minCount) {
                words.add(e.getKey());
            }
        }
        return of(words);
    }

    /** Number of ids, including {@link #PAD} and {@link #UNK}. */
    public int size() {
        return words.size();
    }

    /** The id of {@code word}, or {@link #UNK_ID} if it is not in the vocabulary. */
    public int id(String word) {
        Integer id = ids.get(word);
        return id == null ? UNK_ID : id;
    }

    /** True if {@code word} has its own id. */
    public boolean contains(String word) {
        return ids.containsKey(word);
    }

    /** The word of id {@code id}. */
    public String word(int id) {
        if (id < 0 || id >= words.size()) {
            throw new IllegalArgumentException("id " + id + " outside 0.." + (words.size() - 1));
        }
        return words.get(id);
    }

    /** All words by id. */
    public List<String> words() {
        return words;
    }

    /** The ids of {@code tokens}. */
    public int[] encode(List<String> tokens) {
        int[] out = new int[tokens.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = id(tokens.get(i));
        }
        return out;
    }
}
