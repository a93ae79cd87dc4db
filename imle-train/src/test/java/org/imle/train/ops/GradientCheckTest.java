package org.imle.train.ops;

import static org.imle.train.testing.GradCheck.check;
import static org.imle.train.testing.GradCheck.distinct;
import static org.imle.train.testing.GradCheck.uniform;
import static org.imle.train.testing.GradCheck.values;

import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;
import org.imle.train.tensor.Shape;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every operation's backward against central finite differences on seeded random shapes. */
class GradientCheckTest {


    static Stream<Arguments> broadcastShapes() {
        return Stream.of(
                Arguments.of(new int[] {3, 4}, new int[] {3, 4}),
                Arguments.of(new int[] {3, 4}, new int[] {4}),
                Arguments.of(new int[] {4}, new int[] {3, 4}),
                Arguments.of(new int[] {2, 3, 4}, new int[] {3, 1}),
                Arguments.of(new int[] {1}, new int[] {2, 3}),
                Arguments.of(new int[] {}, new int[] {2, 2}),
                Arguments.of(new int[] {2, 2}, new int[] {}),
                Arguments.of(new int[] {2, 1, 4}, new int[] {1, 3, 1}),
                Arguments.of(new int[] {2, 3, 1, 1}, new int[] {1, 3, 2, 2}),
                Arguments.of(new int[] {5, 1}, new int[] {1, 1}));
    }

