package org.imle.train.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import org.ejml.data.FMatrixRMaj;
import org.imle.train.ops.Activations;
import org.imle.train.ops.Elementwise;
import org.imle.train.ops.LinearAlgebra;
import org.imle.train.ops.Reductions;
import org.imle.train.ops.Shaping;

/**
 * A tensor of 32-bit floats in row-major order (the last dimension varies fastest) that records
 * how it was computed, for reverse-mode automatic differentiation.
 *
 * <p>Every operation returns a new tensor. When graph recording is on ({@link GradMode}) and one
 * of its inputs {@linkplain #requiresGrad() requires a gradient}, the result keeps its inputs and
 * a {@link Backward} closure; {@link #backward()} then visits the graph in reverse topological
 * order (one pass, O(nodes + edges)) and accumulates dL/dx into every tensor that requires a
 * gradient. Gradients of intermediate results are released after use unless
 * {@link #retainGrad()} was called; those of leaves (parameters) stay until zeroed.
 *
 * <p>The data array is shared, not copied, by {@link #of}, {@link #data()} and {@link #reshape}:
 * optimisers update parameters in place through it. Results of operations never alias their
 * inputs except for reshape.
 *
 * <p>Custom operations are written with {@link #fromOp}, as the built-in ones are.
 */
public final class Tensor {

    /** The backward rule of one operation: reads dL/d(result) and accumulates into its inputs. */
    @FunctionalInterface
    public interface Backward {
        void apply(float[] gradOut);
    }

    private final float[] data;
    private final int[] shape;
    private final boolean requiresGrad;
    private final Tensor[] inputs;
    private final Backward backward;
    private float[] grad;
    private boolean retainGrad;

    private Tensor(float[] data, int[] shape, boolean requiresGrad, Tensor[] inputs, Backward backward) {
        this.data = data;
        this.shape = shape;
        this.requiresGrad = requiresGrad;
        this.inputs = inputs;
        this.backward = backward;
    }

    // ---------------------------------------------------------------- factories

    /** A constant tensor over {@code data} (not copied). */
    public static Tensor of(float[] data, int... shape) {
        checkData(data, shape);
        return new Tensor(data, shape.clone(), false, null, null);
    }

    /** A leaf that requires a gradient (a parameter, or an input whose gradient is wanted). */
    public static Tensor leaf(float[] data, int... shape) {
        checkData(data, shape);
        return new Tensor(data, shape.clone(), true, null, null);
    }

    /** A tensor of zeros. */
    public static Tensor zeros(int... shape) {
        return of(new float[Shape.size(shape)], shape);
    }

    /** A tensor filled with one value. */
    public static Tensor full(float value, int... shape) {
        float[] d = new float[Shape.size(shape)];
        java.util.Arrays.fill(d, value);
        return of(d, shape);
    }

    /** A scalar (shape {@code []}). */
    public static Tensor scalar(float value) {
        return of(new float[] {value});
    }

