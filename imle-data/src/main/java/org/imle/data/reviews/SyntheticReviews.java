package org.imle.data.reviews;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.imle.api.check.Checks;
import org.imle.api.execution.RandomStreams;

/**
 * Synthetic multi-aspect reviews with known rationales: the default data of the
 * learning-to-explain example (L2X, Chen et al. 2018; I-MLE, Niepert et al. 2021) when the
 * BeerAdvocate files are not at hand.
 *
 * <p><b>Vocabulary.</b> Each aspect {@code a} has nouns ({@code aroma-n0}, ...) and, for each
 * rating level {@code l}, its own sentiment words ({@code aroma-s3a}, ...). Generic sentiment
 * words ({@code any-s3a}) carry a level but no aspect, and filler words ({@code w17}) carry
 * nothing.
 *
 * <p><b>A review.</b> Every aspect gets a level {@code l_a} in {@code 0..L-1}: with probability
 * {@code aspectCorrelation} a level shared by the review, otherwise its own uniform level, and a
 * rating {@code (l_a + 1) / L} (so 0.2 ... 1.0 for five levels, like BeerAdvocate stars / 5).
 * Every aspect gets a clause: 1-2 of its nouns and several of its sentiment words, all of level
 * {@code l_a} (the planted words, which alone determine the rating), with a few fillers between
 * them. Clauses, generic sentiment words of random levels (distractors that carry sentiment but
 * no aspect) and fillers are shuffled into a review of length uniform in {@code [min, max]}. The
 * annotation of aspect {@code a} is exactly the positions of its planted words, as maximal
 * spans, so the precision of selected words can be measured as with the human annotations.
 *
 * <p><b>Determinism.</b> Review {@code i} depends only on (seed, options, i): it uses the stream
 * (seed, 1, i, 0) of {@link RandomStreams}. O(length) per review.
 */
public final class SyntheticReviews {

    private final long seed;
    private final List<String> aspectNames;
    private final int levels;
    private final int minLength;
    private final int maxLength;
    private final int minSentiment;
    private final int maxSentiment;
    private final int maxGeneric;
    private final double aspectCorrelation;
    private final List<List<String>> nouns = new ArrayList<>();
    private final List<List<List<String>>> sentiment = new ArrayList<>();
    private final List<List<String>> generic = new ArrayList<>();
    private final List<String> fillers = new ArrayList<>();
    private final Map<String, int[]> aspectAndLevel = new HashMap<>();

    private SyntheticReviews(Builder b) {
        this.seed = b.seed;
        this.aspectNames = List.copyOf(b.aspects);
        this.levels = b.levels;
        this.minLength = b.minLength;
        this.maxLength = b.maxLength;
        this.minSentiment = b.minSentiment;
        this.maxSentiment = b.maxSentiment;
        this.maxGeneric = b.maxGeneric;
        this.aspectCorrelation = b.aspectCorrelation;
        for (int a = 0; a < aspectNames.size(); a++) {
            String name = aspectNames.get(a);
            List<String> n = new ArrayList<>();
            for (int i = 0; i < b.nounsPerAspect; i++) {
                n.add(register(name + "-n" + i, a, -1));
            }
            nouns.add(List.copyOf(n));
            List<List<String>> byLevel = new ArrayList<>();
            for (int l = 0; l < levels; l++) {
                byLevel.add(words(name + "-s" + l, b.sentimentWordsPerLevel, a, l));
            }
            sentiment.add(byLevel);
        }
        for (int l = 0; l < levels; l++) {
            generic.add(words("any-s" + l, b.sentimentWordsPerLevel, -1, l));
        }
        for (int i = 0; i < b.fillerWords; i++) {
            fillers.add(register("w" + i, -1, -1));
        }
    }

