package org.imle.examples.explain;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imle.data.reviews.BeerReviews;
import org.imle.data.reviews.Review;
import org.imle.data.reviews.SyntheticReviews;
import org.imle.data.reviews.Vocabulary;
import org.imle.data.reviews.WordVectors;
import org.imle.data.reviews.WordVectorsFormat;
import org.imle.data.MissingDatasetException;

/**
 * The inputs of one learning-to-explain run: training and test reviews encoded for the target
 * aspect, the vocabulary and the word-vector table.
 *
 * <p>Two sources: generated reviews ({@link SyntheticReviews}; annotations are only used to
 * measure the test selections) or the BeerAdvocate files of Lei et al. (2016) in a directory: training
 * on {@code reviews.aspectN.train.txt[.gz]}, testing (MSE and precision) on the annotated reviews of
 * {@code annotations.json}, as in L2X and I-MLE. Word vectors come from a GloVe / word2vec text
 * file when given, restricted to the vocabulary; otherwise, and for words the file lacks, from
 * seeded random vectors.
 *
 * @param train encoded training reviews
 * @param test encoded test reviews (with annotations)
 * @param vocabulary the ids of the words
 * @param table word vectors, {@code vocabulary.size() x dimension}, row-major
 * @param dimension D
 * @param source a one-line description of where the data came from
 */
public record ExplainData(EncodedReviews train, EncodedReviews test, Vocabulary vocabulary, float[] table,
        int dimension, String source) {

    /** Dimension of random word vectors when no file is given. */
    public static final int RANDOM_DIMENSION = 32;
    /** Reviews are cut to this many tokens. */
    public static final int MAX_LENGTH = 256;

    /**
     * The generator of the default data, with the settings of docs/EXPERIMENTS.md: the
     * {@link SyntheticReviews} defaults except aspect clauses of 4 to 8 sentiment words (so that
     * k = 5 and k = 10 words can both be mostly annotated, as the sentence-long BeerAdvocate
     * rationales allow), up to 8 generic sentiment distractors, and reviews of 50 to 90 tokens.
     */
    public static SyntheticReviews generator(long seed) {
        return SyntheticReviews.builder().seed(seed).sentimentPerAspect(4, 8).maxGeneric(8).lengths(50, 90).build();
    }

    /**
     * Generated reviews: {@code trainCount} for training, the next {@code testCount} for testing.
     *
     * @param embeddings a word-vector file, or null for random vectors
     */
    public static ExplainData synthetic(long seed, int trainCount, int testCount, int aspect, Path embeddings)
            throws IOException {
        SyntheticReviews gen = generator(seed);
        if (aspect < 0 || aspect >= gen.aspectNames().size()) {
            throw new IllegalArgumentException("aspect must be in 0.." + (gen.aspectNames().size() - 1)
                    + " for generated data (" + String.join(", ", gen.aspectNames()) + "), got " + aspect);
        }
        List<Review> train = gen.reviews(0, trainCount);
        List<Review> test = gen.reviews(trainCount, testCount);
        Vocabulary vocabulary = gen.vocabulary();
        return assemble(train, test, vocabulary, aspect, embeddings, seed,
                "generated reviews (seed " + seed + "), aspect " + aspect + " (" + gen.aspectNames().get(aspect) + ")");
    }

    /**
     * The BeerAdvocate files of {@code dir}.
     *
     * @throws MissingDatasetException naming the files looked for when they are absent
     */
    public static ExplainData beer(Path dir, int aspect, Path embeddings, long seed) throws IOException {
        if (aspect < 0 || aspect > 99) {
            throw new IllegalArgumentException("aspect must be in 0..99, got " + aspect);
        }
        String trainName = "reviews.aspect" + aspect + ".train.txt";
        if (!Files.isDirectory(dir)) {
            throw new MissingDatasetException("'" + dir + "' " + (Files.exists(dir) ? "is not a directory" : "does not exist")
                    + "; it must hold " + trainName + " and annotations.json (the BeerAdvocate files of Lei et al. 2016)");
        }
        List<String> missing = new ArrayList<>();
        for (String name : List.of(trainName, "annotations.json")) {
            if (existing(dir, name) == null) {
                missing.add(name + " (or " + name + ".gz)");
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingDatasetException("'" + dir + "' lacks " + String.join(" and ", missing)
                    + "; expected the BeerAdvocate files of Lei et al. (2016)");
        }
        Path trainFile = existing(dir, trainName);
        Path annotations = existing(dir, "annotations.json");
        List<Review> train = BeerReviews.readReviews(trainFile);
        List<Review> test = new ArrayList<>();
        for (Review r : BeerReviews.readAnnotations(annotations)) {
            if (r.annotatedAspects().contains(aspect)) {
                test.add(r);
            }
        }
        if (train.isEmpty() || test.isEmpty()) {
            throw new IllegalArgumentException(dir + ": " + train.size() + " training reviews and " + test.size()
                    + " reviews annotated for aspect " + aspect + "; need at least one of each");
        }
        Vocabulary vocabulary = Vocabulary.fromReviews(train, 1);
        return assemble(train, test, vocabulary, aspect, embeddings, seed,
                "BeerAdvocate " + trainFile + " and " + annotations + ", aspect " + aspect);
    }

    /** {@code dir/name}, else {@code dir/name.gz}, else null. */
    private static Path existing(Path dir, String name) {
        Path plain = dir.resolve(name);
        if (Files.isRegularFile(plain)) {
            return plain;
        }
        Path gz = dir.resolve(name + ".gz");
        return Files.isRegularFile(gz) ? gz : null;
    }

    private static ExplainData assemble(List<Review> train, List<Review> test, Vocabulary vocabulary, int aspect,
            Path embeddings, long seed, String source) throws IOException {
        List<Review> all = new ArrayList<>(train);
        all.addAll(test);
        int width = EncodedReviews.longest(all, MAX_LENGTH);
        WordVectors vectors = embeddings == null
                ? WordVectors.random(vocabulary.words(), RANDOM_DIMENSION, seed, 1.0)
                : WordVectorsFormat.read(embeddings, vocabulary::contains).vectors();
        float[] table = vectors.embeddingTable(vocabulary, seed, 1.0);
        return new ExplainData(EncodedReviews.of(train, vocabulary, aspect, width),
                EncodedReviews.of(test, vocabulary, aspect, width), vocabulary, table, vectors.dimension(),
                source + (embeddings == null ? ", random word vectors" : ", word vectors " + embeddings));
    }
}
