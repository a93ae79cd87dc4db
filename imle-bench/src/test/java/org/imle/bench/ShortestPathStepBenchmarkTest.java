package org.imle.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.imle.train.nn.Parameter;
import org.imle.train.tensor.Compute;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The shortest-path step benchmark's setup and step method, called directly (no JMH runner), so
 * that what the benchmark times is a real training step: it moves every weight of the network,
 * returns the loss of the learner it is named after, and is reproducible from its seed on one or
 * two threads.
 */
class ShortestPathStepBenchmarkTest {

    private final int threadsBefore = Compute.threads();

    @AfterEach
    void restoreKernelThreads() {
        Compute.setThreads(threadsBefore);
    }

    private static ShortestPathStepBenchmark benchmark(String estimator, int threads) {
        ShortestPathStepBenchmark b = new ShortestPathStepBenchmark();
        b.estimator = estimator;
        b.threads = threads;
        b.setUp();
        return b;
    }

    private static List<float[]> weights(ShortestPathStepBenchmark b) {
        List<float[]> w = new ArrayList<>();
        for (Parameter p : b.trainingStep().network().parameters()) {
            w.add(p.data().clone());
        }
        return w;
    }

    /**
     * One step changes every parameter tensor of the network (each gets a gradient and an Adam
     * update) and returns a positive finite loss: for the Hamming learners a mean over the 70 maps
     * of whole numbers of wrong cells, at most the 144 cells of a map.
     */
    @ParameterizedTest
    @ValueSource(strings = {"imle", "blackbox", "mse"})
    void aStepTrainsEveryParameterAndReturnsTheLearnersLoss(String estimator) {
        ShortestPathStepBenchmark b = benchmark(estimator, 1);
        List<float[]> before = weights(b);
        float loss = b.step();
        List<float[]> after = weights(b);
        assertEquals(1, b.trainingStep().steps());
        assertTrue(Float.isFinite(loss) && loss > 0, estimator + ": loss " + loss);
        for (int p = 0; p < before.size(); p++) {
            assertFalse(Arrays.equals(before.get(p), after.get(p)), estimator + ": parameter " + p + " did not move");
        }
        if (!estimator.equals("mse")) {
            int maps = b.trainingStep().batchSize();
            assertEquals(70, maps);
            assertTrue(loss <= 144, estimator + ": loss " + loss);
            double wrongCells = loss * maps;
            assertEquals(Math.rint(wrongCells), wrongCells, 0.05, estimator + ": " + wrongCells + " wrong cells");
        }
    }

    /**
     * Two fresh setups with the same seed give bit-identical losses and weights over consecutive
     * steps, with one kernel and solver thread and with two; the losses of consecutive steps
     * differ (new batch, new noise), so the comparison is not of a constant.
     */
    @Test
    void theSameSeedGivesTheSameStepsOnOneOrTwoThreads() {
        ShortestPathStepBenchmark one = benchmark("imle", 1);
        ShortestPathStepBenchmark again = benchmark("imle", 1);
        ShortestPathStepBenchmark two = benchmark("imle", 2);
        float[] losses = new float[2];
        for (int s = 0; s < losses.length; s++) {
            losses[s] = one.step();
            assertEquals(losses[s], again.step(), "step " + s + ", same seed");
            assertEquals(losses[s], two.step(), "step " + s + ", two threads");
        }
        assertTrue(losses[0] != losses[1], "consecutive losses " + Arrays.toString(losses));
        List<float[]> w = weights(one);
        List<float[]> wAgain = weights(again);
        List<float[]> wTwo = weights(two);
        for (int p = 0; p < w.size(); p++) {
            assertArrayEquals(w.get(p), wAgain.get(p), "parameter " + p + ", same seed");
            assertArrayEquals(w.get(p), wTwo.get(p), "parameter " + p + ", two threads");
        }
    }
}
