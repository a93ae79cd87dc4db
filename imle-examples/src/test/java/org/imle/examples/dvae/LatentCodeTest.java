package org.imle.examples.dvae;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.imle.api.exact.KSubsetFamily;
import org.imle.api.execution.SolveExecutor;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LatentCodeTest {

    private static float[] gaussian(SplittableRandom rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        return x;
    }

    static java.util.List<String> methods() {
        return DvaeEstimators.PRESETS.names();
    }

    private static LatentCode create(String method, int units, int k, long seed) {
        return DvaeEstimators.create(DvaeEstimators.PRESETS.choice(method, java.util.Map.of()), units, k, seed,
                SolveExecutor.sequential());
    }

    @ParameterizedTest
    @MethodSource("methods")
    void evaluationGivesKSubsetsAndTrainingGivesRowsThatSumToK(String method) {
        int units = 6;
        int k = 2;
        int rows = 12;
        LatentCode code = create(method, units, k, 3);
        float[] x = gaussian(new SplittableRandom(4), rows * units);
        double[] theta = Tensor.of(x, rows, units).toDoubles();
        double[] z = code.evaluate(theta, rows, 7);
        assertArrayEquals(z, code.evaluate(theta, rows, 7), "same key, same sample");
        float[] zt = code.train(Tensor.leaf(x.clone(), rows, units), 0).data();
        assertEquals(rows * units, zt.length);
        for (int r = 0; r < rows; r++) {
            double sum = 0;
            double trainSum = 0;
            for (int i = 0; i < units; i++) {
                double v = z[r * units + i];
                assertEquals(0.0, v * (1 - v), 0.0, "entry of row " + r);
                sum += v;
                trainSum += zt[r * units + i];
            }
            assertEquals(k, sum, 0.0, "row " + r);
            assertEquals(k, trainSum, 1e-4, "training row " + r);
        }
    }

    @Test
    void scoreFunctionTermCarriesTheReinforceGradient() {
        int units = 5;
        int k = 2;
        int groups = 3;
        int batch = 2;
        LatentCode code = create("score-function", units, k, 9);
        float[] x = gaussian(new SplittableRandom(10), batch * groups * units);
        Tensor logits = Tensor.leaf(x.clone(), batch * groups, units);
        float[] z = code.train(logits, 0).data();
        float[] losses = {1.5f, -2f};
        Tensor term = code.lossValueTerm(losses, groups);
        assertEquals(0f, term.item());
        term.backward();
        double[] theta = logits.toDoubles();
        double[] mu = new double[theta.length];
        KSubsetFamily family = KSubsetFamily.of(units, k);
        for (int r = 0; r < batch * groups; r++) {
            family.marginals(theta, r * units, mu, r * units);
        }
        // the moving-average baseline starts at 0, so the first step is L_b (z - mu) / B
        for (int r = 0; r < batch * groups; r++) {
            for (int i = 0; i < units; i++) {
                int j = r * units + i;
                double expected = losses[r / groups] * (z[j] - mu[j]) / batch;
                assertEquals(expected, logits.grad()[j], 1e-5, "row " + r + " unit " + i);
            }
        }
        assertThrows(IllegalArgumentException.class, () -> code.lossValueTerm(new float[3], groups));
    }

    @Test
    void onlyTheScoreFunctionAddsALossValueTerm() {
        for (String m : DvaeEstimators.PRESETS.names()) {
            if (!m.equals("score-function")) {
                LatentCode code = create(m, 4, 2, 1);
                code.train(Tensor.leaf(new float[8], 2, 4), 0);
                assertNull(code.lossValueTerm(new float[] {1f}, 2), m);
            }
        }
    }

    @Test
    void gumbelSoftmaxTemperatureFollowsTheReferenceSchedule() {
        assertEquals(1.0, GumbelSoftmaxCode.temperature(999), 0.0);
        assertEquals(Math.exp(-3e-5 * 1000), GumbelSoftmaxCode.temperature(1999), 1e-12);
        assertEquals(0.5, GumbelSoftmaxCode.temperature(1_000_000), 0.0);
    }

    @Test
    void parsesNamesAndRefusesUnknownOnes() {
        assertEquals("straight-through", DvaeEstimators.PRESETS.row("Straight-Through").name());
        String m = assertThrows(IllegalArgumentException.class, () -> DvaeEstimators.PRESETS.row("reinforce"))
                .getMessage();
        assertEquals("unknown estimator 'reinforce'; known: imle, aimle, straight-through, score-function, "
                + "gumbel-softmax", m);
    }
}
