package org.imle.train.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.imle.train.loss.Losses;
import org.imle.train.nn.Linear;
import org.imle.train.nn.StateFile;
import org.imle.train.optim.Adam;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer's batch plans, summed losses and kept state: a plan's batches are the ones trained
 * on, in its order, also after a resume in the middle of an epoch; a summed loss is reported per
 * example; kept state goes into the checkpoint and comes back, and a checkpoint whose kept state
 * does not fit, or whose entries were changed at random, is refused with BadCheckpointException
 * and nothing else.
 */
class TrainerPlansAndKeptStateTest {

    private static final int EXAMPLES = 10;

    @TempDir
    Path dir;

    /** Ten examples of a linear regression; records the batches it is asked for. */
    private static final class Regression implements Dataset<Tensor[]> {
        final List<int[]> asked = new ArrayList<>();

        @Override
        public int size() {
            return EXAMPLES;
        }

        @Override
        public Tensor[] batch(int[] indices) {
            asked.add(indices.clone());
            float[] x = new float[indices.length * 2];
            float[] y = new float[indices.length];
            for (int i = 0; i < indices.length; i++) {
                x[2 * i] = indices[i];
                x[2 * i + 1] = 1;
                y[i] = 3 * indices[i] - 2;
            }
            return new Tensor[] {Tensor.of(x, indices.length, 2), Tensor.of(y, indices.length, 1)};
        }
    }

    /** A step counter outside model and optimiser, kept in the checkpoint. */
    private static final class Counter implements CheckpointedState {
        long steps;

        @Override
        public Map<String, Long> longs() {
            return Map.of("steps", steps);
        }

        @Override
        public Map<String, Tensor> tensors() {
            return Map.of();
        }

        @Override
        public void restore(Map<String, Long> longs, Map<String, Tensor> tensors) {
            Long v = longs.get("steps");
            if (v == null || v < 0) {
                throw new IllegalArgumentException("steps is " + v);
            }
            steps = v;
        }
    }

    /** Epoch e: batches of sizes 1, 2, 3, 4 over a rotation of the examples by e. */
    private static final EpochBatches PLAN = epoch -> {
        int[][] b = new int[4][];
        int next = 0;
        for (int k = 0; k < 4; k++) {
            b[k] = new int[k + 1];
            for (int i = 0; i <= k; i++) {
                b[k][i] = (next++ + epoch) % EXAMPLES;
            }
        }
        return b;
    };

    private record Run(List<EpochMetrics> history, Linear model, Counter counter, Regression data) {
    }

    private Run run(Path checkpoint, long stopAfter) throws IOException {
        Linear model = new Linear(2, 1, new SplittableRandom(5));
        Counter counter = new Counter();
        Regression data = new Regression();
        long[] steps = {0};
        Trainer t = Trainer.builder(model, new Adam(model.parameters(), 0.01)).epochs(3).seed(2).batches(PLAN)
                .summedLoss(true).keep("counter", counter).checkpoint(checkpoint).checkpointEvery(1)
                .stopWhen(() -> stopAfter >= 0 && steps[0] >= stopAfter).build();
        List<EpochMetrics> h = t.fit(data, (b, step) -> {
            counter.steps++;
            steps[0]++;
            return Losses.mse(model.forward(b[0]), b[1]).mul(b[0].dim(0));
        });
        return new Run(h, model, counter, data);
    }

    @Test
    void thePlansBatchesAreTrainedInItsOrder() throws IOException {
        Run r = run(null, -1);
        assertEquals(12, r.data().asked.size());
        for (int e = 0; e < 3; e++) {
            int[][] expected = PLAN.of(e);
            for (int k = 0; k < 4; k++) {
                assertArrayEquals(expected[k], r.data().asked.get(4 * e + k), "epoch " + e + ", batch " + k);
            }
        }
        assertEquals(12, r.counter().steps);
    }

