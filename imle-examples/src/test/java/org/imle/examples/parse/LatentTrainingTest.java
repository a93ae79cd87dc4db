package org.imle.examples.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.imle.api.execution.SolveExecutor;
import org.imle.examples.preset.Knob;
import org.imle.data.conllu.Sentence;
import org.imle.data.treebank.SyntheticTreebank;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LatentTrainingTest {

    private static final SyntheticTreebank BANK = SyntheticTreebank.builder().seed(6).lengths(3, 7).build();

    @Test
    void shortRunLowersTheLabelLoss() {
        List<Sentence> train = BANK.generate(150);
        ParseVocabulary vocabulary = ParseVocabulary.of(train);
        LatentTreeClassifier model = new LatentTreeClassifier(vocabulary, 16, 16, new SplittableRandom(3));
        ArcEstimators est = new ArcEstimators("imle", TreeDecoder.ARBORESCENCE, Map.of(Knob.SAMPLES, 2), 1,
                SolveExecutor.parallel(2));
        LatentTraining training = new LatentTraining(model, vocabulary, est, new ParserTraining.Config(4, 8, 0.01, 2));
        List<LatentTraining.Epoch> h = training.run(vocabulary.encodeAll(train),
                vocabulary.encodeAll(BANK.sentences(150, 30)), e -> { });
        assertEquals(5, h.size());
        assertTrue(h.get(4).trainLoss() < h.get(1).trainLoss(), h.toString());
        for (LatentTraining.Epoch e : h) {
            assertTrue(e.testAccuracy() >= 0 && e.testAccuracy() <= 1 && e.treeUas() >= 0 && e.treeUas() <= 1);
        }
    }

    @Test
    void theLabelLossReachesTheArcScorerThroughTheSampledTrees() {
        List<Sentence> train = BANK.generate(20);
        ParseVocabulary vocabulary = ParseVocabulary.of(train);
        LatentTreeClassifier model = new LatentTreeClassifier(vocabulary, 8, 8, new SplittableRandom(3));
        // lambda large enough that the target tree differs from the sampled one whatever the
        // initial weights: I-MLE's gradient is zero when the two trees coincide
        ArcEstimators est = new ArcEstimators("imle", TreeDecoder.EISNER, Map.of(Knob.LAMBDA, 1000.0), 1,
                SolveExecutor.sequential());
        List<EncodedSentence> batch = List.of(vocabulary.encode(train.get(0)));
        int n = batch.get(0).nodes();
        Tensor theta = model.scorer().scores(batch);
        Tensor z = est.node(n).apply(theta, 0);
        org.imle.train.loss.Losses.crossEntropy(model.logits(batch, z), new int[] {1}).backward();
        float[] headGrad = model.scorer().namedParameters().get("head.weight").tensor().grad();
        double norm = 0;
        for (float g : headGrad) {
            norm += Math.abs(g);
        }
        assertTrue(norm > 0, "no gradient reached the arc scorer");
    }

    @Test
    void refusesTheFenchelYoungLossWhichNeedsGoldTrees() {
        List<Sentence> train = BANK.generate(5);
        ParseVocabulary vocabulary = ParseVocabulary.of(train);
        LatentTreeClassifier model = new LatentTreeClassifier(vocabulary, 8, 8, new SplittableRandom(3));
        ArcEstimators fy = new ArcEstimators("fenchel-young", TreeDecoder.EISNER,
                Map.of(Knob.LAMBDA, 1.0), 0, SolveExecutor.sequential());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LatentTraining(model, vocabulary, fy, new ParserTraining.Config(1, 1, 0.1, 0)));
        assertTrue(e.getMessage().startsWith("estimator 'fenchel-young' needs gold trees"), e.getMessage());
    }
}
