package org.imle.train.nn;

import java.util.SplittableRandom;
import org.imle.train.ops.Convolution;
import org.imle.train.tensor.Tensor;

/**
 * A 2-D convolution layer over [B, C, H, W] inputs with a square kernel; weight [O, C, k, k]
 * (PyTorch's layout), optional bias [O]. Initialised as PyTorch does (fan-in C k^2, weights then
 * bias drawn from the stream): {@link Parameter#pytorchDefaultWeight} and
 * {@link Parameter#pytorchDefaultBias}. See
 * {@link Convolution#conv2d} for the algorithm and cost.
 */
public final class Conv2d extends Module {

    private final Parameter weight;
    private final Parameter bias;
    private final int stride;
    private final int padding;

    public Conv2d(int in, int out, int kernel, int stride, int padding, boolean withBias, SplittableRandom rng) {
        if (in < 1 || out < 1 || kernel < 1) {
            throw new IllegalArgumentException("Conv2d needs in, out, kernel >= 1, got " + in + ", " + out + ", " + kernel);
        }
        int fanIn = in * kernel * kernel;
        this.weight = parameter("weight", Parameter.pytorchDefaultWeight(rng, fanIn, out, in, kernel, kernel));
        this.bias = withBias ? parameter("bias", Parameter.pytorchDefaultBias(rng, fanIn, out)) : null;
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
