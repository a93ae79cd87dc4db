package org.imle.train.trainer;

import java.util.Map;
import org.imle.train.tensor.Tensor;

/**
 * State outside the model and the optimiser that a run's numbers depend on, kept in the trainer's
 * checkpoints (for example a cache of solutions, or the counters an experiment reports). The
 * trainer saves it with every checkpoint, at a step boundary, and restores it before it resumes.
 */
public interface CheckpointedState {

    /** Long values (doubles as their raw bits) to store; names are this state's own. */
    Map<String, Long> longs();

    /** Tensors to store; names are this state's own. */
    Map<String, Tensor> tensors();

    /**
     * Puts the saved values back.
     *
     * @throws IllegalArgumentException naming the entry if one is missing or does not fit
     */
    void restore(Map<String, Long> longs, Map<String, Tensor> tensors);
}
