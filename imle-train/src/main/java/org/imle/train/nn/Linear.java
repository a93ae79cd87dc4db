package org.imle.train.nn;

import java.util.SplittableRandom;
import org.imle.train.ops.LinearAlgebra;
import org.imle.train.tensor.MatMul;
import org.imle.train.tensor.Tensor;

/**
 * A fully connected layer {@code y = x W + b} for x of shape [..., in]. The weight is stored as
 * [in, out] (the transpose of PyTorch's layout) so the forward is one product with no transpose.
 * Initialised as PyTorch does (fan-in {@code in}, weights then bias drawn from the stream):
 * {@link Parameter#pytorchDefaultWeight}, {@link Parameter#pytorchDefaultBias}; or from a
 * {@link WeightInit}, in PyTorch's order and layout. O(rows in out).
 */
public final class Linear extends Module {

    private final Parameter weight;
    private final Parameter bias;

    public Linear(int in, int out, SplittableRandom rng) {
        this(in, out, true, rng);
    }

    public Linear(int in, int out, boolean withBias, SplittableRandom rng) {
        weight = parameter("weight", Parameter.pytorchDefaultWeight(rng, in, in, out));
        bias = withBias ? parameter("bias", Parameter.pytorchDefaultBias(rng, in, out)) : null;
    }

    /**
     * A layer whose weight {@code init} draws in PyTorch's layout [out, in] and order (weight, then
     * bias), stored transposed: with {@link WeightInit#pytorch(long)} it holds what
     * {@code torch.nn.Linear(in, out)} holds after {@code torch.manual_seed(seed)}. (From
     * {@link WeightInit#of} its numbers are therefore not those of the {@code SplittableRandom}
     * constructor, which draws [in, out] directly.)
     */
    public Linear(int in, int out, WeightInit init) {
        float[] w = new float[in * out];
        MatMul.transpose(init.weight(in, out, in).data(), 0, out, in, w, 0);
        weight = parameter("weight", Parameter.of(w, in, out));
        bias = parameter("bias", init.bias(in, out));
    }

    @Override
    public Tensor forward(Tensor x) {
        return LinearAlgebra.linear(x, weight.tensor(), bias == null ? null : bias.tensor());
    }

    public Parameter weight() {
        return weight;
    }

    public Parameter bias() {
        return bias;
    }
}
