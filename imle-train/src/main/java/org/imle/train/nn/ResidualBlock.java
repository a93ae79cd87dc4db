package org.imle.train.nn;

import java.util.SplittableRandom;
import org.imle.train.tensor.Tensor;

/**
 * The basic residual block of ResNet-18 (He et al., CVPR 2016): two 3x3 convolutions with batch
 * norm, ReLU between them, and a shortcut added before the final ReLU. The shortcut is the
 * identity, or a strided 1x1 convolution with batch norm when the stride or the channel count
 * changes.
 */
public final class ResidualBlock extends Module {

    private final Conv2d conv1;
    private final BatchNorm2d bn1;
    private final Conv2d conv2;
    private final BatchNorm2d bn2;
    private final Sequential downsample;

    public ResidualBlock(int in, int out, int stride, SplittableRandom rng) {
        this(in, out, stride, WeightInit.of(rng));
    }

    /** As the other constructor, the convolutions' weights drawn from {@code init} in the order conv1, conv2, shortcut. */
    public ResidualBlock(int in, int out, int stride, WeightInit init) {
        conv1 = child("conv1", new Conv2d(in, out, 3, stride, 1, false, init));
        bn1 = child("bn1", new BatchNorm2d(out));
        conv2 = child("conv2", new Conv2d(out, out, 3, 1, 1, false, init));
        bn2 = child("bn2", new BatchNorm2d(out));
        downsample = stride != 1 || in != out
                ? child("downsample", new Sequential(new Conv2d(in, out, 1, stride, 0, false, init), new BatchNorm2d(out)))
                : null;
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor y = bn1.forwardRelu(conv1.forward(x));
        y = bn2.forward(conv2.forward(y));
        Tensor shortcut = downsample == null ? x : downsample.forward(x);
        return y.add(shortcut).relu();
    }
}
