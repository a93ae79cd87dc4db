package org.imle.train.nn;

import java.util.SplittableRandom;
import org.imle.train.ops.Convolution;
import org.imle.train.tensor.Tensor;

/**
 * A 2-D convolution layer over [B, C, H, W] inputs with a square kernel; weight [O, C, k, k]
 * (PyTorch's layout), optional bias [O]. Initialised with PyTorch's default law (fan-in C k^2, weight then
 * bias drawn from the {@link WeightInit}: a Java stream, or PyTorch's own generator). See
 * {@link Convolution#conv2d} for the algorithm and cost.
 */
public final class Conv2d extends Module {

    private final Parameter weight;
    private final Parameter bias;
    private final int stride;
    private final int padding;

    public Conv2d(int in, int out, int kernel, int stride, int padding, boolean withBias, SplittableRandom rng) {
        this(in, out, kernel, stride, padding, withBias, WeightInit.of(rng));
    }

    /** As the other constructor, the weight (then the bias) drawn from {@code init}. */
    public Conv2d(int in, int out, int kernel, int stride, int padding, boolean withBias, WeightInit init) {
        if (in < 1 || out < 1 || kernel < 1) {
            throw new IllegalArgumentException("Conv2d needs in, out, kernel >= 1, got " + in + ", " + out + ", " + kernel);
        }
        int fanIn = in * kernel * kernel;
        this.weight = parameter("weight", init.weight(fanIn, out, in, kernel, kernel));
        this.bias = withBias ? parameter("bias", init.bias(fanIn, out)) : null;
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Convolution.conv2d(x, weight.tensor(), bias == null ? null : bias.tensor(), stride, padding);
    }

    public Parameter weight() {
        return weight;
    }
}
