package org.imle.train.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.imle.train.tensor.Tensor;
import org.imle.train.testing.GradCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Normalization#batchNorm2dRelu} against batch norm followed by {@link Activations#relu}, bit for bit. */
class BatchNormReluTest {

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6})
    void fusedGivesTheBitsOfBatchNormThenRelu(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int bN = seed % 3 == 0 ? 1 : 1 + rnd.nextInt(5);
        int c = 1 + rnd.nextInt(6);
        int h = 1 + rnd.nextInt(7);
        int w = 2 + rnd.nextInt(7);
        int[] shape = {bN, c, h, w};
        float[] x = GradCheck.uniform(rnd, bN * c * h * w, -3, 3);
        float[] gamma = GradCheck.uniform(rnd, c, -1.5, 1.5);
        // a zero gamma makes outputs exactly beta: ties at the kink when beta is 0 too
        gamma[0] = seed % 2 == 0 ? 0f : gamma[0];
        float[] beta = GradCheck.uniform(rnd, c, -0.5, 0.5);
        beta[0] = 0f;
        float[] upstream = GradCheck.uniform(rnd, x.length, -1, 1);
        for (int i = 0; i < upstream.length; i += 5) {
            upstream[i] = -0f;
        }
        float[] rm = GradCheck.uniform(rnd, c, -1, 1);
        float[] rv = GradCheck.uniform(rnd, c, 0.5, 2);
        for (boolean training : new boolean[] {true, false}) {
            for (int steps = 1; steps <= 3; steps++) {
                Side fused = new Side(shape, x, gamma, beta, rm, rv);
                Side separate = new Side(shape, x, gamma, beta, rm, rv);
                for (int s = 0; s < steps; s++) {
                    fused.step(Normalization.batchNorm2dRelu(fused.x, fused.gamma, fused.beta, fused.rm, fused.rv,
                            training, 0.1, 1e-5), upstream);
                    separate.step(Activations.relu(Normalization.batchNorm2d(separate.x, separate.gamma, separate.beta,
                            separate.rm, separate.rv, training, 0.1, 1e-5)), upstream);
                }
                String what = "training=" + training + ", " + steps + " steps";
                assertArrayEquals(separate.out, fused.out, what + ": output");
                assertArrayEquals(separate.x.grad(), fused.x.grad(), what + ": input gradient");
                assertArrayEquals(separate.gamma.grad(), fused.gamma.grad(), what + ": gamma gradient");
                assertArrayEquals(separate.beta.grad(), fused.beta.grad(), what + ": beta gradient");
                assertArrayEquals(separate.rm.data(), fused.rm.data(), what + ": running mean");
                assertArrayEquals(separate.rv.data(), fused.rv.data(), what + ": running variance");
            }
        }
    }

    @Test
    void reluBitsAreTheSelectsForEveryKindOfFloat() {
        SplittableRandom rnd = new SplittableRandom(9);
        float[] special = {0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE, Float.MIN_NORMAL, 1f, -1f, Float.MAX_VALUE,
            -Float.MAX_VALUE, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.NaN,
            Float.intBitsToFloat(0xFFC00001), Float.intBitsToFloat(0x7F800001)};
        float[] values = new float[special.length + 10_000];
        System.arraycopy(special, 0, values, 0, special.length);
        for (int i = special.length; i < values.length; i++) {
            values[i] = Float.intBitsToFloat(rnd.nextInt());
        }
        for (float y : values) {
            float out = y > 0f ? y : 0f;
            assertEquals(Float.floatToRawIntBits(out), Float.floatToRawIntBits(ReluBits.relu(y)), "relu of " + y);
            for (float g : special) {
                float expected = 0f + (out > 0f ? g : 0f);
                assertEquals(Float.floatToRawIntBits(expected), Float.floatToRawIntBits(ReluBits.grad(out, g)),
                        "gradient " + g + " at " + y);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {71, 72})
    void fusedMatchesFiniteDifferences(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int c = 2;
        int[] shape = {3, c, 3, 2};
        float[][] data = {GradCheck.values(rnd, 36), GradCheck.uniform(rnd, c, 0.5, 1.5), GradCheck.values(rnd, c)};
        for (boolean training : new boolean[] {true, false}) {
            GradCheck.check("batchNorm2dRelu training=" + training, t -> Normalization.batchNorm2dRelu(t[0], t[1], t[2],
                    Tensor.of(new float[c], c), Tensor.full(1f, c), training, 0.1, 1e-5),
                    seed, data, new int[][] {shape, {c}, {c}}, 1e-3f);
        }
    }

    /** Leaves and running statistics of one side; gradients accumulate over the steps. */
    private static final class Side {
        final Tensor x;
        final Tensor gamma;
        final Tensor beta;
        final Tensor rm;
        final Tensor rv;
        float[] out;

        Side(int[] shape, float[] xd, float[] g, float[] b, float[] m, float[] v) {
            int c = g.length;
            x = Tensor.leaf(xd.clone(), shape);
            gamma = Tensor.leaf(g.clone(), c);
            beta = Tensor.leaf(b.clone(), c);
            rm = Tensor.of(m.clone(), c);
            rv = Tensor.of(v.clone(), c);
        }

        void step(Tensor y, float[] upstream) {
            out = y.data();
            y.backward(upstream);
        }
    }
}
