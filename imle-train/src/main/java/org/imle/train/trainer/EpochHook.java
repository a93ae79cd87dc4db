package org.imle.train.trainer;

import java.util.Map;

/**
 * Called after each epoch (for example to evaluate on validation data); the returned metrics are
 * logged with the epoch's training metrics. A hook that uses the model in evaluation mode should
 * switch it back; the trainer sets training mode at the start of every epoch anyway.
 */
@FunctionalInterface
public interface EpochHook {

    /**
     * @param epoch the number of the epoch just finished, from 1
     * @return metrics to log with the epoch's own
     */
    Map<String, Double> afterEpoch(int epoch);
}
