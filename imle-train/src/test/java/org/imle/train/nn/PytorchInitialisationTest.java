package org.imle.train.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The default initialisation of Conv2d and Linear is PyTorch's: weights from
 * {@code kaiming_uniform_(a = sqrt(5))} and biases from U(+-1/sqrt(fan_in)), both U(-b, b) with
 * b = 1/sqrt(fan_in); checked by the support and the moments (mean 0, variance b^2/3, and the
 * fourth moment 9/5 variance^2 of a uniform law, which a normal law of that variance would fail).
 * BatchNorm2d starts at weight 1, bias 0, running mean 0 and variance 1; Embedding from N(0, 1).
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

    @Test
    void fanInOfAConvolutionCountsItsKernelAndOfTheStemToo() {
        Conv2d stem = new Conv2d(3, 64, 7, 2, 3, false, new SplittableRandom(7));
        assertUniform(stem.weight().data(), 1 / Math.sqrt(3 * 49));
        Conv2d pointwise = new Conv2d(64, 1, 1, 1, 0, true, new SplittableRandom(8));
        assertEquals(1, pointwise.parameters().get(1).size());
        assertUniform(pointwise.weight().data(), 1 / Math.sqrt(64));
    }

    @Test
    void batchNormStartsAsPytorchsIdentity() {
        java.util.Map<String, org.imle.train.tensor.Tensor> state = new BatchNorm2d(5).state();
        assertArrayEquals(new float[] {1, 1, 1, 1, 1}, state.get("weight").data());
        assertArrayEquals(new float[5], state.get("bias").data());
        assertArrayEquals(new float[5], state.get("running_mean").data());
        assertArrayEquals(new float[] {1, 1, 1, 1, 1}, state.get("running_var").data());
    }

    @Test
    void embeddingFollowsPytorchsStandardNormalLaw() {
        float[] w = new Embedding(400, 100, new SplittableRandom(11)).weight().data();
        int n = w.length;
        double[] m = moments(w);
        // standard errors of N(0, 1): mean 1/sqrt(n), variance sqrt(2/n), fourth moment sqrt(96/n)
        assertEquals(0, m[0], 5 / Math.sqrt(n), "mean");
        assertEquals(1, m[1], 5 * Math.sqrt(2.0 / n), "variance");
        assertEquals(3, m[2], 5 * Math.sqrt(96.0 / n), "fourth moment");
    }

    /** Mean, variance and fourth central moment. */
    private static double[] moments(float[] w) {
        double mean = 0;
        for (float v : w) {
            mean += v;
        }
        mean /= w.length;
        double m2 = 0;
        double m4 = 0;
        for (float v : w) {
            double d = v - mean;
            m2 += d * d;
            m4 += d * d * d * d;
        }
        return new double[] {mean, m2 / w.length, m4 / w.length};
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
        // E[w^4] = b^4 / 5 for U(-b, b), standard error b^4 sqrt(1/9 - 1/25) / sqrt(n)
        double b4 = bound * bound * bound * bound;
        assertEquals(b4 / 5, moments(w)[2], 5 * b4 * Math.sqrt(1.0 / 9 - 1.0 / 25) / Math.sqrt(n),
                "fourth moment of " + n + " entries");
    }
}
