package org.imle.train.trainer;

/**
 * The batches of one epoch, as lists of example indices: a function of the epoch alone, so a run
 * resumed at epoch e (or in the middle of it) sees the batches an uninterrupted run saw. The
 * trainer asks for every epoch in increasing order; a plan may keep state to answer the next
 * epoch cheaply, but must give the same answer when asked for an earlier epoch again (as a
 * resumed run does). The default plan ({@link Trainer.Builder#batchSize}) is a seeded shuffle cut
 * into batches of equal size.
 */
@FunctionalInterface
public interface EpochBatches {

    /**
     * @param epoch the epoch, from 0
     * @return its batches in training order; each a non-empty array of indices into the dataset
     */
    int[][] of(int epoch);
}
