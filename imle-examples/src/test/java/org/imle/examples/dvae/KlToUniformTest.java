package org.imle.examples.dvae;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.imle.train.tensor.GradMode;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.api.Test;

class KlToUniformTest {

    @Test
    void uniformLogitsGiveZero() {
        Tensor kl = KlToUniform.perExample(Tensor.full(3.5f, 2, 12), 4);
        assertEquals(2, kl.size());
        assertEquals(0.0, kl.data()[0], 1e-6);
        assertEquals(0.0, kl.data()[1], 1e-6);
    }

    @Test
    void oneGroupOfTwoByHand() {
        // softmax(ln 2, 0) = (2/3, 1/3); KL to (1/2, 1/2) = 2/3 ln(4/3) + 1/3 ln(2/3)
        Tensor kl = KlToUniform.perExample(Tensor.of(new float[] {(float) Math.log(2), 0f}, 1, 2), 2);
        double expected = 2.0 / 3 * Math.log(4.0 / 3) + 1.0 / 3 * Math.log(2.0 / 3);
        assertEquals(expected, kl.data()[0], 1e-6);
    }

    @Test
    void groupsAddUpAndTheBatchTermIsTheirMean() {
        // example 0: groups (ln 3, 0, 0) and (0, 0, 0); example 1: a near-one-hot group and (0, ln 2, 0)
        float[] logits = {(float) Math.log(3), 0, 0, 0, 0, 0, 30, 0, 0, 0, (float) Math.log(2), 0};
        Tensor kl = KlToUniform.perExample(Tensor.of(logits, 2, 6), 3);
        double g1 = 0.6 * Math.log(0.6 * 3) + 2 * 0.2 * Math.log(0.2 * 3);
        double oneHot = Math.log(3); // KL of a point mass to uniform on 3
        double g2 = 0.5 * Math.log(0.5 * 3) + 2 * 0.25 * Math.log(0.25 * 3);
        assertEquals(g1, kl.data()[0], 1e-6);
        assertEquals(oneHot + g2, kl.data()[1], 1e-5);
        assertEquals((g1 + oneHot + g2) / 2, KlToUniform.mean(Tensor.of(logits, 2, 6), 3).item(), 1e-5);
    }

    @Test
    void matchesTheReferenceFormulaOnRandomLogits() {
        SplittableRandom rnd = new SplittableRandom(5);
        for (int trial = 0; trial < 100; trial++) {
            int b = 1 + rnd.nextInt(3);
            int n = 1 + rnd.nextInt(4);
            int m = 2 + rnd.nextInt(6);
            float[] x = new float[b * n * m];
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) (4 * rnd.nextGaussian());
            }
            float[] kl = KlToUniform.perExample(Tensor.of(x, b, n * m), m).data();
            for (int e = 0; e < b; e++) {
                double sum = 0;
                for (int g = 0; g < n; g++) {
                    int off = (e * n + g) * m;
                    double max = Double.NEGATIVE_INFINITY;
                    for (int i = 0; i < m; i++) {
                        max = Math.max(max, x[off + i]);
                    }
                    double z = 0;
                    for (int i = 0; i < m; i++) {
                        z += Math.exp(x[off + i] - max);
                    }
                    for (int i = 0; i < m; i++) {
                        double q = Math.exp(x[off + i] - max) / z;
                        sum += q * (Math.log(q + 1e-20) - Math.log(1.0 / m));
                    }
                }
                assertEquals(sum, kl[e], 1e-4 * Math.max(1, sum), "trial " + trial + " example " + e);
            }
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        SplittableRandom rnd = new SplittableRandom(6);
        float[] x = new float[2 * 8];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
        }
        Tensor leaf = Tensor.leaf(x.clone(), 2, 8);
        KlToUniform.mean(leaf, 4).backward();
        float h = 1e-2f;
        for (int i = 0; i < x.length; i++) {
            double plus;
            double minus;
            try (GradMode.Scope s = GradMode.off()) {
                float[] p = x.clone();
                p[i] += h;
                plus = KlToUniform.mean(Tensor.of(p, 2, 8), 4).item();
                float[] q = x.clone();
                q[i] -= h;
                minus = KlToUniform.mean(Tensor.of(q, 2, 8), 4).item();
            }
            double numeric = (plus - minus) / (2 * h);
            assertEquals(numeric, leaf.grad()[i], 2e-3 + 2e-2 * Math.abs(numeric), "coordinate " + i);
        }
    }

    @Test
    void refusesRowsThatAreNotWholeGroups() {
        String m = assertThrows(IllegalArgumentException.class,
                () -> KlToUniform.perExample(Tensor.zeros(2, 10), 4)).getMessage();
        assertTrue(m.contains("[2, 10]"), m);
    }
}
