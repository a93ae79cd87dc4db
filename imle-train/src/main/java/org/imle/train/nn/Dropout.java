package org.imle.train.nn;

import org.imle.train.ops.Activations;
import org.imle.train.tensor.Tensor;

/**
 * Inverted dropout in training mode, identity in evaluation mode. The mask of the c-th call is
 * drawn from the stream keyed by (seed, c); the call count is a saved counter ({@code calls}), so
 * a model restored from a checkpoint draws the same masks as one that never stopped.
 */
public final class Dropout extends Module {

    private final double p;
    private final long seed;
    private final long[] calls;

    public Dropout(double p, long seed) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
        this.p = p;
        this.seed = seed;
        this.calls = counter("calls");
    }

    @Override
    public Tensor forward(Tensor x) {
        if (!isTraining() || p == 0) {
            return x;
        }
        return Activations.dropout(x, p, seed, calls[0]++);
    }
}
