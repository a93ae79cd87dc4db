package org.imle.examples.parse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.imle.train.nn.Module;
import org.imle.train.optim.Adam;
import org.imle.train.trainer.Dataset;
import org.imle.train.trainer.EpochHook;
import org.imle.train.trainer.EpochMetrics;
import org.imle.train.trainer.ProgressBar;
import org.imle.train.trainer.RunControl;
import org.imle.train.trainer.TrainStep;
import org.imle.train.trainer.Trainer;

/**
 * The {@link Trainer} run that {@link ParserTraining} and {@link LatentTraining} share: batches of
 * equal-length sentences drawn as {@link LengthBatches#plan} draws them, losses summed over a
 * batch's sentences, the step counter as the noise key, and checkpoints, resuming and stopping as
 * the {@link RunControl} says.
 */
final class TreeTrainingRun {

    private TreeTrainingRun() {
    }

    /**
     * Trains {@code model} for the configured epochs ({@code hook} evaluates after each); no epoch
     * trains nothing and returns an empty history.
     *
     * @return the trainer's metrics of every epoch, those of a resumed run included
     */
    static List<EpochMetrics> fit(Module model, Adam adam, ParserTraining.Config config,
            List<EncodedSentence> train, TrainStep<List<EncodedSentence>> step, EpochHook hook, RunControl control,
            ProgressBar progress, ArcEstimators estimators) throws IOException {
        if (config.epochs() == 0) {
            return List.of();
        }
        Trainer.Builder b = Trainer.builder(model, adam).epochs(config.epochs()).seed(config.seed())
                .batches(LengthBatches.plan(train, config.batchSize(), config.seed())).summedLoss(true).hook(hook)
                .keepStateOf("estimator", estimators);
        if (progress != null) {
            b.progress(progress);
        }
        control.applyTo(b);
        Dataset<List<EncodedSentence>> data = new Dataset<>() {
            @Override
            public int size() {
                return train.size();
            }

            @Override
            public List<EncodedSentence> batch(int[] indices) {
                EncodedSentence[] out = new EncodedSentence[indices.length];
                for (int i = 0; i < indices.length; i++) {
                    out[i] = train.get(indices[i]);
                }
                return List.of(out);
            }
        };
        return b.build().fit(data, step);
    }

    /** The trained epochs of a run, as the experiment's own epoch records. */
    @FunctionalInterface
    interface TrainedEpochs<E> {
        List<E> train() throws IOException;
    }

    /**
     * Epoch 0 (the model before training) and then every trained epoch, each also given to
     * {@code listener}: the {@code run} of both parse experiments.
     */
    static <E> List<E> history(E untrained, TrainedEpochs<E> trained, Consumer<E> listener) {
        List<E> history = new ArrayList<>();
        history.add(untrained);
        try {
            history.addAll(trained.train());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        history.forEach(listener);
        return history;
    }
}