    private List<String> words(String stem, int count, int aspect, int level) {
        List<String> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(register(stem + suffix(i), aspect, level));
        }
        return List.copyOf(out);
    }

    private static String suffix(int i) {
        StringBuilder sb = new StringBuilder();
        do {
            sb.append((char) ('a' + i % 26));
            i = i / 26 - 1;
        } while (i >= 0);
        return sb.reverse().toString();
    }

    private String register(String word, int aspect, int level) {
        if (aspectAndLevel.put(word, new int[] {aspect, level}) != null) {
            throw new IllegalArgumentException("aspect names make the word '" + word + "' twice");
        }
        return word;
    }

    /** A builder with the defaults described on each option. */
    public static Builder builder() {
        return new Builder();
    }

    /** The aspect names, in rating order. */
    public List<String> aspectNames() {
        return aspectNames;
    }

    /** Number of rating levels L. */
    public int levels() {
        return levels;
    }

    /** The rating of level {@code l}: {@code (l + 1) / L}. */
    public double rating(int level) {
        return (level + 1) / (double) levels;
    }

    /** Every word a review can contain: nouns and sentiment words per aspect, generic sentiment words, fillers. */
    public List<String> words() {
        List<String> out = new ArrayList<>(aspectAndLevel.size());
        for (int a = 0; a < aspectNames.size(); a++) {
            out.addAll(nouns.get(a));
            sentiment.get(a).forEach(out::addAll);
        }
        generic.forEach(out::addAll);
        out.addAll(fillers);
        return out;
    }

    /** A vocabulary of {@link #words()} (after the padding and unknown tokens). */
    public Vocabulary vocabulary() {
        return Vocabulary.of(words());
    }

    /** Random vectors for {@link #words()}, so the model runs without GloVe; see {@link WordVectors#random}. */
    public WordVectors randomEmbeddings(int dimension, long embeddingSeed, double scale) {
        return WordVectors.random(words(), dimension, embeddingSeed, scale);
    }

    /** The aspect a word belongs to (its nouns and sentiment words), or -1 for generic and filler words. */
    public int aspectOf(String word) {
        int[] al = aspectAndLevel.get(word);
        return al == null ? -1 : al[0];
    }

    /** The sentiment level of a word, or -1 for nouns, fillers and unknown words. */
    public int levelOf(String word) {
        int[] al = aspectAndLevel.get(word);
        return al == null ? -1 : al[1];
    }

    /** Review {@code index} (0-based), with ratings for every aspect and annotations for every aspect. */
    public Review review(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        UniformRandomProvider rng = RandomStreams.open(seed, 1, index, 0);
        int aspects = aspectNames.size();
        int shared = rng.nextInt(levels);
        int[] level = new int[aspects];
        for (int a = 0; a < aspects; a++) {
            level[a] = rng.nextDouble() < aspectCorrelation ? shared : rng.nextInt(levels);
        }
        int length = minLength + rng.nextInt(maxLength - minLength + 1);
        // units: a clause per aspect (a list of words) and single distractor or filler words
        List<List<String>> units = new ArrayList<>();
        int used = 0;
        for (int a = 0; a < aspects; a++) {
            List<String> planted = new ArrayList<>();
            int nounCount = 1 + rng.nextInt(2);
            for (int i = 0; i < nounCount; i++) {
                planted.add(pick(nouns.get(a), rng));
            }
            int sentimentCount = minSentiment + rng.nextInt(maxSentiment - minSentiment + 1);
            for (int i = 0; i < sentimentCount; i++) {
                planted.add(pick(sentiment.get(a).get(level[a]), rng));
            }
            shuffle(planted, rng);
            units.add(planted);
            used += planted.size();
        }
        int genericCount = rng.nextInt(maxGeneric + 1);
        for (int i = 0; i < genericCount; i++) {
            units.add(List.of(pick(generic.get(rng.nextInt(levels)), rng)));
        }
        used += genericCount;
        // fillers: some go inside clauses (so rationales are not always contiguous), the rest between units
        int fillerCount = length - used;
        List<List<String>> withFillers = new ArrayList<>();
        for (List<String> unit : units) {
            if (unit.size() > 1) {
                List<String> clause = new ArrayList<>(unit);
                int inside = Math.min(fillerCount, rng.nextInt(3));
                for (int i = 0; i < inside; i++) {
                    clause.add(1 + rng.nextInt(clause.size() - 1), pick(fillers, rng));
                }
                fillerCount -= inside;
                withFillers.add(clause);
            } else {
                withFillers.add(unit);
            }
        }
        for (int i = 0; i < fillerCount; i++) {
            withFillers.add(List.of(pick(fillers, rng)));
        }
        shuffle(withFillers, rng);
        List<String> tokens = new ArrayList<>(length);
        withFillers.forEach(tokens::addAll);
        double[] ratings = new double[aspects];
        Map<Integer, List<TokenSpan>> spans = new HashMap<>();
        for (int a = 0; a < aspects; a++) {
            ratings[a] = rating(level[a]);
            spans.put(a, spansOf(tokens, a));
        }
        return new Review(tokens, ratings, spans);
    }

    /** Maximal runs of positions holding words of aspect {@code a}. */
    private List<TokenSpan> spansOf(List<String> tokens, int a) {
        List<TokenSpan> out = new ArrayList<>();
        int start = -1;
        for (int i = 0; i <= tokens.size(); i++) {
            boolean in = i < tokens.size() && aspectOf(tokens.get(i)) == a;
            if (in && start < 0) {
                start = i;
            } else if (!in && start >= 0) {
                out.add(new TokenSpan(start, i));
                start = -1;
            }
        }
        return out;
    }

    /** Reviews {@code 0..count-1}. */
    public List<Review> generate(int count) {
        return reviews(0, count);
    }

    /** Reviews {@code from..from+count-1}. */
    public List<Review> reviews(long from, int count) {
        if (from < 0 || count < 0) {
            throw new IllegalArgumentException("from and count must be >= 0, got " + from + ", " + count);
        }
        List<Review> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(review(from + i));
        }
        return out;
    }

    /**
     * Writes a data set in the layout of Lei et al. (2016) into {@code dir}: for every aspect
     * {@code N}, {@code reviews.aspectN.train.txt} (reviews {@code 0..train-1}) and
     * {@code reviews.aspectN.heldout.txt} (the next {@code heldout}), and {@code annotations.json}
     * (the next {@code annotated}, with spans). Disjoint index ranges keep the splits apart.
     */
    public void writeDataset(Path dir, int train, int heldout, int annotated) throws IOException {
        Files.createDirectories(dir);
        List<Review> trainSet = reviews(0, train);
        List<Review> heldoutSet = reviews(train, heldout);
        for (int a = 0; a < aspectNames.size(); a++) {
            BeerReviews.writeReviews(dir.resolve("reviews.aspect" + a + ".train.txt"), trainSet);
            BeerReviews.writeReviews(dir.resolve("reviews.aspect" + a + ".heldout.txt"), heldoutSet);
        }
        BeerReviews.writeAnnotations(dir.resolve("annotations.json"), reviews((long) train + heldout, annotated));
    }

    private static String pick(List<String> words, UniformRandomProvider rng) {
        return words.get(rng.nextInt(words.size()));
    }

    private static <T> void shuffle(List<T> list, UniformRandomProvider rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, rng.nextInt(i + 1));
        }
    }

    /** Options of {@link SyntheticReviews}; every setter validates its argument. */
    public static final class Builder {
        private long seed;
        private List<String> aspects = List.of("appearance", "aroma", "palate");
        private int levels = 5;
        private int nounsPerAspect = 4;
        private int sentimentWordsPerLevel = 3;
        private int fillerWords = 60;
        private int minLength = 30;
        private int maxLength = 60;
        private int minSentiment = 2;
        private int maxSentiment = 4;
        private int maxGeneric = 3;
        private double aspectCorrelation = 0.5;

        private Builder() {
        }

        /** The seed of every review; default 0. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Aspect names, distinct, without whitespace; default appearance, aroma, palate. */
        public Builder aspects(List<String> names) {
            if (names.isEmpty() || names.size() > 100 || new java.util.HashSet<>(names).size() != names.size()) {
                throw new IllegalArgumentException("aspects must be 1..100 distinct names, got " + names);
            }
            for (String n : names) {
                if (n.isEmpty() || n.equals("any") || n.codePoints().anyMatch(Review::isSeparator)
                        || n.matches("w\\d+")) {
                    throw new IllegalArgumentException("aspect name '" + n + "' is empty, reserved or has whitespace");
                }
            }
            this.aspects = List.copyOf(names);
            return this;
        }

        /** Number of rating levels, 2..100; default 5 (ratings 0.2, 0.4, ..., 1.0). */
        public Builder levels(int levels) {
            this.levels = Checks.between("levels", levels, 2, 100);
            return this;
        }

        /** Nouns per aspect, 1..1000; default 4. */
        public Builder nounsPerAspect(int n) {
            this.nounsPerAspect = Checks.between("nounsPerAspect", n, 1, 1000);
            return this;
        }

        /** Sentiment words per aspect and level (and generic ones per level), 1..1000; default 3. */
        public Builder sentimentWordsPerLevel(int n) {
            this.sentimentWordsPerLevel = Checks.between("sentimentWordsPerLevel", n, 1, 1000);
            return this;
        }

        /** Number of distinct filler words, 1..100000; default 60. */
        public Builder fillerWords(int n) {
            this.fillerWords = Checks.between("fillerWords", n, 1, 100_000);
            return this;
        }

        /** Planted sentiment words per aspect clause, {@code 1 <= min <= max <= 100}; default 2..4. */
        public Builder sentimentPerAspect(int min, int max) {
            Checks.between("minSentiment", min, 1, 100);
            Checks.between("maxSentiment", max, min, 100);
            this.minSentiment = min;
            this.maxSentiment = max;
            return this;
        }

        /** At most this many generic sentiment distractors per review, 0..100; default 3. */
        public Builder maxGeneric(int n) {
            this.maxGeneric = Checks.between("maxGeneric", n, 0, 100);
            return this;
        }

        /** Review lengths in tokens, uniform in {@code [min, max]}; default 30..60. */
        public Builder lengths(int min, int max) {
            Checks.between("minLength", min, 1, 100_000);
            Checks.between("maxLength", max, min, 100_000);
            this.minLength = min;
            this.maxLength = max;
            return this;
        }

        /** Probability that an aspect takes the review's shared level, in [0, 1]; default 0.5. */
        public Builder aspectCorrelation(double p) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("aspectCorrelation must be in [0, 1], got " + p);
            }
            this.aspectCorrelation = p;
            return this;
        }

        /** Builds the generator; the shortest review must fit every planted and distractor word. */
        public SyntheticReviews build() {
            int needed = aspects.size() * (2 + maxSentiment) + maxGeneric;
            if (minLength < needed) {
                throw new IllegalArgumentException("minLength " + minLength + " cannot hold up to " + needed
                        + " planted and distractor words (aspects x (2 nouns + maxSentiment) + maxGeneric)");
            }
            return new SyntheticReviews(this);
        }
    }
}
