package org.imle.train.ops;

import org.imle.train.tensor.Shape;
import org.imle.train.tensor.StepBuffers;
import org.imle.train.tensor.Tensor;

/** Reshape, permute, slice, concatenation and row gathers (embedding lookups). */
public final class Shaping {

    private Shaping() {
    }

    /**
     * The same data under another shape (no copy); one dimension may be -1 and is then inferred.
     *
     * @throws IllegalArgumentException naming both shapes if the element counts differ
     */
    public static Tensor reshape(Tensor a, int... newShape) {
        int[] s = newShape.clone();
        int infer = -1;
        long known = 1;
        for (int i = 0; i < s.length; i++) {
            if (s[i] == -1) {
                if (infer >= 0) {
                    throw new IllegalArgumentException("reshape to " + Shape.str(newShape) + ": at most one -1");
                }
                infer = i;
            } else {
                known *= s[i];
            }
        }
        if (infer >= 0 && known > 0 && a.size() % known == 0) {
            s[infer] = (int) (a.size() / known);
        }
        if (infer >= 0 && s[infer] == -1 || Shape.size(s) != a.size()) {
            throw new IllegalArgumentException("cannot reshape shape " + Shape.str(a.shape())
                    + " into shape " + Shape.str(newShape));
        }
        return Tensor.fromOp(a.data(), s, g -> Elementwise.addInto(a.gradBuffer(), g), a);
    }

    /** Reorders dimensions: result dimension i is input dimension {@code order[i]}. O(size). */
    public static Tensor permute(Tensor a, int... order) {
        int[] shape = a.shape();
        int rank = shape.length;
        if (order.length != rank) {
            throw new IllegalArgumentException("permutation " + Shape.str(order) + " does not fit shape " + Shape.str(shape));
        }
        boolean[] used = new boolean[rank];
        int[] outShape = new int[rank];
        for (int i = 0; i < rank; i++) {
            int d = order[i];
            if (d < 0 || d >= rank || used[d]) {
                throw new IllegalArgumentException("invalid permutation " + Shape.str(order) + " for shape " + Shape.str(shape));
            }
            used[d] = true;
            outShape[i] = shape[d];
        }
        int[] inStrides = Shape.strides(shape);
        int[] src = new int[a.size()];
        int[] counter = new int[rank];
        int off = 0;
        for (int o = 0; o < src.length; o++) {
            src[o] = off;
            for (int i = rank - 1; i >= 0; i--) {
                counter[i]++;
                off += inStrides[order[i]];
                if (counter[i] < outShape[i]) {
                    break;
                }
                off -= inStrides[order[i]] * outShape[i];
                counter[i] = 0;
            }
        }
        float[] x = a.data();
        float[] out = StepBuffers.floats(src.length);
        for (int o = 0; o < src.length; o++) {
            out[o] = x[src[o]];
        }
        return Tensor.fromOp(out, outShape, g -> {
            float[] ag = a.gradBuffer();
            for (int o = 0; o < src.length; o++) {
                ag[src[o]] += g[o];
            }
        }, a);
    }

    /** Elements {@code [start, end)} along {@code dim} (a copy). */
    public static Tensor slice(Tensor a, int dim, int start, int end) {
        int[] shape = a.shape();
        int d = Shape.dim(dim, shape.length, shape);
        if (start < 0 || end > shape[d] || start > end) {
            throw new IllegalArgumentException("slice [" + start + ", " + end + ") is outside dimension "
                    + dim + " of shape " + Shape.str(shape));
        }
        int outer = 1;
        for (int i = 0; i < d; i++) {
            outer *= shape[i];
        }
        int inner = Shape.size(shape) / Math.max(1, outer * shape[d]);
        if (shape[d] == 0) {
            inner = 0;
        }
        int len = end - start;
        float[] x = a.data();
        float[] out = StepBuffers.floats(outer * len * inner);
        for (int o = 0; o < outer; o++) {
            System.arraycopy(x, (o * shape[d] + start) * inner, out, o * len * inner, len * inner);
        }
        final int fo = outer;
        final int fi = inner;
        return Tensor.fromOp(out, Elementwise.with(shape, d, len), g -> {
            float[] ag = a.gradBuffer();
            for (int o = 0; o < fo; o++) {
                int src = o * len * fi;
                int dst = (o * shape[d] + start) * fi;
                for (int i = 0; i < len * fi; i++) {
                    ag[dst + i] += g[src + i];
                }
            }
        }, a);
    }

