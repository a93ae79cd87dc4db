package org.imle.train.trainer;

import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * What a command line asks of a training run beyond its settings: where its checkpoint goes and
 * how often, the hash of the settings stored in it, where the final model goes, and when to stop
 * early (a signal). Experiments take one and hand it to their {@link Trainer.Builder} with
 * {@link #applyTo}; an engine that does not use {@link Trainer} reads the fields and honours them
 * the same way (checkpoint after every epoch and every {@link #everySteps} steps, written
 * atomically, refusing on resume one whose hash is not {@link #configHash}; ask {@link #stop}
 * after every step).
 *
 * @param checkpoint the checkpoint file, or null for none; if it exists, the run resumes from it
 * @param everySteps also checkpoint every this many steps inside epochs (0: after epochs only)
 * @param configHash the hash of the settings that determine the numbers
 * @param finalModel where the trained model's state goes, or null
 * @param stop asked after every step; true stops the run ({@link TrainingStoppedException}); null
 *     for never
 */
public record RunControl(Path checkpoint, int everySteps, long configHash, Path finalModel, BooleanSupplier stop) {

    /** No checkpoint, no final model, never stop: a plain run. */
    public static final RunControl NONE = new RunControl(null, 0, 0, null, null);

    /** Checks {@code everySteps >= 0}. */
    public RunControl {
        if (everySteps < 0) {
            throw new IllegalArgumentException("checkpoint interval must be >= 0 steps, got " + everySteps);
        }
    }

    /** Sets the checkpoint, its interval and hash, the final model and the stop request on {@code b}. */
    public Trainer.Builder applyTo(Trainer.Builder b) {
        return b.checkpoint(checkpoint).checkpointEvery(everySteps).configHash(configHash).finalModel(finalModel)
                .stopWhen(stop);
    }
}