    @Test
    void aSummedLossIsReportedPerExample() throws IOException {
        Linear model = new Linear(2, 1, new SplittableRandom(5));
        List<EpochMetrics> h = Trainer.builder(model, new Adam(model.parameters(), 0.001)).epochs(1).batches(PLAN)
                .summedLoss(true).build().fit(new Regression(),
                        (b, step) -> Losses.mse(model.forward(b[0]), b[1]).mul(0f).add(2f * b[0].dim(0)));
        // every batch's sum is 2 per example: the mean per example is 2 whatever the batch sizes
        assertEquals(2.0, h.get(0).get("train_loss"), 1e-12);
    }

    @Test
    void keptStateComesBackWithAResumeInsideAnEpoch() throws IOException {
        Run whole = run(dir.resolve("whole.ckpt"), -1);
        Path ck = dir.resolve("stopped.ckpt");
        TrainingStoppedException stopped = assertThrows(TrainingStoppedException.class, () -> run(ck, 6));
        assertEquals(1, stopped.epochsDone());
        assertEquals(2, stopped.batchesDone());
        Run resumed = run(ck, -1);
        assertEquals(whole.counter().steps, resumed.counter().steps);
        // the resumed run trained the rest of epoch 2 with the plan's batches, from batch 3 on
        assertArrayEquals(PLAN.of(1)[2], resumed.data().asked.get(0));
        assertEquals(whole.history().toString().replaceAll("seconds=[^,}]*|examples_per_second=[^,}]*", ""),
                resumed.history().toString().replaceAll("seconds=[^,}]*|examples_per_second=[^,}]*", ""));
        assertArrayEquals(whole.model().state().get("weight").data(), resumed.model().state().get("weight").data());
    }

    @Test
    void keptStateThatDoesNotFitIsABadCheckpoint() throws IOException {
        Path ck = dir.resolve("k.ckpt");
        assertThrows(TrainingStoppedException.class, () -> run(ck, 5));
        StateFile f = StateFile.read(ck);
        Map<String, Long> longs = new LinkedHashMap<>(f.longs());
        longs.put("state.counter.steps", -3L);
        new StateFile(longs, f.tensors()).write(ck);
        BadCheckpointException e = assertThrows(BadCheckpointException.class, () -> run(ck, -1));
        assertTrue(e.getMessage().contains("k.ckpt") && e.getMessage().contains("steps is -3"), e.getMessage());
    }

    @Test
    void randomlyChangedEntriesAreRefusedOrResumedNeverAnotherFailure() throws IOException {
        Path ck = dir.resolve("f.ckpt");
        assertThrows(TrainingStoppedException.class, () -> run(ck, 5));
        StateFile good = StateFile.read(ck);
        List<String> names = new ArrayList<>(good.longs().keySet());
        SplittableRandom r = new SplittableRandom(23);
        long[] odd = {-1, 0, 1, 2, 3, 4, 99, Integer.MAX_VALUE + 1L, Long.MIN_VALUE, Long.MAX_VALUE};
        int refused = 0;
        for (int trial = 0; trial < 60; trial++) {
            Map<String, Long> longs = new LinkedHashMap<>(good.longs());
            Map<String, Tensor> tensors = new LinkedHashMap<>(good.tensors());
            String name = names.get(r.nextInt(names.size()));
            switch (trial % 3) {
                case 0 -> longs.remove(name);
                case 1 -> longs.put(name, odd[r.nextInt(odd.length)]);
                default -> {
                    List<String> t = new ArrayList<>(tensors.keySet());
                    String key = t.get(r.nextInt(t.size()));
                    if (r.nextBoolean()) {
                        tensors.remove(key);
                    } else {
                        tensors.put(key, Tensor.of(new float[3], 3));
                    }
                }
            }
            new StateFile(longs, tensors).write(ck);
            try {
                run(ck, -1);
            } catch (BadCheckpointException e) {
                refused++;
                assertTrue(e.getMessage().contains("f.ckpt"), e.getMessage());
            }
        }
        assertTrue(refused > 20, refused + " of 60 refused");
    }
}