    /**
     * Joins tensors along {@code dim}; all other dimensions must agree.
     *
     * @throws IllegalArgumentException naming the first shape and the mismatching one
     */
    public static Tensor concat(int dim, Tensor... parts) {
        if (parts.length == 0) {
            throw new IllegalArgumentException("concat needs at least one tensor");
        }
        int[] first = parts[0].shape();
        int d = Shape.dim(dim, first.length, first);
        int total = 0;
        for (Tensor t : parts) {
            int[] s = t.shape();
            if (s.length != first.length) {
                throw new IllegalArgumentException("concat along " + dim + ": shapes " + Shape.str(first)
                        + " and " + Shape.str(s) + " differ in rank");
            }
            for (int i = 0; i < s.length; i++) {
                if (i != d && s[i] != first[i]) {
                    throw new IllegalArgumentException("concat along " + dim + ": shapes " + Shape.str(first)
                            + " and " + Shape.str(s) + " differ in dimension " + i);
                }
            }
            total += s[d];
        }
        int outer = 1;
        for (int i = 0; i < d; i++) {
            outer *= first[i];
        }
        int inner = 1;
        for (int i = d + 1; i < first.length; i++) {
            inner *= first[i];
        }
        float[] out = StepBuffers.floats(outer * total * inner);
        int[] offsets = new int[parts.length];
        int pos = 0;
        for (int p = 0; p < parts.length; p++) {
            offsets[p] = pos;
            int len = parts[p].shape()[d];
            float[] x = parts[p].data();
            for (int o = 0; o < outer; o++) {
                System.arraycopy(x, o * len * inner, out, (o * total + pos) * inner, len * inner);
            }
            pos += len;
        }
        final int fo = outer;
        final int fi = inner;
        final int ft = total;
        return Tensor.fromOp(out, Elementwise.with(first, d, total), g -> {
            for (int p = 0; p < parts.length; p++) {
                if (!parts[p].requiresGrad()) {
                    continue;
                }
                float[] pg = parts[p].gradBuffer();
                int len = parts[p].shape()[d];
                for (int o = 0; o < fo; o++) {
                    int src = (o * ft + offsets[p]) * fi;
                    int dst = o * len * fi;
                    for (int i = 0; i < len * fi; i++) {
                        pg[dst + i] += g[src + i];
                    }
                }
            }
        }, parts);
    }

    /**
     * Gathers rows (entries of dimension 0): {@code out[i] = a[index[i]]}, shape
     * {@code [index.length, ...rest]}. With an embedding table [V, D] this is the embedding
     * lookup; the backward scatters gradients into the selected rows (repeated rows add up).
     *
     * @throws IllegalArgumentException naming the position of an index outside [0, V)
     */
    public static Tensor indexSelect(Tensor a, int... index) {
        int[] shape = a.shape();
        if (shape.length == 0) {
            throw new IllegalArgumentException("indexSelect needs a tensor of rank >= 1, got shape []");
        }
        int rows = shape[0];
        int width = rows == 0 ? 0 : a.size() / rows;
        for (int i = 0; i < index.length; i++) {
            if (index[i] < 0 || index[i] >= rows) {
                throw new IllegalArgumentException("index " + index[i] + " at position " + i
                        + " is outside dimension 0 of shape " + Shape.str(shape));
            }
        }
        int[] idx = index.clone();
        float[] x = a.data();
        float[] out = StepBuffers.floats(idx.length * width);
        for (int i = 0; i < idx.length; i++) {
            System.arraycopy(x, idx[i] * width, out, i * width, width);
        }
        return Tensor.fromOp(out, Elementwise.with(shape, 0, idx.length), g -> {
            float[] ag = a.gradBuffer();
            for (int i = 0; i < idx.length; i++) {
                int dst = idx[i] * width;
                for (int j = 0; j < width; j++) {
                    ag[dst + j] += g[i * width + j];
                }
            }
        }, a);
    }
}
