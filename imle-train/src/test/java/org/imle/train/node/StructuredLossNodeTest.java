package org.imle.train.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.imle.api.StructuredLoss;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.api.Test;

class StructuredLossNodeTest {

    /** A loss with a known gradient: row loss sum_i w_i (theta_i - y_i)^2 with weights w = (1, 2, 3). */
    private static final StructuredLoss WEIGHTED_SQUARES = new StructuredLoss() {
        @Override
        public int dimension() {
            return 3;
        }

        @Override
        public String name() {
            return "weighted-squares";
        }

        @Override
        public String supervisionName() {
            return "target";
        }

        @Override
        public Evaluation evaluate(double[] theta, double[] y, int batchSize, long step, double[] grad) {
            double[] values = new double[batchSize];
            for (int b = 0; b < batchSize; b++) {
                for (int i = 0; i < 3; i++) {
                    double d = theta[b * 3 + i] - y[b * 3 + i];
                    values[b] += (i + 1) * d * d;
                    grad[b * 3 + i] = 2 * (i + 1) * d;
                }
            }
            return new Evaluation(values, theta.clone(), 1);
        }
    };

    @Test
    void outputsTheMeanRowLossAndPassesItsGradientScaledByUpstream() {
        Tensor theta = Tensor.leaf(new float[] {1, 2, 3, 0, 0, 1}, 2, 3);
        double[] y = {0, 2, 1, 1, 1, 1};
        Tensor loss = new StructuredLossNode(WEIGHTED_SQUARES).apply(theta, y, 0);
        // row 0: 1 * 1 + 0 + 3 * 4 = 13; row 1: 1 + 2 + 0 = 3; mean 8
        assertEquals(8f, loss.item(), 1e-6f);
        loss.mul(3f).backward();
        float[] g = theta.grad();
        // d(3 * mean)/dtheta = 3 / 2 * 2 (i + 1) d
        float[] expected = {3, 0, 18, -3, -6, 0};
        for (int i = 0; i < 6; i++) {
            assertEquals(expected[i], g[i], 1e-5f, "coordinate " + i);
        }
    }

    @Test
    void refusesThetaOfTheWrongShape() {
        Tensor theta = Tensor.leaf(new float[4], 2, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new StructuredLossNode(WEIGHTED_SQUARES).apply(theta, new double[6], 0));
        assertEquals("structured loss (weighted-squares): theta of shape [2, 2] does not fit [B, 3]", e.getMessage());
    }
}
