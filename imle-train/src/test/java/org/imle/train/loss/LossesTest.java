package org.imle.train.loss;

import static org.imle.train.testing.GradCheck.check;
import static org.imle.train.testing.GradCheck.uniform;
import static org.imle.train.testing.GradCheck.values;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LossesTest {

    @Test
    void hammingCountsDisagreementsPerRowAndRepeatsTargetsOverSamples() {
        Tensor z = Tensor.of(new float[] {1, 0, 1, 0, 1, 1, 0, 0, 0, 1, 1, 0}, 4, 3);
        Tensor y = Tensor.of(new float[] {1, 0, 0, 0, 1, 1}, 2, 3);
        // rows 0,1 are compared with target 0, rows 2,3 with target 1: 1 + 3 + 2 + 2 errors over 4 rows
        Tensor loss = Losses.hamming(Tensor.leaf(z.data().clone(), 4, 3), y);
        assertEquals(2.0f, loss.item(), 1e-6f);
        Tensor leaf = Tensor.leaf(z.data().clone(), 4, 3);
        Losses.hamming(leaf, y).backward();
        assertEquals(-0.25f, leaf.grad()[0], 1e-7f);
        assertEquals(0.25f, leaf.grad()[1], 1e-7f);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Losses.hamming(Tensor.zeros(3, 3), Tensor.zeros(2, 3)));
        assertTrue(e.getMessage().contains("[3, 3]") && e.getMessage().contains("[2, 3]"), e.getMessage());
    }

    @Test
    void crossEntropyAndBinaryCrossEntropyMatchTheirFormulas() {
        float[] logits = {1, 2, 0.5f, -1, 0, 3};
        Tensor ce = Losses.crossEntropy(Tensor.of(logits, 2, 3), new int[] {1, 2});
        double r0 = -Math.log(Math.exp(2) / (Math.exp(1) + Math.exp(2) + Math.exp(0.5)));
        double r1 = -Math.log(Math.exp(3) / (Math.exp(-1) + Math.exp(0) + Math.exp(3)));
        assertEquals((r0 + r1) / 2, ce.item(), 1e-6);
        float[] y = {1, 0, 1, 0, 0, 1};
        double bce = 0;
        for (int i = 0; i < 6; i++) {
            double p = 1 / (1 + Math.exp(-logits[i]));
            bce -= y[i] * Math.log(p) + (1 - y[i]) * Math.log(1 - p);
        }
        assertEquals(bce / 6, Losses.bceWithLogits(Tensor.of(logits, 6), Tensor.of(y, 6)).item(), 1e-6);
        assertEquals(bce / 6, Losses.bce(Tensor.of(logits, 6).sigmoid(), Tensor.of(y, 6)).item(), 1e-5);
        assertEquals((1 + 4 + 0.25) / 3, Losses.mse(Tensor.of(new float[] {1, 2, 0.5f}, 3), Tensor.zeros(3)).item(), 1e-6);
        assertThrows(IllegalArgumentException.class, () -> Losses.crossEntropy(Tensor.of(logits, 2, 3), new int[] {0, 3}));
    }

    @Test
    void lossGradientsMatchFiniteDifferences() {
        SplittableRandom rnd = new SplittableRandom(4);
        float[] t = new float[12];
        for (int i = 0; i < 12; i++) {
            t[i] = rnd.nextBoolean() ? 1 : 0;
        }
        Tensor target = Tensor.of(t, 3, 4);
        int[][] s = {{3, 4}};
        check("mse", x -> Losses.mse(x[0], target), 1, new float[][] {values(rnd, 12)}, s);
        check("bceWithLogits", x -> Losses.bceWithLogits(x[0], target), 2, new float[][] {values(rnd, 12)}, s);
        check("bce", x -> Losses.bce(x[0], target), 3, new float[][] {uniform(rnd, 12, 0.2, 0.8)}, s);
        check("crossEntropy", x -> Losses.crossEntropy(x[0], new int[] {0, 3, 2}), 4, new float[][] {values(rnd, 12)}, s);
        check("hamming with two samples per row", x -> Losses.hamming(x[0], target), 5,
                new float[][] {uniform(rnd, 24, 0, 1)}, new int[][] {{6, 4}});
    }
}
