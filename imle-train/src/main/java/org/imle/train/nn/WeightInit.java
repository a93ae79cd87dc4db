package org.imle.train.nn;

import java.util.SplittableRandom;
import org.imle.train.tensor.Shape;

/**
 * Where a layer's initial weights come from. Both sources follow PyTorch's default law for
 * Conv2d (weights and bias uniform on +-1/sqrt(fan-in)); they differ in the random numbers.
 * Layers draw their parameters in construction order, weight before bias, as PyTorch's modules
 * do, so a network built from {@link #pytorch(long)} holds the weights that PyTorch builds
 * after {@code torch.manual_seed(seed)}.
 */
public interface WeightInit {

    /** A weight tensor of the given shape (PyTorch's layout) for a layer of {@code fanIn} inputs per output. */
    Parameter weight(int fanIn, int... shape);

    /** A bias tensor of the given shape for a layer of {@code fanIn} inputs per output. */
    Parameter bias(int fanIn, int... shape);

    /**
     * The same draws with their signs flipped: a model of theta = -c starts where the model of the
     * costs c that drew them starts, mirrored, and Adam keeps the mirror step for step (its update is
     * odd in the gradient), so the two follow one trajectory up to the sign.
     */
    default WeightInit negated() {
        WeightInit drawn = this;
        return new WeightInit() {
            @Override
            public Parameter weight(int fanIn, int... shape) {
                return flipped(drawn.weight(fanIn, shape));
            }

            @Override
            public Parameter bias(int fanIn, int... shape) {
                return flipped(drawn.bias(fanIn, shape));
            }

            private Parameter flipped(Parameter p) {
                float[] v = p.data();
                for (int i = 0; i < v.length; i++) {
                    v[i] = -v[i];
                }
                return p;
            }
        };
    }

    /**
     * imle's own draws from a Java stream ({@link Parameter#pytorchDefaultWeight},
     * {@link Parameter#pytorchDefaultBias}): what the layers' {@code SplittableRandom}
     * constructors use.
     */
    static WeightInit of(SplittableRandom rng) {
        java.util.Objects.requireNonNull(rng, "the random stream of the initial weights");
        return new WeightInit() {
            @Override
            public Parameter weight(int fanIn, int... shape) {
                return Parameter.pytorchDefaultWeight(rng, fanIn, shape);
            }

            @Override
            public Parameter bias(int fanIn, int... shape) {
                return Parameter.pytorchDefaultBias(rng, fanIn, shape);
            }
        };
    }

    /**
     * PyTorch's draws after {@code torch.manual_seed(seed)} on the CPU ({@link TorchGenerator}),
     * with PyTorch's bounds computed as {@code reset_parameters} computes them:
     * {@code kaiming_uniform_(w, a = sqrt(5))} for weights, {@code 1 / sqrt(fan_in)} for biases.
     */
    static WeightInit pytorch(long seed) {
        return pytorch(new TorchGenerator(seed));
    }

    /**
     * As {@link #pytorch(long)}, drawing from {@code generator}, which moves on by one output per
     * entry: what PyTorch's global generator has drawn once the network is built, so that the draws
     * that follow (a data loader's shuffles) can be made from it too.
     */
    static WeightInit pytorch(TorchGenerator generator) {
        java.util.Objects.requireNonNull(generator, "the generator of the initial weights");
        return new WeightInit() {
            @Override
            public Parameter weight(int fanIn, int... shape) {
                double a = Math.sqrt(5);
                double gain = Math.sqrt(2.0 / (1 + a * a));
                return draw(Math.sqrt(3.0) * (gain / Math.sqrt(fanIn)), shape);
            }

            @Override
            public Parameter bias(int fanIn, int... shape) {
                return draw(1 / Math.sqrt(fanIn), shape);
            }

            private Parameter draw(double bound, int... shape) {
                float[] values = new float[Shape.size(shape)];
                generator.uniform(values, -bound, bound);
                return Parameter.of(values, shape);
            }
        };
    }
}
