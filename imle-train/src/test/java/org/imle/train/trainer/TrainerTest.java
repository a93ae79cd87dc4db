package org.imle.train.trainer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.commons.rng.UniformRandomProvider;
import org.imle.api.NoiseDistribution;
import org.imle.api.estimator.ImleEstimator;
import org.imle.api.exact.EnumeratedOracle;
import org.imle.api.exact.StructureSet;
import org.imle.api.execution.SolveExecutor;
import org.imle.train.loss.Losses;
import org.imle.train.nn.BatchNorm2d;
import org.imle.train.nn.Conv2d;
import org.imle.train.nn.Dropout;
import org.imle.train.nn.Layers;
import org.imle.train.nn.Linear;
import org.imle.train.nn.Module;
import org.imle.train.nn.Sequential;
import org.imle.train.nn.StateFile;
import org.imle.train.node.DiscreteNode;
import org.imle.train.optim.Adam;
import org.imle.train.optim.LearningRateSchedule;
import org.imle.train.optim.Sgd;
import org.imle.train.tensor.Compute;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer end to end on a toy task whose targets are top-3 subsets of 8 scores computed from
 * 8 x 8 images: a CNN with batch norm and dropout feeds an I-MLE node; Hamming loss; Adam with a
 * multi-step schedule.
 */
class TrainerTest {

    private static final int N = 8;
    private static final int SIDE = 8;
    private static final NoiseDistribution GUMBEL = new NoiseDistribution() {
        @Override
        public void sample(UniformRandomProvider random, double[] out, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                out[i] = -Math.log(-Math.log(random.nextDouble() * (1 - 1e-12) + 1e-12));
            }
        }

