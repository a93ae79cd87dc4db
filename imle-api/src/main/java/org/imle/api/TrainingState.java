package org.imle.api;

import java.util.Map;

/**
 * State that a gradient estimator or loss changes as it trains, and that later gradients depend
 * on (AIMLE's adaptive lambda is one): a run resumed from a checkpoint gives the uninterrupted
 * run's numbers only if this state is saved beside the model and put back. Doubles are stored as
 * their raw bits, so the values come back exactly.
 */
public interface TrainingState {

    /** The state now, by name (names are this object's own). */
    Map<String, Long> saveState();

    /**
     * Puts saved state back.
     *
     * @throws IllegalArgumentException naming the entry that is missing or out of range
     */
    void restoreState(Map<String, Long> saved);
}
