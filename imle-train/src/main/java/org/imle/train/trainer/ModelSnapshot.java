package org.imle.train.trainer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.imle.train.nn.Module;
import org.imle.train.tensor.Tensor;

/**
 * A copy of the parts of a model a forward pass may change in place: its buffers (such as
 * batch-norm running statistics) and counters, not its parameters, which only the optimiser
 * writes. {@link Trainer} takes one before every step and restores it when the step fails, so a
 * failed step leaves no trace. The copies are allocated once; taking one costs a copy of the
 * buffers, which are small next to the parameters.
 */
final class ModelSnapshot {

    private final List<float[]> live = new ArrayList<>();
    private final List<float[]> saved = new ArrayList<>();
    private final List<long[]> liveCounters = new ArrayList<>();
    private final long[] savedCounters;

    ModelSnapshot(Module model) {
        Set<String> parameters = model.namedParameters().keySet();
        for (Map.Entry<String, Tensor> e : model.state().entrySet()) {
            if (!parameters.contains(e.getKey())) {
                float[] d = e.getValue().data();
                live.add(d);
                saved.add(new float[d.length]);
            }
        }
        liveCounters.addAll(model.counters().values());
        savedCounters = new long[liveCounters.size()];
    }

    void take() {
        for (int i = 0; i < live.size(); i++) {
            System.arraycopy(live.get(i), 0, saved.get(i), 0, saved.get(i).length);
        }
        for (int i = 0; i < savedCounters.length; i++) {
            savedCounters[i] = liveCounters.get(i)[0];
        }
    }

    void restore() {
        for (int i = 0; i < live.size(); i++) {
            System.arraycopy(saved.get(i), 0, live.get(i), 0, saved.get(i).length);
        }
        for (int i = 0; i < savedCounters.length; i++) {
            liveCounters.get(i)[0] = savedCounters[i];
        }
    }
}
