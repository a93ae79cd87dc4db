package org.imle.train.nn;

import org.imle.train.ops.Normalization;
import org.imle.train.tensor.Tensor;

/**
 * Batch normalisation over the channels of [B, C, H, W] inputs: gamma (ones) and beta (zeros) are
 * parameters, the running mean (zeros) and variance (ones) are buffers; momentum 0.1, eps 1e-5 as
 * in PyTorch. See {@link Normalization#batchNorm2d}; {@link #forwardRelu} is the same followed by a
 * ReLU, fused ({@link Normalization#batchNorm2dRelu}, the same numbers).
 */
public final class BatchNorm2d extends Module {

    private final Parameter gamma;
    private final Parameter beta;
    private final Tensor runningMean;
    private final Tensor runningVar;
    private final double momentum;
    private final double eps;

    public BatchNorm2d(int channels) {
        this(channels, 0.1, 1e-5);
    }

    public BatchNorm2d(int channels, double momentum, double eps) {
        gamma = parameter("weight", Parameter.constant(1f, channels));
        beta = parameter("bias", Parameter.constant(0f, channels));
        runningMean = buffer("running_mean", Tensor.zeros(channels));
        runningVar = buffer("running_var", Tensor.full(1f, channels));
        this.momentum = momentum;
        this.eps = eps;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Normalization.batchNorm2d(x, gamma.tensor(), beta.tensor(), runningMean, runningVar,
                isTraining(), momentum, eps);
    }

    /** {@code relu(forward(x))} in one fused operation, with the same numbers. */
    public Tensor forwardRelu(Tensor x) {
        return Normalization.batchNorm2dRelu(x, gamma.tensor(), beta.tensor(), runningMean, runningVar,
                isTraining(), momentum, eps);
    }
}
