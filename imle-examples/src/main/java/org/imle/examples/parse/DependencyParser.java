package org.imle.examples.parse;

import org.imle.data.treebank.DependencyTrees;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.imle.api.MapOracle;
import org.imle.train.tensor.GradMode;
import org.imle.train.tensor.Tensor;

/**
 * A graph-based dependency parser: an {@link ArcScorer} gives theta over all arcs and a
 * {@link TreeDecoder} returns the highest-scoring tree (no noise: the MAP structure). Decoding is
 * O(n^3) per sentence after the O(n^2 H) scoring; oracles are kept per sentence length.
 */
public final class DependencyParser {

    private final ParseVocabulary vocabulary;
    private final ArcScorer scorer;
    private final TreeDecoder decoder;
    private final Map<Integer, MapOracle> oracles = new HashMap<>();

    public DependencyParser(ParseVocabulary vocabulary, ArcScorer scorer, TreeDecoder decoder) {
        this.vocabulary = vocabulary;
        this.scorer = scorer;
        this.decoder = decoder;
    }

    public ParseVocabulary vocabulary() {
        return vocabulary;
    }

    public ArcScorer scorer() {
        return scorer;
    }

    public TreeDecoder decoder() {
        return decoder;
    }

    /** The MAP tree of theta (one row of n * n) as a head array. */
    public int[] decode(double[] theta, int n) {
        double[] z = new double[n * n];
        oracles.computeIfAbsent(n, decoder::oracle).solve(theta, z);
        return DependencyTrees.toHeads(z, n);
    }

    /** The predicted head arrays of {@code sentences}, in their order; batches of equal length are scored together. */
    public List<int[]> parse(List<EncodedSentence> sentences, int batchSize) {
        Map<EncodedSentence, int[]> predicted = new IdentityHashMap<>();
        try (GradMode.Scope off = GradMode.off()) {
            for (List<EncodedSentence> batch : LengthBatches.of(sentences, batchSize, null)) {
                int n = batch.get(0).nodes();
                Tensor theta = scorer.scores(batch);
                double[] all = theta.toDoubles();
                for (int b = 0; b < batch.size(); b++) {
                    double[] row = java.util.Arrays.copyOfRange(all, b * n * n, (b + 1) * n * n);
                    predicted.put(batch.get(b), decode(row, n));
                }
            }
        }
        List<int[]> out = new ArrayList<>(sentences.size());
        for (EncodedSentence s : sentences) {
            out.add(predicted.get(s));
        }
        return out;
    }

    /** UAS of the parser's trees against the gold heads of {@code sentences}. */
    public AttachmentScore evaluate(List<EncodedSentence> sentences, int batchSize) {
        List<int[]> predicted = parse(sentences, batchSize);
        AttachmentScore score = AttachmentScore.EMPTY;
        for (int i = 0; i < sentences.size(); i++) {
            score = score.plus(AttachmentScore.of(sentences.get(i).heads(), predicted.get(i)));
        }
        return score;
    }
}
