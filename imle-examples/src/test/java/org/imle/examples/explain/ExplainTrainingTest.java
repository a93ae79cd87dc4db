package org.imle.examples.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.imle.train.tensor.Tensor;
import org.imle.train.trainer.EpochMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Short training runs on generated reviews: the loss falls, every method trains, runs repeat. */
class ExplainTrainingTest {

    private static ExplainData data() throws Exception {
        return ExplainData.synthetic(3, 150, 40, 1, null);
    }

    static List<String> methods() {
        return ExplainEstimators.PRESETS.names();
    }

    private static ExplainConfig tiny(String m) {
        return ExplainConfig.defaults().withEstimator(m).withEpochs(3).withBatchSize(25).withLearningRate(1e-2)
                .withThreads(2).withSeed(1);
    }

    @ParameterizedTest
    @MethodSource("methods")
    void trainingLossFallsAndTestMetricsAreReported(String method) throws Exception {
        ExplainData d = data();
        ExplainTraining t = new ExplainTraining(tiny(method), d.table(), d.dimension(), d.train(), d.test());
        List<EpochMetrics> h = t.fit(null, null);
        assertEquals(3, h.size());
        double first = h.get(0).get("train_loss");
        double last = h.get(2).get("train_loss");
        assertTrue(last < 0.7 * first, method + ": train loss " + first + " -> " + last);
        double p = h.get(2).get("test_precision");
        assertTrue(p >= 0 && p <= 1, "precision " + p);
        assertTrue(Double.isFinite(h.get(2).get("test_mse")));
        ExplainTraining.Evaluation e = t.evaluate(d.test());
        assertEquals(h.get(2).get("test_mse"), e.mse(), 1e-12);
        assertEquals(5L * d.test().size(), e.precision().selected(), "k words of every review");
    }

    @Test
    void sameSeedGivesTheSameLossesForAnyThreadCount() throws Exception {
        ExplainData d = data();
        ExplainConfig c = tiny("imle").withEpochs(1);
        List<EpochMetrics> one = new ExplainTraining(c.withThreads(1), d.table(), d.dimension(), d.train(), d.test())
                .fit(null, null);
        List<EpochMetrics> two = new ExplainTraining(c.withThreads(2), d.table(), d.dimension(), d.train(), d.test())
                .fit(null, null);
        assertEquals(one.get(0).get("train_loss"), two.get(0).get("train_loss"));
        assertEquals(one.get(0).get("test_precision"), two.get(0).get("test_precision"));
    }

    @Test
    void imleGradientReachesTheExplainerAndTheSelectionHasKWords() throws Exception {
        ExplainData d = data();
        ExplainTraining t = new ExplainTraining(tiny("imle"), d.table(), d.dimension(), d.train(), d.test());
        EncodedReviews.Batch b = d.train().range(0, 8);
        Tensor loss = t.loss(b, 0);
        loss.backward();
        float[] g = t.model().namedParameters().get("explainer.out.weight").grad();
        double norm = 0;
        for (float v : g) {
            norm += v * v;
        }
        assertTrue(norm > 0, "the explainer got no gradient");
        boolean[] sel = t.select(b);
        for (int r = 0; r < 8; r++) {
            int count = 0;
            for (int i = 0; i < b.width(); i++) {
                count += sel[r * b.width() + i] ? 1 : 0;
            }
            assertEquals(5, count, "row " + r);
        }
        assertArrayEquals(sel, t.select(b));
    }

    @Test
    void rejectsKLargerThanTheReviewRows() throws Exception {
        ExplainData d = data();
        ExplainConfig c = tiny("imle").withK(d.train().width() + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ExplainTraining(c, d.table(), d.dimension(), d.train(), d.test()));
        assertTrue(e.getMessage().contains("k = " + (d.train().width() + 1)), e.getMessage());
    }
}
