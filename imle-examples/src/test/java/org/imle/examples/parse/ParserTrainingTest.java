package org.imle.examples.parse;

import org.imle.data.treebank.DependencyTrees;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.imle.api.execution.SolveExecutor;
import org.imle.data.conllu.Sentence;
import org.imle.data.treebank.SyntheticTreebank;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParserTrainingTest {

    private static final SyntheticTreebank BANK = SyntheticTreebank.builder().seed(5).lengths(3, 8)
            .nonProjectiveRate(0.2).build();

    private static List<ParserTraining.Epoch> train(String estimator, TreeDecoder decoder, int threads) {
        List<Sentence> train = BANK.generate(150);
        List<Sentence> test = BANK.sentences(150, 40);
        ParseVocabulary vocabulary = ParseVocabulary.of(train);
        DependencyParser parser = new DependencyParser(vocabulary,
                new ArcScorer(vocabulary, 16, 8, 32, new SplittableRandom(2)), decoder);
        ArcEstimators estimators = new ArcEstimators(estimator, decoder, new ArcEstimators.Options(10, 1, 1, 3),
                SolveExecutor.parallel(threads));
        ParserTraining training = new ParserTraining(parser, estimators, new ParserTraining.Config(3, 8, 0.01, 4));
        return training.run(vocabulary.encodeAll(train), vocabulary.encodeAll(test), e -> { });
    }

    @ParameterizedTest
    @CsvSource({"imle, arborescence", "aimle, eisner", "blackbox, arborescence", "fenchel-young, eisner"})
    void shortRunLowersTheLossAndRaisesUas(String estimator, String decoder) {
        List<ParserTraining.Epoch> h = train(estimator, TreeDecoder.valueOf(decoder.toUpperCase(java.util.Locale.ROOT)), 2);
        assertEquals(4, h.size());
        assertTrue(h.get(3).trainLoss() < h.get(1).trainLoss(), h.toString());
        assertTrue(h.get(3).testUas() > h.get(0).testUas() + 0.3, h.toString());
    }

    @Test
    void sameSeedSameNumbersWhateverTheThreadCount() {
        List<ParserTraining.Epoch> one = train("imle", TreeDecoder.ARBORESCENCE, 1);
        List<ParserTraining.Epoch> two = train("imle", TreeDecoder.ARBORESCENCE, 3);
        for (int e = 0; e < one.size(); e++) {
            assertEquals(one.get(e).trainLoss(), two.get(e).trainLoss(), 0.0);
            assertEquals(one.get(e).testUas(), two.get(e).testUas(), 0.0);
        }
    }

    @Test
    void scoresOfABatchEqualThoseOfItsSentencesAlone() {
        List<Sentence> sentences = SyntheticTreebank.builder().seed(1).lengths(6, 6).build().generate(4);
        ParseVocabulary vocabulary = ParseVocabulary.of(sentences);
        List<EncodedSentence> encoded = vocabulary.encodeAll(sentences);
        ArcScorer scorer = new ArcScorer(vocabulary, 8, 4, 16, new SplittableRandom(7));
        Tensor batch = scorer.scores(encoded);
        assertArrayEquals(new int[] {4, 49}, batch.shape());
        for (int i = 0; i < 4; i++) {
            float[] alone = scorer.scores(List.of(encoded.get(i))).data();
            float[] row = java.util.Arrays.copyOfRange(batch.data(), i * 49, (i + 1) * 49);
            assertArrayEquals(alone, row, 1e-6f);
        }
        assertThrows(IllegalArgumentException.class,
                () -> scorer.scores(List.of(encoded.get(0), vocabulary.encode(BANK.sentence(0)))));
    }

    @Test
    void decodesTheTreeAHandMadeThetaPrefers() {
        List<Sentence> sentences = BANK.generate(1);
        ParseVocabulary vocabulary = ParseVocabulary.of(sentences);
        int n = 4;
        double[] theta = new double[n * n];
        // ROOT -> 2 -> {1, 3} scores 12; the tempting root arc to 1 only leads to trees of 4.5 + 0 + 0
        theta[0 * n + 2] = 5;
        theta[2 * n + 1] = 4;
        theta[2 * n + 3] = 3;
        theta[0 * n + 1] = 4.5;
        for (TreeDecoder d : TreeDecoder.values()) {
            DependencyParser parser = new DependencyParser(vocabulary,
                    new ArcScorer(vocabulary, 4, 4, 4, new SplittableRandom(1)), d);
            assertArrayEquals(new int[] {-1, 2, 0, 2}, parser.decode(theta, n), d.label());
        }
    }

    @Test
    void eisnerNeverCrossesAnArcButTheArborescenceMay() {
        // the best tree ROOT -> 2 -> 1 -> 3 is not projective: the arc 1 -> 3 spans word 2, its head's head
        int n = 4;
        double[] theta = new double[n * n];
        java.util.Arrays.fill(theta, -1);
        theta[0 * n + 2] = 10;
        theta[2 * n + 1] = 10;
        theta[1 * n + 3] = 10;
        List<Sentence> sentences = BANK.generate(1);
        ParseVocabulary vocabulary = ParseVocabulary.of(sentences);
        ArcScorer scorer = new ArcScorer(vocabulary, 4, 4, 4, new SplittableRandom(1));
        int[] free = new DependencyParser(vocabulary, scorer, TreeDecoder.ARBORESCENCE).decode(theta, n);
        int[] projective = new DependencyParser(vocabulary, scorer, TreeDecoder.EISNER).decode(theta, n);
        assertArrayEquals(new int[] {-1, 2, 0, 1}, free);
        assertTrue(!DependencyTrees.isProjective(free));
        assertTrue(DependencyTrees.isProjective(projective));
    }

    @Test
    void refusesAParserAndEstimatorsWithDifferentDecoders() {
        List<Sentence> sentences = BANK.generate(3);
        ParseVocabulary vocabulary = ParseVocabulary.of(sentences);
        DependencyParser parser = new DependencyParser(vocabulary,
                new ArcScorer(vocabulary, 4, 4, 4, new SplittableRandom(1)), TreeDecoder.EISNER);
        ArcEstimators est = new ArcEstimators("imle", TreeDecoder.ARBORESCENCE,
                new ArcEstimators.Options(1, 1, 1, 0), SolveExecutor.sequential());
        assertThrows(IllegalArgumentException.class,
                () -> new ParserTraining(parser, est, new ParserTraining.Config(1, 1, 0.1, 0)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ArcEstimators("perturbed-ish", TreeDecoder.EISNER, new ArcEstimators.Options(1, 1, 1, 0),
                        SolveExecutor.sequential()));
        assertEquals("unknown estimator 'perturbed-ish'; known: imle, aimle, blackbox, fenchel-young", e.getMessage());
    }
}
