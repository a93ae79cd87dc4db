package org.imle.train.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The default initialisation of Conv2d and Linear is PyTorch's: weights from
 * {@code kaiming_uniform_(a = sqrt(5))} and biases from U(+-1/sqrt(fan_in)), both U(-b, b) with
 * b = 1/sqrt(fan_in); checked by the support and the first two moments (mean 0, variance b^2/3).
 */
class PytorchInitialisationTest {

    @Test
    void conv2dWeightsAndBiasFollowPytorchsUniformLaw() {
        Conv2d conv = new Conv2d(32, 64, 3, 1, 1, true, new SplittableRandom(3));
        double bound = 1 / Math.sqrt(32 * 9);
        assertUniform(conv.parameters().get(0).data(), bound);
        assertUniform(conv.parameters().get(1).data(), bound);
    }

    @Test
    void linearWeightsAndBiasFollowPytorchsUniformLaw() {
        Linear linear = new Linear(200, 300, new SplittableRandom(5));
        double bound = 1 / Math.sqrt(200);
        assertUniform(linear.weight().data(), bound);
        assertUniform(linear.bias().data(), bound);
    }

    private static void assertUniform(float[] w, double bound) {
        double sum = 0;
        double sq = 0;
        for (float v : w) {
            assertTrue(Math.abs(v) <= bound, "entry " + v + " outside +-" + bound);
            sum += v;
            sq += (double) v * v;
        }
        int n = w.length;
        double mean = sum / n;
        double var = sq / n - mean * mean;
        double expectedVar = bound * bound / 3;
        // standard errors of U(-b, b): mean b/sqrt(3n), variance b^2 sqrt(4/45)/sqrt(n); 5 of them
        assertEquals(0, mean, 5 * bound / Math.sqrt(3.0 * n), "mean of " + n + " entries");
        assertEquals(expectedVar, var, 5 * bound * bound * Math.sqrt(4.0 / 45) / Math.sqrt(n), "variance of " + n + " entries");
    }
}
