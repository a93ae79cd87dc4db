package org.imle.train.nn;

import java.util.SplittableRandom;
import org.imle.train.tensor.Tensor;

/**
 * A trainable tensor of a {@link Module}: a leaf that requires a gradient, updated in place by an
 * optimiser through {@link #data()}. Factories give the usual initialisations from a seeded
 * {@link SplittableRandom}, so a model built from the same seed has the same weights.
 */
public final class Parameter {

    private final Tensor tensor;

    private Parameter(Tensor tensor) {
        this.tensor = tensor;
    }

    /** A parameter over the given values (not copied). */
    public static Parameter of(float[] values, int... shape) {
        return new Parameter(Tensor.leaf(values, shape));
    }

    /** All entries equal to {@code value}. */
    public static Parameter constant(float value, int... shape) {
        Tensor t = Tensor.full(value, shape);
        return of(t.data(), shape);
    }

    /**
     * He (Kaiming) uniform initialisation for layers followed by ReLU: U(-b, b) with
     * {@code b = sqrt(6 / fanIn)} (He et al. 2015).
     */
    public static Parameter heUniform(SplittableRandom rng, int fanIn, int... shape) {
        return uniform(rng, Math.sqrt(6.0 / fanIn), shape);
    }

    /**
     * PyTorch's default initialisation of convolution and linear weights,
     * {@code kaiming_uniform_(w, a = sqrt(5))}: U(-b, b) with {@code b = gain sqrt(3 / fanIn)} and
     * {@code gain = sqrt(2 / (1 + a^2))}, which is {@code b = 1 / sqrt(fanIn)}. A PyTorch user
     * expects this scale of a layer called Conv2d or Linear; it is smaller than He's by sqrt(6).
     */
    public static Parameter pytorchDefaultWeight(SplittableRandom rng, int fanIn, int... shape) {
        return uniform(rng, 1.0 / Math.sqrt(fanIn), shape);
    }

    /** PyTorch's default bias of convolution and linear layers: U(-1/sqrt(fanIn), 1/sqrt(fanIn)). */
    public static Parameter pytorchDefaultBias(SplittableRandom rng, int fanIn, int... shape) {
        return uniform(rng, 1.0 / Math.sqrt(fanIn), shape);
    }

    /** U(-bound, bound) entries. */
    public static Parameter uniform(SplittableRandom rng, double bound, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) ((rng.nextDouble() * 2 - 1) * bound);
        }
        return of(d, shape);
    }

    /** N(0, std^2) entries (Box-Muller on the given stream). */
    public static Parameter normal(SplittableRandom rng, double std, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) {
            double u1 = 1.0 - rng.nextDouble();
            double u2 = rng.nextDouble();
            d[i] = (float) (std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
        }
        return of(d, shape);
    }

    /** The tensor to use in forward computations. */
    public Tensor tensor() {
        return tensor;
    }

    /** The values, live. */
    public float[] data() {
        return tensor.data();
    }

    /** The accumulated gradient, or null before the first backward that reached it. */
    public float[] grad() {
        return tensor.grad();
    }

    public int[] shape() {
        return tensor.shape();
    }

    public int size() {
        return tensor.size();
    }

    /** Sets the gradient to zero (keeping the buffer). */
    public void zeroGrad() {
        tensor.zeroGrad();
    }
}