        @Override
        public String name() {
            return "gumbel";
        }
    };

    @TempDir
    Path dir;

    private final int threadsBefore = Compute.threads();

    @AfterEach
    void restoreThreads() {
        Compute.setThreads(threadsBefore);
    }

    /** Images with 2 channels; the target is the top-3 of 8 row/column brightness scores. */
    private static final class Data implements Dataset<Tensor[]> {
        final float[] x;
        final float[] y;
        final int n;

        Data(int n, long seed) {
            this.n = n;
            SplittableRandom rnd = new SplittableRandom(seed);
            x = new float[n * 2 * SIDE * SIDE];
            y = new float[n * N];
            EnumeratedOracle oracle = new EnumeratedOracle(StructureSet.kSubsets(N, 3));
            for (int e = 0; e < n; e++) {
                double[] score = new double[N];
                for (int c = 0; c < 2; c++) {
                    for (int p = 0; p < SIDE * SIDE; p++) {
                        float v = (float) rnd.nextGaussian();
                        x[(e * 2 + c) * SIDE * SIDE + p] = v;
                        score[c == 0 ? p / SIDE : p % SIDE] += v;
                    }
                }
                double[] z = new double[N];
                oracle.solve(score, z);
                for (int i = 0; i < N; i++) {
                    y[e * N + i] = (float) z[i];
                }
            }
        }

        @Override
        public int size() {
            return n;
        }

        @Override
        public Tensor[] batch(int[] idx) {
            float[] bx = new float[idx.length * 2 * SIDE * SIDE];
            float[] by = new float[idx.length * N];
            for (int i = 0; i < idx.length; i++) {
                System.arraycopy(x, idx[i] * 2 * SIDE * SIDE, bx, i * 2 * SIDE * SIDE, 2 * SIDE * SIDE);
                System.arraycopy(y, idx[i] * N, by, i * N, N);
            }
            return new Tensor[] {Tensor.of(bx, idx.length, 2, SIDE, SIDE), Tensor.of(by, idx.length, N)};
        }
    }

    private static Module model(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return new Sequential(new Conv2d(2, 16, 3, 1, 1, false, rng), new BatchNorm2d(16), Layers.relu(),
                new Dropout(0.1, 99), Layers.flatten(), new Linear(16 * SIDE * SIDE, 32, rng), Layers.relu(),
                new Linear(32, N, rng));
    }

    private static TrainStep<Tensor[]> step(Module m, SolveExecutor executor) {
        ImleEstimator est = ImleEstimator.builder(new EnumeratedOracle(StructureSet.kSubsets(N, 3)))
                .noise(GUMBEL).samples(2).lambda(10).seed(5).executor(executor).build();
        DiscreteNode node = new DiscreteNode(est);
        return (b, s) -> Losses.hamming(node.apply(m.forward(b[0]), s), b[1]);
    }

    private List<EpochMetrics> run(Module m, int epochs, Path checkpoint, int threads, SolveExecutor ex,
            Path metrics) throws IOException {
        Adam opt = new Adam(m.parameters(), 0.01);
        Trainer t = Trainer.builder(m, opt).epochs(epochs).batchSize(16).seed(42).threads(threads)
                .schedule(LearningRateSchedule.multiStep(0.01, 0.5, 2)).checkpoint(checkpoint).metrics(metrics)
                .build();
        return t.fit(new Data(90, 7), step(m, ex));
    }

    private static void assertSameState(Module a, Module b) {
        for (Map.Entry<String, Tensor> e : a.state().entrySet()) {
            assertArrayEquals(e.getValue().data(), b.state().get(e.getKey()).data(), e.getKey());
        }
    }

    @Test
    void resumingFromACheckpointGivesTheSameNumbersAsNeverStopping() throws IOException {
        Module straight = model(1);
        List<EpochMetrics> full = run(straight, 4, dir.resolve("a.ckpt"), 2, SolveExecutor.sequential(), null);
        Path ck = dir.resolve("b.ckpt");
        run(model(1), 2, ck, 2, SolveExecutor.sequential(), null);
        Module resumed = model(123);
        List<EpochMetrics> second = run(resumed, 4, ck, 2, SolveExecutor.sequential(), null);
        assertSameState(straight, resumed);
        assertEquals(4, second.size());
        for (int e = 0; e < 4; e++) {
            assertEquals(full.get(e).get("train_loss"), second.get(e).get("train_loss"), 0.0, "epoch " + e);
        }
        assertEquals(1L * 4 * 6, resumed.counters().get("3.calls")[0], "dropout calls counted across the resume");
        assertTrue(full.get(3).get("train_loss") < full.get(0).get("train_loss"),
                "loss decreases: " + full.get(0).get("train_loss") + " -> " + full.get(3).get("train_loss"));
    }

    @Test
    void resultsAreBitIdenticalForAnyThreadCount() throws IOException {
        Module one = model(3);
        run(one, 2, null, 1, SolveExecutor.sequential(), null);
        Module two = model(3);
        run(two, 2, null, 2, SolveExecutor.parallel(2), null);
        Module three = model(3);
        run(three, 2, null, 3, SolveExecutor.parallel(3), null);
        assertSameState(one, two);
        assertSameState(one, three);
    }

    private List<EpochMetrics> runControlled(Module m, Path checkpoint, long configHash, long stopAfterStep)
            throws IOException {
        Adam opt = new Adam(m.parameters(), 0.01);
        long[] steps = {0};
        Trainer t = Trainer.builder(m, opt).epochs(3).batchSize(16).seed(42).threads(1)
                .schedule(LearningRateSchedule.multiStep(0.01, 0.5, 2)).checkpoint(checkpoint).checkpointEvery(4)
                .configHash(configHash).stopWhen(() -> ++steps[0] == stopAfterStep).build();
        return t.fit(new Data(90, 7), step(m, SolveExecutor.sequential()));
    }

    @Test
    void aRunStoppedInsideAnEpochResumesAtTheNextBatchWithTheSameNumbers() throws IOException {
        Module straight = model(1);
        List<EpochMetrics> full = run(straight, 3, null, 1, SolveExecutor.sequential(), null);
        Path ck = dir.resolve("stop.ckpt");
        // 6 batches an epoch: step 8 is the second batch of epoch 2
        TrainingStoppedException stop = assertThrows(TrainingStoppedException.class,
                () -> runControlled(model(1), ck, 77, 8));
        assertEquals(1, stop.epochsDone());
        assertEquals(2, stop.batchesDone());
        assertEquals(8, stop.step());
        assertTrue(stop.checkpointed());
        assertEquals(1, stop.history().size());
        Module resumed = model(123);
        List<EpochMetrics> second = runControlled(resumed, ck, 77, -1);
        assertSameState(straight, resumed);
        for (int e = 0; e < 3; e++) {
            assertEquals(full.get(e).get("train_loss"), second.get(e).get("train_loss"), 0.0, "epoch " + e);
        }
    }

    @Test
    void aStopAtTheEndOfAnEpochCheckpointsThatEpoch() throws IOException {
        Path ck = dir.resolve("end.ckpt");
        TrainingStoppedException stop = assertThrows(TrainingStoppedException.class,
                () -> runControlled(model(1), ck, 77, 6));
        assertEquals(1, stop.epochsDone());
        assertEquals(0, stop.batchesDone());
        Module straight = model(1);
        run(straight, 3, null, 1, SolveExecutor.sequential(), null);
        Module resumed = model(5);
        runControlled(resumed, ck, 77, -1);
        assertSameState(straight, resumed);
    }

    @Test
    void aCheckpointOfOtherSettingsIsRefused() throws IOException {
        Path ck = dir.resolve("hash.ckpt");
        assertThrows(TrainingStoppedException.class, () -> runControlled(model(1), ck, 77, 8));
        BadCheckpointException e = assertThrows(BadCheckpointException.class,
                () -> runControlled(model(1), ck, 78, -1));
        assertTrue(e.getMessage().contains("hash.ckpt") && e.getMessage().contains("other settings"), e.getMessage());
    }

    /**
     * Every single-byte change and every truncation of a mid-epoch checkpoint is refused with a
     * {@link BadCheckpointException} naming the file, never another exception (the CRC catches
     * them; the trainer's own checks catch consistent files with inconsistent counts).
     */
    @Test
    void mangledCheckpointsAreRefusedWithBadCheckpointException() throws IOException {
        Path ck = dir.resolve("fuzz.ckpt");
        assertThrows(TrainingStoppedException.class, () -> runControlled(model(1), ck, 77, 8));
        byte[] whole = Files.readAllBytes(ck);
        SplittableRandom r = new SplittableRandom(11);
        for (int trial = 0; trial < 40; trial++) {
            byte[] b = trial % 2 == 0 ? Arrays.copyOf(whole, r.nextInt(whole.length)) : whole.clone();
            if (trial % 2 == 1) {
                b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
            }
            Files.write(ck, b);
            BadCheckpointException e = assertThrows(BadCheckpointException.class,
                    () -> runControlled(model(1), ck, 77, -1), "trial " + trial);
            assertTrue(e.getMessage().contains("fuzz.ckpt"), e.getMessage());
        }
        // a well-formed file whose counts contradict each other
        StateFile f = StateFile.read(writeBack(ck, whole));
        Map<String, Long> longs = new java.util.LinkedHashMap<>(f.longs());
        longs.put("trainer.batches_done", 6L);
        new StateFile(longs, f.tensors()).write(ck);
        BadCheckpointException e = assertThrows(BadCheckpointException.class, () -> runControlled(model(1), ck, 77, -1));
        assertTrue(e.getMessage().contains("batch 6"), e.getMessage());
    }

    private static Path writeBack(Path file, byte[] bytes) throws IOException {
        Files.write(file, bytes);
        return file;
    }

    @Test
    void corruptCheckpointsAreReportedWithTheirName() throws IOException {
        Path ck = dir.resolve("c.ckpt");
        run(model(1), 1, ck, 1, SolveExecutor.sequential(), null);
        byte[] b = Files.readAllBytes(ck);
        b[b.length / 3] ^= 1;
        Files.write(ck, b);
        IOException e = assertThrows(IOException.class, () -> run(model(1), 2, ck, 1, SolveExecutor.sequential(), null));
        assertTrue(e.getMessage().contains("c.ckpt") && e.getMessage().contains("checksum"), e.getMessage());
    }

    @Test
    void metricsAreLoggedAsCsvAndJsonAndHooksAddColumns() throws IOException {
        Module m = model(2);
        Sgd opt = new Sgd(m.parameters(), 0.01, 0.9, 1e-4, false);
        Path csv = dir.resolve("metrics.csv");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Trainer t = Trainer.builder(m, opt).epochs(2).batchSize(30).metrics(csv)
                .progress(new ProgressBar(new PrintStream(err, true, StandardCharsets.UTF_8), false))
                .hook(e -> Map.of("val_score", e - 0.5)).build();
        t.fit(new Data(60, 1), step(m, SolveExecutor.sequential()));
        List<String> lines = Files.readAllLines(csv);
        assertEquals("epoch,train_loss,lr,seconds,examples_per_second,val_score", lines.get(0));
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).startsWith("1,") && lines.get(1).endsWith(",0.5"), lines.get(1));
        assertTrue(lines.get(2).startsWith("2,") && lines.get(2).endsWith(",1.5"), lines.get(2));
        String progress = err.toString(StandardCharsets.UTF_8);
        assertTrue(progress.contains("epoch 2/2 batch 2/2 loss") && !progress.contains("\r"), progress);
        // the epoch summary numbers the epoch as the metrics do, as an integer
        assertTrue(progress.contains("\nepoch 2/2 train_loss "), progress);
        assertTrue(!progress.contains("epoch 1.0") && !progress.contains("epoch 2.0"), progress);
        String json = MetricsLog.json(List.of(new EpochMetrics(0, Map.of("train_loss", 0.25))));
        assertEquals("[\n  {\"train_loss\": 0.25}\n]\n", json);
    }

    @Test
    void shufflesArePermutationsDependingOnlyOnSeedAndEpoch() {
        Module m = model(1);
        Trainer t = Trainer.builder(m, new Sgd(m.parameters(), 0.1)).seed(9).build();
        int[] p = t.permutation(50, 3);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 50; i++) {
            assertEquals(i, sorted[i]);
        }
        assertArrayEquals(p, t.permutation(50, 3));
        assertTrue(!Arrays.equals(p, t.permutation(50, 4)));
    }
}
