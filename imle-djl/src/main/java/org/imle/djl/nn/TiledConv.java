package org.imle.djl.nn;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A k x k convolution of stride k without padding (k = 1 or 2), as one matrix product on feature
 * maps kept in tile order: the input is [1, C, N] with the pixel index's outermost k x k digit
 * being the position inside the convolution's window ({@code n = (kh k + kw) N / k^2 + n'}), so
 * that [C, N] viewed as [C k^2, N / k^2] holds each window's C k^2 values in a column, in the
 * order of the flattened weight [C_out, C, k, k]. The output [1, C_out, N / k^2] is
 * {@code weight.reshape(C_out, C k^2) x input} (plus the bias), the convolution's numbers up to the
 * summation order, with no copy of the input or the weight: libtorch's convolution kernels are slow
 * for the patch network's 3 input channels and 2 x 2 windows (docs/BENCHMARKS.md), one GEMM is not.
 *
 * <p>The weight keeps the convolution's shape and parameter name, so it is drawn by the same
 * initialiser (fan-in C k^2) and stored as a {@code Conv2d}'s would be. [1, C, N] is also the layout
 * in which libtorch's batch norm over axis 1 reads each channel as one contiguous run.
 */
final class TiledConv extends AbstractBlock {

    private static final byte VERSION = 1;

    private final int filters;
    private final int kernel;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * @param filters output channels, at least 1
     * @param kernel window side and stride, 1 or 2
     * @param withBias whether a bias [filters] is added
     */
    TiledConv(int filters, int kernel, boolean withBias) {
        super(VERSION);
        if (filters < 1 || kernel < 1 || kernel > 2) {
            throw new IllegalArgumentException("tiled convolution: need filters >= 1 and a kernel of 1 or 2, got "
                    + filters + " and " + kernel);
        }
        this.filters = filters;
        this.kernel = kernel;
        this.weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT).build());
        this.bias = withBias ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS).build())
                : null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow(); // [1, C, N]
        outputShape(x.getShape());
        Device device = x.getDevice();
        NDArray w = store.getValue(weight, device, training); // [C_out, C, k, k]
        long window = w.getShape().size() / filters;
        NDArray y = w.reshape(filters, window).matMul(x.reshape(window, -1)); // [C_out, N / k^2]
        if (bias != null) {
            y = y.add(store.getValue(bias, device, training).reshape(filters, 1));
        }
        return new NDList(y.reshape(1, filters, -1));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {outputShape(inputShapes[0])};
    }

    private Shape outputShape(Shape in) {
        long area = (long) kernel * kernel;
        if (in.dimension() != 3 || in.get(0) != 1 || in.get(2) % area != 0) {
            throw new IllegalArgumentException("tiled convolution: input must be [1, C, N] with N a multiple of "
                    + area + ", got " + in);
        }
        return new Shape(1, filters, in.get(2) / area);
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        weight.setShape(new Shape(filters, inputShapes[0].get(1), kernel, kernel));
        if (bias != null) {
            bias.setShape(new Shape(filters));
        }
    }
}
