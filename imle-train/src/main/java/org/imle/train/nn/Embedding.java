package org.imle.train.nn;

import java.util.SplittableRandom;
import org.imle.train.tensor.Tensor;

/**
 * A table of V vectors of dimension D, N(0, 1) initialised as in PyTorch; {@link #lookup} gathers
 * rows by index in O(count D) and its backward scatters into those rows.
 */
public final class Embedding extends Module {

    private final Parameter table;

    public Embedding(int count, int dimension, SplittableRandom rng) {
        table = parameter("weight", Parameter.normal(rng, 1.0, count, dimension));
    }

    /** Rows {@code ids[i]}: shape [ids.length, D]. */
    public Tensor lookup(int... ids) {
        return table.tensor().indexSelect(ids);
    }

    /** Looks up the ids held (as whole numbers) in a tensor of any shape: shape [..., D]. */
    @Override
    public Tensor forward(Tensor ids) {
        float[] d = ids.data();
        int[] idx = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            idx[i] = (int) d[i];
            if (idx[i] != d[i]) {
                throw new IllegalArgumentException("embedding id at position " + i + " is not a whole number: " + d[i]);
            }
        }
        int[] s = ids.shape();
        int[] out = java.util.Arrays.copyOf(s, s.length + 1);
        out[s.length] = table.shape()[1];
        return lookup(idx).reshape(out);
    }

    public Parameter weight() {
        return table;
    }
}
