package org.imle.train.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.SplittableRandom;
import org.imle.train.tensor.GradMode;
import org.imle.train.tensor.Tensor;
import org.imle.train.testing.GradCheck;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pointwise and disjoint-window paths of {@link Convolution}, and its weight gradient formed
 * as a transpose, against its im2col path with the direct weight gradient: every output and
 * gradient bit for bit, on random shapes with odd sizes, batch 1 and several channels.
 */
class ConvolutionShortcutsTest {

    /** Kernel, stride, padding: the first two take a shortcut, the others check nothing broke. */
    @ParameterizedTest
    @CsvSource({"1, 1, 0", "2, 2, 0", "3, 3, 0", "2, 1, 0", "1, 2, 0", "3, 2, 1", "7, 2, 3"})
    void shortcutsGiveTheBitsOfIm2col(int kernel, int stride, int padding) {
        SplittableRandom rnd = new SplittableRandom(31L * kernel + 7L * stride + padding);
        for (int trial = 0; trial < 12; trial++) {
            int bN = trial % 3 == 0 ? 1 : 1 + rnd.nextInt(4);
            int c = 1 + rnd.nextInt(9);
            int o = 1 + rnd.nextInt(9);
            int h = kernel + rnd.nextInt(12);
            int w = kernel + rnd.nextInt(12);
            boolean bias = rnd.nextBoolean();
            float[] x = GradCheck.uniform(rnd, bN * c * h * w, -2, 2);
            float[] wt = GradCheck.uniform(rnd, o * c * kernel * kernel, -1, 1);
            float[] b = GradCheck.uniform(rnd, o, -1, 1);
            Run fast = new Run(x, wt, b, bias, bN, c, h, w, o, kernel, stride, padding, true, rnd.split());
            Run reference = new Run(x, wt, b, bias, bN, c, h, w, o, kernel, stride, padding, false, null);
            reference.backward(fast.seed, fast.twice);
            String what = "trial " + trial + ": [" + bN + ", " + c + ", " + h + ", " + w + "] to " + o;
            assertArrayEquals(reference.out, fast.out, what + " output");
            assertArrayEquals(reference.x.grad(), fast.x.grad(), what + " input gradient");
            assertArrayEquals(reference.w.grad(), fast.w.grad(), what + " weight gradient");
            if (bias) {
                assertArrayEquals(reference.b.grad(), fast.b.grad(), what + " bias gradient");
            }
        }
    }

    /**
     * Layers wide enough that the weight gradient is formed as its transpose (cols times g^T):
     * the CombResNet's 3x3 and 7x7 stride-2 shapes and the patch network's, scaled down.
     */
    @ParameterizedTest
    @CsvSource({"3, 1, 1, 24, 64", "3, 1, 1, 9, 33", "7, 2, 3, 3, 64", "2, 2, 0, 16, 32", "2, 2, 0, 3, 16",
        "1, 1, 0, 32, 1"})
    void wideLayersGiveTheBitsOfIm2col(int kernel, int stride, int padding, int c, int o) {
        SplittableRandom rnd = new SplittableRandom(1000L * kernel + c + o);
        int bN = 3;
        int h = kernel + 9;
        int w = kernel + 8;
        float[] x = GradCheck.uniform(rnd, bN * c * h * w, -2, 2);
        float[] wt = GradCheck.uniform(rnd, o * c * kernel * kernel, -1, 1);
        float[] b = GradCheck.uniform(rnd, o, -1, 1);
        Run fast = new Run(x, wt, b, false, bN, c, h, w, o, kernel, stride, padding, true, rnd.split());
        Run reference = new Run(x, wt, b, false, bN, c, h, w, o, kernel, stride, padding, false, null);
        reference.backward(fast.seed, fast.twice);
        String what = "[" + bN + ", " + c + ", " + h + ", " + w + "] to " + o;
        assertArrayEquals(reference.out, fast.out, what + " output");
        assertArrayEquals(reference.x.grad(), fast.x.grad(), what + " input gradient");
        assertArrayEquals(reference.w.grad(), fast.w.grad(), what + " weight gradient");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void shortcutsMatchFiniteDifferences(int kernel) {
        SplittableRandom rnd = new SplittableRandom(90 + kernel);
        int[] xs = {2, 3, 2 * kernel + 1, 3 * kernel};
        int[] ws = {4, 3, kernel, kernel};
        float[][] data = {GradCheck.values(rnd, 2 * 3 * xs[2] * xs[3]), GradCheck.values(rnd, 4 * 3 * kernel * kernel),
            GradCheck.values(rnd, 4)};
        GradCheck.check("conv2d " + kernel + "x" + kernel + " stride " + kernel,
                t -> Convolution.conv2d(t[0], t[1], t[2], kernel, 0), 5, data, new int[][] {xs, ws, {4}});
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void keepsNoColumnsWithoutRecording(int kernel) {
        SplittableRandom rnd = new SplittableRandom(kernel);
        Tensor x = Tensor.of(GradCheck.values(rnd, 2 * 3 * 6 * 6), 2, 3, 6, 6);
        Tensor w = Tensor.leaf(GradCheck.values(rnd, 5 * 3 * kernel * kernel), 5, 3, kernel, kernel);
        Tensor withGraph = Convolution.conv2d(x, w, null, kernel, 0, false);
        try (GradMode.Scope s = GradMode.off()) {
            Tensor y = Convolution.conv2d(x, w, null, kernel, 0);
            assertArrayEquals(withGraph.data(), y.data());
            assertNull(y.grad());
        }
    }

    /**
     * One convolution and its backward. With {@code twice} the input also feeds a second term, so
     * its gradient buffer already holds values when the convolution's backward adds to it.
     */
    private static final class Run {
        final Tensor x;
        final Tensor w;
        final Tensor b;
        final Tensor y;
        final float[] out;
        float[] seed;
        boolean twice;

        Run(float[] xd, float[] wd, float[] bd, boolean bias, int bN, int c, int h, int wdth, int o,
                int kernel, int stride, int padding, boolean shortcuts, SplittableRandom rnd) {
            x = Tensor.leaf(xd.clone(), bN, c, h, wdth);
            w = Tensor.leaf(wd.clone(), o, c, kernel, kernel);
            b = Tensor.leaf(bd.clone(), o);
            y = Convolution.conv2d(x, w, bias ? b : null, stride, padding, shortcuts);
            out = y.data();
            if (rnd != null) {
                seed = GradCheck.uniform(rnd, y.size(), -1, 1);
                twice = rnd.nextBoolean();
                backward(seed, twice);
            }
        }

        void backward(float[] g, boolean alsoSquare) {
            Tensor loss = y.mul(Tensor.of(g, y.shape())).sum();
            if (alsoSquare) {
                loss = x.square().sum().add(loss);
            }
            loss.backward();
        }
    }
}
