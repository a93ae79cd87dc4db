package org.imle.train.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.imle.train.nn.Parameter;
import org.junit.jupiter.api.Test;

/** Optimiser updates against hand-computed values of their formulas; schedules likewise. */
class OptimizerTest {

    @Test
    void sgdWithMomentumAndWeightDecayFollowsItsRecurrence() {
        Parameter p = Parameter.of(new float[] {1f, -2f}, 2);
        Sgd sgd = new Sgd(List.of(p), 0.1, 0.9, 0.01, false);
        p.tensor().gradBuffer()[0] = 0.5f;
        p.tensor().gradBuffer()[1] = 1f;
        sgd.step();
        // v = g + wd w = (0.51, 0.98); w -= 0.1 v
        assertEquals(1f - 0.051f, p.data()[0], 1e-6f);
        assertEquals(-2f - 0.098f, p.data()[1], 1e-6f);
        double w0 = p.data()[0];
        sgd.step();
        double v0 = 0.9 * 0.51 + (0.5 + 0.01 * w0);
        assertEquals(w0 - 0.1 * v0, p.data()[0], 1e-6);
    }

    @Test
    void adamFirstStepsFollowBiasCorrectedMoments() {
        Parameter p = Parameter.of(new float[] {0.3f}, 1);
        Adam adam = new Adam(List.of(p), 0.01);
        double m = 0;
        double v = 0;
        double w = 0.3;
        float[] grads = {0.2f, -0.7f, 0.05f};
        for (int t = 1; t <= grads.length; t++) {
            p.tensor().gradBuffer()[0] = grads[t - 1];
            adam.step();
            m = 0.9 * m + 0.1 * grads[t - 1];
            v = 0.999 * v + 0.001 * grads[t - 1] * grads[t - 1];
            w -= 0.01 * (m / (1 - Math.pow(0.9, t))) / (Math.sqrt(v / (1 - Math.pow(0.999, t))) + 1e-8);
            assertEquals(w, p.data()[0], 1e-6, "step " + t);
        }
    }

    @Test
    void schedulesGiveTheDocumentedRates() {
        LearningRateSchedule ms = LearningRateSchedule.multiStep(1.0, 0.1, 3, 5);
        assertEquals(1.0, ms.at(2), 0);
        assertEquals(0.1, ms.at(3), 1e-12);
        assertEquals(0.01, ms.at(7), 1e-12);
        LearningRateSchedule cos = LearningRateSchedule.cosine(1.0, 0.0, 10);
        assertEquals(1.0, cos.at(0), 1e-12);
        assertEquals(0.5, cos.at(5), 1e-12);
        assertEquals(0.0, cos.at(10), 1e-12);
    }
}