    @ParameterizedTest
    @MethodSource("broadcastShapes")
    void binaryOperationsBackpropagateThroughBroadcasting(int[] a, int[] b) {
        SplittableRandom rnd = new SplittableRandom(a.length * 31L + b.length);
        float[] x = values(rnd, Shape.size(a));
        float[] y = uniform(rnd, Shape.size(b), 0.5, 1.5);
        float[][] data = {x, y};
        int[][] shapes = {a, b};
        check("add", t -> t[0].add(t[1]), 1, data, shapes);
        check("sub", t -> t[0].sub(t[1]), 2, data, shapes);
        check("mul", t -> t[0].mul(t[1]), 3, data, shapes);
        check("div", t -> t[0].div(t[1]), 4, data, shapes);
        check("div reversed", t -> t[1].div(t[0]), 5, data, shapes);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void unaryOperationsMatchFiniteDifferences(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] shape = randomShape(rnd, 3, 4);
        int n = Shape.size(shape);
        float[][] v = {values(rnd, n)};
        float[][] pos = {uniform(rnd, n, 0.3, 2.0)};
        int[][] s = {shape};
        check("exp", t -> t[0].exp(), seed, v, s);
        check("log", t -> t[0].log(), seed, pos, s);
        check("sqrt", t -> t[0].sqrt(), seed, pos, s);
        check("square", t -> t[0].square(), seed, v, s);
        check("abs", t -> t[0].abs(), seed, v, s);
        check("addScalar", t -> t[0].add(0.7f), seed, v, s);
        check("mulScalar", t -> t[0].mul(-1.3f), seed, v, s);
        check("relu", t -> t[0].relu(), seed, v, s);
        check("tanh", t -> t[0].tanh(), seed, v, s);
        check("sigmoid", t -> t[0].sigmoid(), seed, v, s);
        check("softplus", t -> t[0].softplus(), seed, v, s);
        check("softmax", t -> t[0].softmax(), seed, v, s);
        check("logSoftmax", t -> t[0].logSoftmax(), seed, v, s);
        check("dropout", t -> Activations.dropout(t[0], 0.4, seed, 7), seed, v, s);
        check("x * x", t -> t[0].mul(t[0]), seed, v, s);
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 12, 13})
    void reductionsMatchFiniteDifferences(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] shape = randomShape(rnd, 3, 4);
        int n = Shape.size(shape);
        float[][] v = {values(rnd, n)};
        float[][] d = {distinct(rnd, n)};
        int[][] s = {shape};
        check("sum", t -> t[0].sum(), seed, v, s);
        check("mean", t -> t[0].mean(), seed, v, s);
        for (int dim = 0; dim < shape.length; dim++) {
            int dd = dim;
            check("sum dim " + dim, t -> t[0].sum(dd, false), seed, v, s);
            check("mean dim " + dim, t -> t[0].mean(dd, true), seed, v, s);
            check("max dim " + dim, t -> t[0].max(dd, false), seed, d, s);
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {21, 22, 23})
    void shapingOperationsMatchFiniteDifferences(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] shape = {2 + rnd.nextInt(3), 1 + rnd.nextInt(3), 2 + rnd.nextInt(3)};
        int n = Shape.size(shape);
        float[][] v = {values(rnd, n)};
        int[][] s = {shape};
        check("reshape", t -> t[0].reshape(-1, shape[2]).mul(t[0].reshape(-1, shape[2])), seed, v, s);
        check("permute", t -> t[0].permute(2, 0, 1), seed, v, s);
        check("transpose", t -> t[0].reshape(shape[0], -1).t(), seed, v, s);
        check("slice", t -> t[0].slice(2, 1, shape[2]), seed, v, s);
        check("slice dim 0", t -> t[0].slice(0, 0, 1), seed, v, s);
        check("indexSelect", t -> t[0].indexSelect(1, 0, 1, shape[0] - 1), seed, v, s);
        int[] other = {shape[0], 3, shape[2]};
        float[][] two = {v[0], values(rnd, Shape.size(other))};
        check("concat", t -> Shaping.concat(1, t[0], t[1]), seed, two, new int[][] {shape, other});
    }

    @ParameterizedTest
    @ValueSource(longs = {31, 32, 33, 34})
    void matrixProductMatchesFiniteDifferences(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int m = 1 + rnd.nextInt(6);
        int k = 1 + rnd.nextInt(9);
        int n = 1 + rnd.nextInt(7);
        check("matmul", t -> t[0].matmul(t[1]), seed,
                new float[][] {values(rnd, m * k), values(rnd, k * n)}, new int[][] {{m, k}, {k, n}});
        check("batched matmul", t -> t[0].matmul(t[1]), seed,
                new float[][] {values(rnd, 2 * m * k), values(rnd, k * n)}, new int[][] {{2, m, k}, {k, n}});
        check("linear", t -> LinearAlgebra.linear(t[0], t[1], t[2]), seed,
                new float[][] {values(rnd, m * k), values(rnd, k * n), values(rnd, n)},
                new int[][] {{m, k}, {k, n}, {n}});
    }

    @ParameterizedTest
    @ValueSource(longs = {41, 42, 43, 44, 45})
    void convolutionMatchesFiniteDifferences(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int b = 1 + rnd.nextInt(2);
        int c = 1 + rnd.nextInt(3);
        int o = 1 + rnd.nextInt(3);
        int k = 1 + rnd.nextInt(3);
        int stride = 1 + rnd.nextInt(2);
        int pad = rnd.nextInt(k);
        int h = k + rnd.nextInt(4);
        int w = k + rnd.nextInt(4);
        int[][] shapes = {{b, c, h, w}, {o, c, k, k}, {o}};
        float[][] data = {values(rnd, b * c * h * w), values(rnd, o * c * k * k), values(rnd, o)};
        check("conv2d", t -> Convolution.conv2d(t[0], t[1], t[2], stride, pad), seed, data, shapes);
        check("conv2d without bias", t -> Convolution.conv2d(t[0], t[1], null, stride, pad), seed,
                new float[][] {data[0], data[1]}, new int[][] {shapes[0], shapes[1]});
    }

    @ParameterizedTest
    @ValueSource(longs = {51, 52, 53, 54})
    void poolingMatchesFiniteDifferences(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int[] shape = {1 + rnd.nextInt(2), 1 + rnd.nextInt(2), 3 + rnd.nextInt(5), 3 + rnd.nextInt(5)};
        float[][] d = {distinct(rnd, Shape.size(shape))};
        int[][] s = {shape};
        int k = 2 + rnd.nextInt(2);
        int stride = 1 + rnd.nextInt(2);
        int pad = rnd.nextInt(k / 2 + 1);
        check("maxPool2d", t -> Pooling.maxPool2d(t[0], k, stride, pad), seed, d, s);
        check("avgPool2d", t -> Pooling.avgPool2d(t[0], k, stride, pad), seed, d, s);
        int oh = 1 + rnd.nextInt(shape[2]);
        int ow = 1 + rnd.nextInt(shape[3]);
        check("adaptiveMaxPool2d", t -> Pooling.adaptiveMaxPool2d(t[0], oh, ow), seed, d, s);
    }

    @ParameterizedTest
    @ValueSource(longs = {61, 62, 63})
    void batchNormMatchesFiniteDifferencesInBothModes(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int c = 1 + rnd.nextInt(3);
        int[] shape = {2 + rnd.nextInt(2), c, 2 + rnd.nextInt(2), 2 + rnd.nextInt(3)};
        float[][] data = {values(rnd, Shape.size(shape)), uniform(rnd, c, 0.5, 1.5), values(rnd, c)};
        int[][] shapes = {shape, {c}, {c}};
        float[] rm = values(rnd, c);
        float[] rv = uniform(rnd, c, 0.5, 2);
        for (boolean training : new boolean[] {true, false}) {
            Function<Tensor[], Tensor> f = t -> Normalization.batchNorm2d(t[0], t[1], t[2],
                    Tensor.of(rm.clone(), c), Tensor.of(rv.clone(), c), training, 0.1, 1e-5);
            check("batchNorm2d training=" + training, f, seed, data, shapes);
        }
    }

    private static int[] randomShape(SplittableRandom rnd, int maxRank, int maxDim) {
        int rank = 1 + rnd.nextInt(maxRank);
        int[] s = new int[rank];
        for (int i = 0; i < rank; i++) {
            s[i] = 1 + rnd.nextInt(maxDim);
        }
        return s;
    }
}
