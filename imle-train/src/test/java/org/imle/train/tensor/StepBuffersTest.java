package org.imle.train.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.imle.train.ops.Convolution;
import org.imle.train.ops.Normalization;
import org.junit.jupiter.api.Test;

/**
 * {@link StepBuffers}: arrays come back in the next step, zeroed from {@link StepBuffers#floats}
 * and as they were from {@link StepBuffers#overwritten}; and the operations that take the second
 * kind give, in a later step on other inputs, the bits of a run without any pool.
 */
class StepBuffersTest {

    @Test
    void floatsAreZeroedAndOverwrittenArraysKeepTheirContents() {
        float[] outside = StepBuffers.overwritten(5);
        assertArrayEquals(new float[5], outside, "outside a step: a new array");
        StepBuffers pool = new StepBuffers();
        float[] zeroed;
        float[] kept;
        try (StepBuffers.Scope s = pool.step()) {
            zeroed = StepBuffers.floats(4);
            kept = StepBuffers.overwritten(4);
            assertNotSame(zeroed, kept);
            Arrays.fill(zeroed, 3f);
            Arrays.fill(kept, 7f);
        }
        try (StepBuffers.Scope s = pool.step()) {
            assertSame(zeroed, StepBuffers.floats(4));
            assertArrayEquals(new float[4], zeroed, "floats hands its array out zeroed");
            assertSame(kept, StepBuffers.overwritten(4));
            assertArrayEquals(new float[] {7f, 7f, 7f, 7f}, kept, "overwritten leaves the contents");
        }
        assertEquals(8, pool.heldFloats());
    }

    /** One step of convolution (padded, strided, disjoint) and batch norm, its output and input gradient. */
    private static float[][] step(float[] input, float[] weights, int stride, int padding, int k) {
        Tensor x = Tensor.leaf(input.clone(), 3, 2, 9, 9);
        Tensor w = Tensor.leaf(weights.clone(), 4, 2, k, k);
        Tensor y = Convolution.conv2d(x, w, null, stride, padding);
        int c = y.shape()[1];
        float[] ones = new float[c];
        Arrays.fill(ones, 1f);
        Tensor z = Normalization.batchNorm2d(y, Tensor.leaf(ones.clone(), c), Tensor.leaf(new float[c], c),
                Tensor.of(new float[c], c), Tensor.of(ones.clone(), c), true, 0.1, 1e-5);
        float[] out = z.data().clone();
        float[] upstream = new float[out.length];
        for (int i = 0; i < upstream.length; i++) {
            upstream[i] = (float) Math.sin(i);
        }
        z.backward(upstream);
        return new float[][] {out, x.grad().clone(), w.grad().clone()};
    }

    @Test
    void operationsOnReusedArraysGiveTheBitsOfFreshOnes() {
        SplittableRandom r = new SplittableRandom(4);
        for (int[] geometry : new int[][] {{1, 1, 3}, {2, 0, 2}, {2, 3, 7}, {1, 0, 1}}) {
            float[][] inputs = new float[3][3 * 2 * 81];
            float[][] weights = new float[3][4 * 2 * geometry[2] * geometry[2]];
            for (int s = 0; s < 3; s++) {
                for (int i = 0; i < inputs[s].length; i++) {
                    inputs[s][i] = (float) r.nextDouble(-2, 2);
                }
                for (int i = 0; i < weights[s].length; i++) {
                    weights[s][i] = (float) r.nextDouble(-1, 1);
                }
            }
            StepBuffers pool = new StepBuffers();
            for (int s = 0; s < 3; s++) {
                float[][] pooled;
                try (StepBuffers.Scope scope = pool.step()) {
                    pooled = step(inputs[s], weights[s], geometry[0], geometry[1], geometry[2]);
                }
                float[][] fresh = step(inputs[s], weights[s], geometry[0], geometry[1], geometry[2]);
                for (int part = 0; part < 3; part++) {
                    assertArrayEquals(fresh[part], pooled[part], Arrays.toString(geometry) + ", step " + s + ", part " + part);
                }
            }
        }
    }
}
