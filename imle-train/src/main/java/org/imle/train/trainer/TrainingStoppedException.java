package org.imle.train.trainer;

import java.util.List;

/**
 * Thrown by {@link Trainer#fit} when its stop request ({@link Trainer.Builder#stopWhen}) answered
 * true: the step in progress finished, a checkpoint at that step was written (if the trainer has a
 * checkpoint file), and so were the metrics of the finished epochs.
 */
public final class TrainingStoppedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<EpochMetrics> history;
    private final int epochsDone;
    private final int batchesDone;
    private final long step;
    private final boolean checkpointed;

    /**
     * For an engine without the {@link Trainer} that honours a {@link RunControl} itself.
     *
     * @param history the metrics of the finished epochs
     * @param epochsDone finished epochs
     * @param batchesDone batches done of the next epoch
     * @param step the global step
     * @param checkpointed whether a checkpoint at that step was written
     */
    public TrainingStoppedException(List<EpochMetrics> history, int epochsDone, int batchesDone, long step,
            boolean checkpointed) {
        super("training stopped after " + epochsDone + " epochs and " + batchesDone + " batches (step " + step + ")");
        this.history = history;
        this.epochsDone = epochsDone;
        this.batchesDone = batchesDone;
        this.step = step;
        this.checkpointed = checkpointed;
    }

    /** The metrics of the finished epochs. */
    public List<EpochMetrics> history() {
        return history;
    }

    /** Epochs finished before the stop. */
    public int epochsDone() {
        return epochsDone;
    }

    /** Batches done of the epoch in progress (0 when the stop fell at the end of an epoch). */
    public int batchesDone() {
        return batchesDone;
    }

    /** Global steps done. */
    public long step() {
        return step;
    }

    /** Whether a checkpoint at this step was written. */
    public boolean checkpointed() {
        return checkpointed;
    }
}