    /** A constant tensor from doubles (rounded to float). */
    public static Tensor ofDoubles(double[] values, int... shape) {
        float[] d = new float[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) values[i];
        }
        return of(d, shape);
    }

    /** A constant matrix tensor [rows, cols] sharing the data of an EJML float matrix. */
    public static Tensor of(FMatrixRMaj m) {
        return of(m.data.length == m.numRows * m.numCols ? m.data
                : java.util.Arrays.copyOf(m.data, m.numRows * m.numCols), m.numRows, m.numCols);
    }

    /** This rank-2 tensor as an EJML float matrix sharing its data (EJML's layout is row-major too). */
    public FMatrixRMaj toMatrix() {
        Shape.requireRank("toMatrix", shape, 2);
        return FMatrixRMaj.wrap(shape[0], shape[1], data);
    }

    /**
     * The result of an operation. It records {@code backward} only when graph recording is on and
     * one of the inputs requires a gradient; otherwise it is a constant.
     */
    public static Tensor fromOp(float[] data, int[] shape, Backward backward, Tensor... inputs) {
        checkData(data, shape);
        boolean needs = false;
        if (GradMode.enabled()) {
            for (Tensor t : inputs) {
                needs |= t.requiresGrad;
            }
        }
        return needs
                ? new Tensor(data, shape.clone(), true, inputs.clone(), backward)
                : new Tensor(data, shape.clone(), false, null, null);
    }

    private static void checkData(float[] data, int[] shape) {
        if (data == null || shape == null) {
            throw new IllegalArgumentException("data and shape must not be null");
        }
        if (data.length != Shape.size(shape)) {
            throw new IllegalArgumentException("data of length " + data.length
                    + " does not fit shape " + Shape.str(shape) + " of " + Shape.size(shape) + " elements");
        }
    }

    // ---------------------------------------------------------------- access

    /** The backing array, row-major; live, not a copy. */
    public float[] data() {
        return data;
    }

    /** The shape (a copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** The size of dimension {@code d} (negative d counts from the end). */
    public int dim(int d) {
        return shape[Shape.dim(d, shape.length, shape)];
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return data.length;
    }

    /** The value of a one-element tensor. */
    public float item() {
        if (data.length != 1) {
            throw new IllegalStateException("item() needs one element, shape is " + Shape.str(shape));
        }
        return data[0];
    }

    /** The element at a multi-index. */
    public float get(int... index) {
        if (index.length != shape.length) {
            throw new IllegalArgumentException("index " + Shape.str(index) + " does not match shape " + Shape.str(shape));
        }
        int off = 0;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= shape[i]) {
                throw new IllegalArgumentException("index " + Shape.str(index) + " is outside shape " + Shape.str(shape));
            }
            off = off * shape[i] + index[i];
        }
        return data[off];
    }

    /** The data as doubles (a copy). */
    public double[] toDoubles() {
        double[] d = new double[data.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = data[i];
        }
        return d;
    }

    public boolean requiresGrad() {
        return requiresGrad;
    }

    /** dL/d(this) after {@link #backward()}, or null if nothing reached this tensor. Live. */
    public float[] grad() {
        return grad;
    }

    /**
     * The gradient buffer, allocated as zeros on first use. Backward rules add into it; it is
     * public so that custom operations can. An intermediate result's buffer comes from the
     * thread's {@link StepBuffers} step when one is open (it is released after backward anyway);
     * a leaf's, or one kept by {@link #retainGrad()} called before, is always its own.
     */
    public float[] gradBuffer() {
        if (grad == null) {
            grad = backward != null && !retainGrad ? StepBuffers.floats(data.length) : new float[data.length];
        }
        return grad;
    }

    /** Sets the gradient to zero, keeping the buffer for reuse. */
    public void zeroGrad() {
        if (grad != null) {
            java.util.Arrays.fill(grad, 0f);
        }
    }

    /** Keeps this intermediate result's gradient after backward (leaves always keep theirs). */
    public Tensor retainGrad() {
        this.retainGrad = true;
        return this;
    }

    /** The same data without the graph: a constant. */
    public Tensor detach() {
        return new Tensor(data, shape, false, null, null);
    }

    // ---------------------------------------------------------------- backward

    /** Backpropagates from a one-element tensor (a loss), seeding dL/dL = 1. */
    public void backward() {
        if (data.length != 1) {
            throw new IllegalStateException("backward() needs a one-element tensor, shape is "
                    + Shape.str(shape) + "; pass the upstream gradient with backward(float[])");
        }
        backward(new float[] {1f});
    }

    /** Backpropagates with a given dL/d(this). */
    public void backward(float[] seed) {
        if (seed.length != data.length) {
            throw new IllegalArgumentException("seed gradient of length " + seed.length
                    + " does not fit shape " + Shape.str(shape));
        }
        if (!requiresGrad) {
            throw new IllegalStateException("this tensor does not depend on anything that requires a gradient");
        }
        float[] g = gradBuffer();
        for (int i = 0; i < g.length; i++) {
            g[i] += seed[i];
        }
        List<Tensor> order = topologicalOrder();
        for (int i = order.size() - 1; i >= 0; i--) {
            Tensor t = order.get(i);
            if (t.backward == null || t.grad == null) {
                continue;
            }
            t.backward.apply(t.grad);
            if (!t.retainGrad) {
                t.grad = null;
            }
        }
    }

    /** Post-order of the recorded graph: every tensor comes after all of its inputs. */
    private List<Tensor> topologicalOrder() {
        List<Tensor> order = new ArrayList<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Tensor> nodes = new ArrayDeque<>();
        ArrayDeque<Integer> next = new ArrayDeque<>();
        nodes.push(this);
        next.push(0);
        seen.add(this);
        while (!nodes.isEmpty()) {
            Tensor t = nodes.peek();
            int i = next.pop();
            if (t.inputs != null && i < t.inputs.length) {
                next.push(i + 1);
                Tensor in = t.inputs[i];
                if (in.requiresGrad && seen.add(in)) {
                    nodes.push(in);
                    next.push(0);
                }
            } else {
                nodes.pop();
                order.add(t);
            }
        }
        return order;
    }

    // ---------------------------------------------------------------- operations (delegates)

    public Tensor add(Tensor o) {
        return Elementwise.add(this, o);
    }

    public Tensor sub(Tensor o) {
        return Elementwise.sub(this, o);
    }

    public Tensor mul(Tensor o) {
        return Elementwise.mul(this, o);
    }

    public Tensor div(Tensor o) {
        return Elementwise.div(this, o);
    }

    public Tensor add(float c) {
        return Elementwise.addScalar(this, c);
    }

    public Tensor mul(float c) {
        return Elementwise.mulScalar(this, c);
    }

    public Tensor neg() {
        return Elementwise.mulScalar(this, -1f);
    }

    public Tensor exp() {
        return Elementwise.exp(this);
    }

    public Tensor log() {
        return Elementwise.log(this);
    }

    public Tensor sqrt() {
        return Elementwise.sqrt(this);
    }

    public Tensor square() {
        return Elementwise.square(this);
    }

    public Tensor abs() {
        return Elementwise.abs(this);
    }

    public Tensor matmul(Tensor o) {
        return LinearAlgebra.matmul(this, o);
    }

    public Tensor relu() {
        return Activations.relu(this);
    }

    public Tensor tanh() {
        return Activations.tanh(this);
    }

    public Tensor sigmoid() {
        return Activations.sigmoid(this);
    }

    public Tensor softplus() {
        return Activations.softplus(this);
    }

    /** Softmax over the last dimension. */
    public Tensor softmax() {
        return Activations.softmax(this);
    }

    /** Log-softmax over the last dimension. */
    public Tensor logSoftmax() {
        return Activations.logSoftmax(this);
    }

    public Tensor sum() {
        return Reductions.sum(this);
    }

    public Tensor mean() {
        return Reductions.mean(this);
    }

    public Tensor sum(int dim, boolean keepDim) {
        return Reductions.sum(this, dim, keepDim);
    }

    public Tensor mean(int dim, boolean keepDim) {
        return Reductions.mean(this, dim, keepDim);
    }

    public Tensor max(int dim, boolean keepDim) {
        return Reductions.max(this, dim, keepDim);
    }

    /** The same data under another shape; one dimension may be -1 (inferred). */
    public Tensor reshape(int... newShape) {
        return Shaping.reshape(this, newShape);
    }

    public Tensor permute(int... order) {
        return Shaping.permute(this, order);
    }

    /** The transpose of a matrix. */
    public Tensor t() {
        return Shaping.permute(this, 1, 0);
    }

    /** Elements {@code [start, end)} along {@code dim}. */
    public Tensor slice(int dim, int start, int end) {
        return Shaping.slice(this, dim, start, end);
    }

    /** Rows {@code index[i]} of dimension 0 (embedding lookup). */
    public Tensor indexSelect(int... index) {
        return Shaping.indexSelect(this, index);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Tensor").append(Shape.str(shape)).append(" [");
        for (int i = 0; i < Math.min(8, data.length); i++) {
            sb.append(i == 0 ? "" : ", ").append(data[i]);
        }
        return sb.append(data.length > 8 ? ", ...]" : "]").toString();
    }
}
