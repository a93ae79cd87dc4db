package org.imle.data.reviews;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.imle.api.execution.RandomStreams;

/**
 * Pre-trained (or random) word vectors: a word list and a float32 matrix stored flat and
 * row-major ({@code size() x dimension()}), as read by {@link WordVectorsFormat} from GloVe or
 * word2vec text files. Immutable; lookups by word are O(1).
 */
public final class WordVectors {

    private final List<String> words;
    private final Map<String, Integer> index;
    private final float[] data;
    private final int dimension;

    private WordVectors(List<String> words, float[] data, int dimension) {
        this.words = List.copyOf(words);
        this.data = data;
        this.dimension = dimension;
        this.index = new HashMap<>(this.words.size() * 2);
        for (int i = 0; i < this.words.size(); i++) {
            if (index.put(this.words.get(i), i) != null) {
                throw new IllegalArgumentException("word '" + this.words.get(i) + "' appears twice");
            }
        }
    }

    /**
     * Wraps {@code vectors} (row-major, one row of {@code dimension} finite values per word;
     * copied). Words must be distinct.
     */
    public static WordVectors of(List<String> words, float[] vectors, int dimension) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        if (vectors.length != (long) words.size() * dimension) {
            throw new IllegalArgumentException("vectors has length " + vectors.length + ", expected "
                    + words.size() + " x " + dimension);
        }
        for (int i = 0; i < vectors.length; i++) {
            if (!Float.isFinite(vectors[i])) {
                throw new IllegalArgumentException("vector of word '" + words.get(i / dimension)
                        + "' coordinate " + (i % dimension) + " is " + vectors[i]);
            }
        }
        return new WordVectors(words, vectors.clone(), dimension);
    }

    /** Takes ownership of the array; for the reader, which has already validated it. */
    static WordVectors wrap(List<String> words, float[] vectors, int dimension) {
        return new WordVectors(words, vectors, dimension);
    }

    /**
     * Random vectors, uniform in {@code [-scale, scale]}, so that a model can run without GloVe.
     * The vector of word {@code i} comes from the stream (seed, 2, i, 0) of {@link RandomStreams}:
     * the same seed gives the same vectors.
     */
    public static WordVectors random(List<String> words, int dimension, long seed, double scale) {
        if (dimension < 1) {
            throw new IllegalArgumentException("dimension must be >= 1, got " + dimension);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("scale must be positive and finite, got " + scale);
        }
        float[] data = new float[Math.multiplyExact(words.size(), dimension)];
        for (int i = 0; i < words.size(); i++) {
            fillUniform(data, i * dimension, dimension, RandomStreams.open(seed, 2, i, 0), scale);
        }
        return new WordVectors(words, data, dimension);
    }

    private static void fillUniform(float[] out, int offset, int n, UniformRandomProvider rng, double scale) {
        for (int j = 0; j < n; j++) {
            out[offset + j] = (float) ((2 * rng.nextDouble() - 1) * scale);
        }
    }

    /** Number of words. */
    public int size() {
        return words.size();
    }

    /** Length of every vector. */
    public int dimension() {
        return dimension;
    }

    /** The words, in file order. */
    public List<String> words() {
        return words;
    }

    /** Word {@code i}. */
    public String word(int i) {
        return words.get(i);
    }

    /** The row of {@code word}, or -1 if absent. */
    public int index(String word) {
        Integer i = index.get(word);
        return i == null ? -1 : i;
    }

    /** Entry {@code j} of vector {@code i}. */
    public float get(int i, int j) {
        if (i < 0 || i >= words.size() || j < 0 || j >= dimension) {
            throw new IllegalArgumentException("(" + i + ", " + j + ") outside " + words.size() + " x " + dimension);
        }
        return data[i * dimension + j];
    }

    /** A copy of vector {@code i}. */
    public float[] vector(int i) {
        float[] out = new float[dimension];
        copyVector(i, out, 0);
        return out;
    }

    /** Copies vector {@code i} into {@code out[offset .. offset + dimension)}; allocates nothing. */
    public void copyVector(int i, float[] out, int offset) {
        if (i < 0 || i >= words.size()) {
            throw new IllegalArgumentException("row " + i + " outside 0.." + (words.size() - 1));
        }
        System.arraycopy(data, i * dimension, out, offset, dimension);
    }

    /** A copy of the whole matrix, row-major. */
    public float[] matrix() {
        return data.clone();
    }

    /**
     * An embedding table for {@code vocabulary} (row-major, {@code vocabulary.size() x
     * dimension()}): a word's own vector when it has one, zeros for {@link Vocabulary#PAD}, and
     * for every other word a random vector uniform in {@code [-scale, scale]} from the stream
     * (seed, 3, id, 0), so the table is the same for the same seed.
     */
    public float[] embeddingTable(Vocabulary vocabulary, long seed, double scale) {
        float[] table = new float[Math.multiplyExact(vocabulary.size(), dimension)];
        for (int id = 0; id < vocabulary.size(); id++) {
            if (id == Vocabulary.PAD_ID) {
                continue;
            }
            int row = index(vocabulary.word(id));
            if (row >= 0) {
                copyVector(row, table, id * dimension);
            } else {
                fillUniform(table, id * dimension, dimension, RandomStreams.open(seed, 3, id, 0), scale);
            }
        }
        return table;
    }
}
