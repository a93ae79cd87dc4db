package org.imle.train.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.imle.solvers.SolverTimeoutException;
import org.imle.train.nn.Module;
import org.imle.train.optim.Adam;
import org.imle.train.tensor.Tensor;
import org.imle.train.trainer.EpochMetrics;
import org.imle.train.trainer.FaultPolicy;
import org.imle.train.trainer.TrainStep;
import org.imle.train.trainer.Trainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Solver faults inside training: with {@link FaultPolicy#SKIP} a failing batch is skipped and
 * counted, with {@link FaultPolicy#STOP} the exception ends the run; under both, the failed step
 * leaves the model (parameters, batch-norm buffers, counters) and the optimiser state exactly as
 * they were before it. Faults are injected in the forward solves and in the backward solves.
 */
class TrainerFaultTest {

    private static final int EXAMPLES = 40;
    private static final int BATCH = 8;
    private static final int STEPS_PER_EPOCH = EXAMPLES / BATCH;

    @TempDir
    Path dir;

    /** Records the full state at the entry of every step and which steps threw. */
    private static final class Recorder implements TrainStep<Tensor[]> {
        final TrainStep<Tensor[]> inner;
        final Module model;
        final Adam opt;
        final Map<Long, Map<String, Object>> stateAtEntry = new HashMap<>();
        final List<Long> failed = new ArrayList<>();

        Recorder(TrainStep<Tensor[]> inner, Module model, Adam opt) {
            this.inner = inner;
            this.model = model;
            this.opt = opt;
        }

        @Override
        public Tensor loss(Tensor[] batch, long step) {
            stateAtEntry.put(step, ToyTask.snapshot(model, opt));
            try {
                return inner.loss(batch, step);
            } catch (RuntimeException e) {
                failed.add(step);
                throw e;
            }
        }
    }

    /** A batch of 8 with 2 samples: solves 0..15 of a step are its forward, 16..31 its backward. */
    private static final int FORWARD_SOLVES = 16;

    @Test
    void skippedBatchesAreCountedAndLeaveNoTraceInModelOrOptimiser() throws IOException {
        Module m = ToyTask.model(1);
        Adam opt = new Adam(m.parameters(), 0.01);
        // forward faults at steps 1 and 7, a backward fault at step 12
        ToyTask.FaultyOracle oracle = new ToyTask.FaultyOracle(
                (s, c) -> (s == 1 || s == 7) && c == 3 || s == 12 && c == FORWARD_SOLVES + 4);
        Recorder rec = new Recorder(ToyTask.step(m, oracle), m, opt);
        Trainer t = Trainer.builder(m, opt).epochs(3).batchSize(BATCH).seed(3).onFault(FaultPolicy.SKIP).build();
        List<EpochMetrics> metrics = t.fit(ToyTask.data(EXAMPLES, 9), rec);
        double skipped = 0;
        for (EpochMetrics e : metrics) {
            skipped += e.get("skipped_batches");
        }
        assertEquals(List.of(1L, 7L), rec.failed, "forward faults seen by the step");
        assertEquals(3.0, skipped, "two forward faults and one backward fault are skipped");
        assertEquals(1.0, metrics.get(0).get("skipped_batches"));
        assertEquals(1.0, metrics.get(1).get("skipped_batches"));
        assertEquals(1.0, metrics.get(2).get("skipped_batches"));
        for (long s : new long[] {1, 7, 12}) {
            assertEquals(rec.stateAtEntry.get(s), rec.stateAtEntry.get(s + 1),
                    "the state after the failed step " + s + " equals the state before it");
        }
        assertTrue(!rec.stateAtEntry.get(2L).equals(rec.stateAtEntry.get(3L)), "a healthy step changes the state");
        assertEquals(3L * STEPS_PER_EPOCH, rec.stateAtEntry.size(), "the step counter advances over skipped batches");
    }

    @Test
    void aRunWhereEveryStepFailsEndsWithTheInitialState() throws IOException {
        Module m = ToyTask.model(2);
        Adam opt = new Adam(m.parameters(), 0.01);
        Map<String, Object> before = ToyTask.snapshot(m, opt);
        Trainer t = Trainer.builder(m, opt).epochs(2).batchSize(BATCH).onFault(FaultPolicy.SKIP).build();
        List<EpochMetrics> metrics = t.fit(ToyTask.data(EXAMPLES, 9),
                ToyTask.step(m, new ToyTask.FaultyOracle((s, c) -> true)));
        assertEquals(before, ToyTask.snapshot(m, opt));
        assertEquals(STEPS_PER_EPOCH, metrics.get(1).get("skipped_batches"));
        assertTrue(Double.isNaN(metrics.get(1).get("train_loss")), "no batch ran, so no loss");
    }

    @Test
    void stopRethrowsTheSolverExceptionAndRestoresTheStateBeforeTheFailedStep() throws IOException {
        Path ck = dir.resolve("run.ckpt");
        Module m = ToyTask.model(3);
        Adam opt = new Adam(m.parameters(), 0.01);
        long failing = STEPS_PER_EPOCH + 2;
        Recorder rec = new Recorder(ToyTask.step(m, new ToyTask.FaultyOracle((s, c) -> s == failing && c == 5)), m, opt);
        Trainer t = Trainer.builder(m, opt).epochs(3).batchSize(BATCH).seed(4).checkpoint(ck).build();
        SolverTimeoutException e = assertThrows(SolverTimeoutException.class,
                () -> t.fit(ToyTask.data(EXAMPLES, 9), rec));
        assertTrue(e.getMessage().contains("time limit"), e.getMessage());
        assertEquals(rec.stateAtEntry.get(failing), ToyTask.snapshot(m, opt));
        assertTrue(Files.exists(ck), "the checkpoint of epoch 0 survives the failure");
        Module m2 = ToyTask.model(3);
        Adam opt2 = new Adam(m2.parameters(), 0.01);
        Trainer resumed = Trainer.builder(m2, opt2).epochs(3).batchSize(BATCH).seed(4).checkpoint(ck).build();
        List<EpochMetrics> metrics = resumed.fit(ToyTask.data(EXAMPLES, 9),
                ToyTask.step(m2, new ToyTask.FaultyOracle((s, c) -> false)));
        assertEquals(3, metrics.size(), "the resumed run completes from the surviving checkpoint");
    }

    @Test
    void aBackwardFaultUnderStopLeavesNoGradientBehind() throws IOException {
        Module m = ToyTask.model(5);
        Adam opt = new Adam(m.parameters(), 0.01);
        Recorder rec = new Recorder(ToyTask.step(m, new ToyTask.FaultyOracle((s, c) -> s == 2 && c == FORWARD_SOLVES + 1)), m, opt);
        Trainer t = Trainer.builder(m, opt).epochs(1).batchSize(BATCH).build();
        assertThrows(SolverTimeoutException.class, () -> t.fit(ToyTask.data(EXAMPLES, 9), rec));
        assertEquals(rec.stateAtEntry.get(2L), ToyTask.snapshot(m, opt));
        for (var p : m.parameters()) {
            for (float g : p.grad()) {
                assertEquals(0f, g, "gradients of the failed step are cleared");
            }
        }
    }

    @Test
    void theTrainersOwnChecksStopEvenUnderSkip() {
        Module m = ToyTask.model(6);
        Adam opt = new Adam(m.parameters(), 0.01);
        Trainer t = Trainer.builder(m, opt).epochs(1).batchSize(BATCH).onFault(FaultPolicy.SKIP).build();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> t.fit(ToyTask.data(EXAMPLES, 9), (b, s) -> Tensor.of(new float[] {Float.NaN}, 1)));
        assertTrue(e.getMessage().contains("loss is NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Trainer.builder(m, opt).onFault(null));
        assertSame(FaultPolicy.STOP, FaultPolicy.valueOf("STOP"));
    }
}
