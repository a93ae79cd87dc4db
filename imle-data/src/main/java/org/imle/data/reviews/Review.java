package org.imle.data.reviews;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * One review: its tokens, one rating per aspect, and optionally, per aspect, the token spans that
 * talk about that aspect (the "rationale" annotations used to measure the precision of selected
 * words). Immutable. Aspects are indexed as in {@link BeerAspect} for BeerAdvocate data; synthetic
 * reviews use their own aspect list.
 *
 * <p>Tokens are non-empty and contain no whitespace, because the review file format separates
 * tokens by whitespace; spans must lie within the tokens.
 */
public final class Review {

    private final List<String> tokens;
    private final double[] ratings;
    private final Map<Integer, List<TokenSpan>> spans;

    /**
     * Creates a review.
     *
     * @param tokens at least one token
     * @param ratings one finite rating per aspect
     * @param spans annotated spans per aspect index (may be empty: no annotation)
     */
    public Review(List<String> tokens, double[] ratings, Map<Integer, List<TokenSpan>> spans) {
        this.tokens = List.copyOf(tokens);
        this.ratings = ratings.clone();
        if (this.tokens.isEmpty()) {
            throw new IllegalArgumentException("a review needs at least one token");
        }
        for (int i = 0; i < this.tokens.size(); i++) {
            String t = this.tokens.get(i);
            if (t.isEmpty() || t.codePoints().anyMatch(Review::isSeparator)) {
                throw new IllegalArgumentException("token " + i + " is empty or contains whitespace: '" + t + "'");
            }
        }
        for (int a = 0; a < this.ratings.length; a++) {
            if (!Double.isFinite(this.ratings[a])) {
                throw new IllegalArgumentException("rating of aspect " + a + " is " + this.ratings[a]);
            }
        }
        TreeMap<Integer, List<TokenSpan>> copy = new TreeMap<>();
        for (Map.Entry<Integer, List<TokenSpan>> e : spans.entrySet()) {
            if (e.getKey() < 0) {
                throw new IllegalArgumentException("aspect index must be >= 0, got " + e.getKey());
            }
            for (TokenSpan s : e.getValue()) {
                if (s.end() > this.tokens.size()) {
                    throw new IllegalArgumentException("aspect " + e.getKey() + " span [" + s.start() + ", "
                            + s.end() + ") ends after the " + this.tokens.size() + " tokens");
                }
            }
            copy.put(e.getKey(), List.copyOf(e.getValue()));
        }
        this.spans = Collections.unmodifiableMap(copy);
    }

    /** A review without annotations. */
    public Review(List<String> tokens, double[] ratings) {
        this(tokens, ratings, Map.of());
    }

    /** The tokens. */
    public List<String> tokens() {
        return tokens;
    }

    /** Number of tokens. */
    public int length() {
        return tokens.size();
    }

    /** Number of ratings (aspects). */
    public int aspects() {
        return ratings.length;
    }

    /** The rating of aspect {@code a}. */
    public double rating(int a) {
        if (a < 0 || a >= ratings.length) {
            throw new IllegalArgumentException("aspect " + a + " outside 0.." + (ratings.length - 1));
        }
        return ratings[a];
    }

    /** A copy of all ratings. */
    public double[] ratings() {
        return ratings.clone();
    }

    /** The aspects that carry annotations, ascending. */
    public Set<Integer> annotatedAspects() {
        return spans.keySet();
    }

    /** The annotated spans of aspect {@code a}; empty if the aspect is not annotated. */
    public List<TokenSpan> spans(int a) {
        return spans.getOrDefault(a, List.of());
    }

    /** All annotations, by aspect. */
    public Map<Integer, List<TokenSpan>> allSpans() {
        return spans;
    }

    /** True if position {@code i} lies in an annotated span of aspect {@code a}. */
    public boolean isAnnotated(int a, int i) {
        for (TokenSpan s : spans(a)) {
            if (s.contains(i)) {
                return true;
            }
        }
        return false;
    }

    /** For every position, whether it is annotated for aspect {@code a}. */
    public boolean[] annotationMask(int a) {
        boolean[] mask = new boolean[tokens.size()];
        for (TokenSpan s : spans(a)) {
            Arrays.fill(mask, s.start(), s.end(), true);
        }
        return mask;
    }

    /** Characters that separate tokens in review files: Java whitespace and Unicode space separators. */
    static boolean isSeparator(int codePoint) {
        return Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint);
    }

    /** Splits text at runs of {@link #isSeparator separators}, dropping empty pieces. */
    static List<String> split(String text) {
        List<String> out = new java.util.ArrayList<>();
        int start = -1;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            if (isSeparator(cp)) {
                if (start >= 0) {
                    out.add(text.substring(start, i));
                    start = -1;
                }
            } else if (start < 0) {
                start = i;
            }
            i += Character.charCount(cp);
        }
        if (start >= 0) {
            out.add(text.substring(start));
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Review r && tokens.equals(r.tokens) && Arrays.equals(ratings, r.ratings)
                && spans.equals(r.spans);
    }

    @Override
    public int hashCode() {
        return (tokens.hashCode() * 31 + Arrays.hashCode(ratings)) * 31 + spans.hashCode();
    }

    @Override
    public String toString() {
        return "Review" + Arrays.toString(ratings) + " " + String.join(" ", tokens) + " " + spans;
    }
}
