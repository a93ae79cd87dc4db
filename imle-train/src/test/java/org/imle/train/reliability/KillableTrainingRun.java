package org.imle.train.reliability;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imle.train.nn.Module;
import org.imle.train.nn.StateFile;
import org.imle.train.optim.Adam;
import org.imle.train.tensor.Tensor;
import org.imle.train.trainer.EpochMetrics;
import org.imle.train.trainer.TrainStep;
import org.imle.train.trainer.Trainer;

/**
 * The training run {@link KillAndResumeTest} starts in a separate JVM: the toy task for
 * {@value #EPOCHS} epochs with a checkpoint after each. Arguments: the checkpoint path, the result
 * path, and a step at which to print {@code blocking at step N} and wait to be killed (-1: never).
 * When training ends, the final parameters, optimiser state and the reproducible metrics (all but
 * the wall-clock ones) are written to the result path as a {@link StateFile}.
 */
public final class KillableTrainingRun {

    static final int EPOCHS = 3;
    static final int EXAMPLES = 40;
    static final int BATCH = 8;

    private KillableTrainingRun() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Path checkpoint = Path.of(args[0]);
        Path result = Path.of(args[1]);
        long blockAt = Long.parseLong(args[2]);
        Module model = ToyTask.model(17);
        Adam opt = new Adam(model.parameters(), 0.01);
        TrainStep<Tensor[]> inner = ToyTask.step(model, new ToyTask.FaultyOracle((s, c) -> false));
        InterruptibleStep step = (batch, s) -> {
            if (s == blockAt) {
                System.out.println("blocking at step " + s);
                System.out.flush();
                Thread.sleep(600_000);
            }
            return inner.loss(batch, s);
        };
        Trainer trainer = Trainer.builder(model, opt).epochs(EPOCHS).batchSize(BATCH).seed(23).threads(1)
                .checkpoint(checkpoint).build();
        List<EpochMetrics> history = trainer.fit(ToyTask.data(EXAMPLES, 29), sneaky(step));
        Map<String, Long> longs = new LinkedHashMap<>();
        for (EpochMetrics m : history) {
            m.values().forEach((k, v) -> {
                if (!k.equals("seconds") && !k.equals("examples_per_second")) {
                    longs.put("metric." + m.epoch() + "." + k, Double.doubleToRawLongBits(v));
                }
            });
        }
        opt.counters().forEach((k, v) -> longs.put("optim." + k, v));
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.state().forEach((k, v) -> tensors.put("model." + k, v));
        opt.state().forEach((k, v) -> tensors.put("optim." + k, v));
        new StateFile(longs, tensors).write(result);
        System.out.println("done");
    }

    /** A step whose body may sleep: the interruption cannot happen, the process is killed instead. */
    private static TrainStep<Tensor[]> sneaky(InterruptibleStep step) {
        return (batch, s) -> {
            try {
                return step.loss(batch, s);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting to be killed", e);
            }
        };
    }

    @FunctionalInterface
    private interface InterruptibleStep {
        Tensor loss(Tensor[] batch, long step) throws InterruptedException;
    }
}
