package org.imle.train.optim;

import java.util.List;
import java.util.Map;
import org.imle.train.nn.Parameter;
import org.imle.train.tensor.Tensor;

/**
 * Updates parameters in place from their gradients. A parameter whose gradient is null (nothing
 * reached it) is treated as having gradient zero. The learning rate can be changed between steps
 * (by a {@link LearningRateSchedule}); the rest of the state (moments, step count) is exposed by
 * {@link #state()} and restored by {@link #loadState} so that checkpoints resume exactly.
 */
public abstract class Optimizer {

    protected final List<Parameter> params;
    protected double lr;

    protected Optimizer(List<Parameter> params, double lr) {
        if (params == null || params.isEmpty()) {
            throw new IllegalArgumentException("an optimiser needs at least one parameter");
        }
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be >= 0 and finite, got " + lr);
        }
        this.params = List.copyOf(params);
        this.lr = lr;
    }

    /** One update of every parameter. */
    public abstract void step();

    /** Sets every gradient to zero. */
    public void zeroGrad() {
        params.forEach(Parameter::zeroGrad);
    }

    public double learningRate() {
        return lr;
    }

    public void setLearningRate(double lr) {
        if (!(lr >= 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("learning rate must be >= 0 and finite, got " + lr);
        }
        this.lr = lr;
    }

    /** The internal state, by name (live tensors). */
    public abstract Map<String, Tensor> state();

    /** The step count and other integer state. */
    public abstract Map<String, Long> counters();

    /**
     * Restores state saved from an optimiser of the same kind over the same parameters.
     *
     * @throws IllegalArgumentException naming the entry that is missing or of the wrong size
     */
    public void loadState(Map<String, Tensor> tensors, Map<String, Long> longs) {
        for (Map.Entry<String, Tensor> e : state().entrySet()) {
            Tensor saved = tensors.get(e.getKey());
            if (saved == null || saved.size() != e.getValue().size()) {
                throw new IllegalArgumentException("optimiser state " + e.getKey()
                        + (saved == null ? " is missing" : " has " + saved.size() + " values, expected " + e.getValue().size()));
            }
            System.arraycopy(saved.data(), 0, e.getValue().data(), 0, saved.size());
        }
        restoreCounters(longs);
    }

    protected abstract void restoreCounters(Map<String, Long> longs);
}
