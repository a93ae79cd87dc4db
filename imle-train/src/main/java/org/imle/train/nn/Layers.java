package org.imle.train.nn;

import java.util.function.UnaryOperator;
import org.imle.train.ops.Activations;
import org.imle.train.ops.Pooling;
import org.imle.train.tensor.Tensor;

/** Parameter-free layers as modules, for use in {@link Sequential}. */
public final class Layers {

    private Layers() {
    }

    /** Wraps a function of one tensor (no state). */
    public static Module of(UnaryOperator<Tensor> f) {
        return new Module() {
            @Override
            public Tensor forward(Tensor x) {
                return f.apply(x);
            }
        };
    }

    /** ReLU; in a {@link Sequential} right after a {@link BatchNorm2d} it runs fused with it. */
    public static Module relu() {
        return new Relu();
    }

    public static Module tanh() {
        return of(Activations::tanh);
    }

    public static Module sigmoid() {
        return of(Activations::sigmoid);
    }

    public static Module maxPool2d(int kernel, int stride, int padding) {
        return of(x -> Pooling.maxPool2d(x, kernel, stride, padding));
    }

    public static Module avgPool2d(int kernel, int stride, int padding) {
        return of(x -> Pooling.avgPool2d(x, kernel, stride, padding));
    }

    public static Module adaptiveMaxPool2d(int outH, int outW) {
        return of(x -> Pooling.adaptiveMaxPool2d(x, outH, outW));
    }

    /** Flattens all dimensions after the first: [B, ...] to [B, rest]. */
    public static Module flatten() {
        return of(x -> x.reshape(x.dim(0), -1));
    }

    /** The ReLU module, a class of its own so that {@link Sequential} can recognise it. */
    static final class Relu extends Module {
        @Override
        public Tensor forward(Tensor x) {
            return Activations.relu(x);
        }
    }
}
