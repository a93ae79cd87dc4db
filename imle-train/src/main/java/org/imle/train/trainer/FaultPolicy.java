package org.imle.train.trainer;

/**
 * What {@link Trainer} does when a training step throws, typically because a solver inside it
 * failed (an ILP that timed out, is infeasible or unbounded).
 *
 * <p>Either way the model and the optimiser are left as they were before the failed step:
 * parameters and optimiser state are only written by {@code optimizer.step()}, which a failed
 * step never reaches, and the trainer restores the buffers and counters (such as batch-norm
 * running statistics) that the failed forward pass may have updated.
 */
public enum FaultPolicy {

    /** Rethrow the exception and end {@link Trainer#fit}; the last checkpoint stays valid. */
    STOP,

    /**
     * Skip the batch: log a warning, count it in the epoch metric {@code skipped_batches}, and go
     * on with the next batch. The epoch's {@code train_loss} averages the batches that ran.
     */
    SKIP
}
