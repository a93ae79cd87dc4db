package org.imle.examples.ilp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.imle.solvers.InfeasibleProblemException;
import org.imle.solvers.ilp.IlpBackend;
import org.imle.solvers.ilp.IlpModel;
import org.imle.solvers.ilp.IlpOracle;
import org.imle.train.tensor.Tensor;
import org.imle.train.tensor.TorchRowSum;
import org.imle.train.trainer.EpochMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DecisionFocusedTrainingTest {

    private static final DecisionProblems.DataShape TINY = new DecisionProblems.DataShape(16, 8, 3, 2, 0.5);

    private static DecisionFocusedTraining.Settings settings(String estimator, double ratio, int threads) {
        return new DecisionFocusedTraining.Settings(DecisionFocusedTraining.PRESETS.choice(estimator, Map.of()), ratio, 2,
                7, threads, 4, 0.05);
    }

    @Test
    void infeasibleUserModelStopsTrainingWithAClearErrorAndNoOutputFiles(@TempDir Path dir) {
        // the user's model asks for two of three binary items to sum to 3: no z satisfies it
        IlpModel model = IlpModel.builder(3).name("my-broken-model")
                .greaterOrEqual(new double[] {1, 1, 0}, 3).build();
        IlpOracle oracle = IlpOracle.of(model, IlpBackend.CP_SAT, 5);
        SplittableRandom r = new SplittableRandom(1);
        double[][] x = new double[8][2];
        double[][] theta = new double[8][3];
        for (int i = 0; i < 8; i++) {
            x[i][0] = r.nextGaussian();
            theta[i][1] = r.nextGaussian();
        }
        DecisionProblem problem = new DecisionProblem("mine", oracle, x, theta, x, theta);
        Path out = dir.resolve("out");
        InfeasibleProblemException e = assertThrows(InfeasibleProblemException.class,
                () -> DecisionFocusedTraining.runAndSave(problem, settings("imle", 1.0, 2), null, out, Map.of()));
        assertEquals("model 'my-broken-model' is infeasible (CP-SAT)", e.getMessage());
        assertFalse(Files.exists(out), "a failed run writes nothing");
    }

    @Test
    void sameSeedGivesTheSameRunForAnyThreadCountAlsoWithTheCache() throws Exception {
        DecisionProblem problem = DecisionProblems.knapsack(TINY, 6, 2, 8, 3);
        for (String estimator : List.of("imle", "spo+")) {
            DecisionFocusedTraining.Result one = DecisionFocusedTraining.run(problem, settings(estimator, 0.5, 1), null);
            DecisionFocusedTraining.Result two = DecisionFocusedTraining.run(problem, settings(estimator, 0.5, 3), null);
            for (int epoch = 0; epoch < 2; epoch++) {
                EpochMetrics a = one.history().get(epoch);
                EpochMetrics b = two.history().get(epoch);
                for (String metric : List.of("train_loss", "test_regret", "solver_calls", "cache_answers", "cache_size")) {
                    assertEquals(a.get(metric), b.get(metric), estimator + " epoch " + epoch + " " + metric);
                }
            }
            assertTrue(one.cacheAnswers() > 0 && one.solverCalls() > 0, "the cache answered some calls");
        }
    }

    @Test
    void everyEstimatorTrainsAndWritesItsFiles(@TempDir Path dir) throws Exception {
        DecisionProblem problem = DecisionProblems.assignment(TINY, 2, 3, 5);
        for (String estimator : DecisionFocusedTraining.PRESETS.names()) {
            Path out = dir.resolve(estimator);
            DecisionFocusedTraining.Result r = DecisionFocusedTraining.runAndSave(problem,
                    settings(estimator, 1.0, 2), null, out, Map.of("note", "test"));
            assertEquals(2, r.history().size());
            assertTrue(r.finalRegret() >= 0 && Double.isFinite(r.finalRegret()), estimator + " " + r.finalRegret());
            assertEquals(3, Files.readAllLines(out.resolve("metrics.csv")).size(), estimator);
            String summary = Files.readString(out.resolve("summary.json"));
            assertTrue(summary.contains("\"estimator\" : \"" + estimator + "\"") && summary.contains("\"note\""),
                    summary);
        }
    }

    @Test
    void assignmentCapacityIsAlwaysFeasibleAndCostsEnterNegated() {
        DecisionProblem problem = DecisionProblems.assignment(TINY, 3, 7, 11);
        for (double[] row : problem.trainTheta()) {
            for (double v : row) {
                assertTrue(v < 0, "theta = -c with c > 0");
            }
        }
        double[] z = new double[21];
        problem.oracle().solve(problem.trainTheta()[0], z);
        for (int j = 0; j < 7; j++) {
            assertEquals(1.0, z[j] + z[7 + j] + z[14 + j], "task " + j + " goes to exactly one agent");
        }
    }

    @Test
    void refusesBadSettingsNamingThem() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings("nope", 1, 1))
                .getMessage().contains("unknown estimator 'nope'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> settings("imle", 0, 1))
                .getMessage().contains("solve ratio"));
    }

    @Test
    void hammingTaskLossIsPyEposL1BetweenTheSampleMeanAndTheOptimum() {
        // two rows, two samples each, three coordinates; z* = (1, 1, 0) and (0, 1, 1)
        double[] optimal = {1, 1, 0, 0, 1, 1};
        float[] samples = {1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1};
        DecisionFocusedTraining.Batch b = new DecisionFocusedTraining.Batch(null, new double[] {2, -1, 3, 1, 1, 1},
                optimal, 0, 2);
        Tensor z = Tensor.leaf(samples.clone(), 4, 3);
        Tensor loss = DecisionFocusedTraining.taskLoss(DecisionFocusedTraining.TaskLoss.HAMMING, z, b);
        // sample means (1, .5, .5) and (.5, 1, 1): distances 0, .5, .5 and .5, 0, 0 over 6 coordinates,
        // the same as the samples' own distances (2, 0, 0 and 1 over 12)
        assertEquals(1.5 / 6, loss.item(), 1e-7);
        loss.backward();
        float[] g = z.grad();
        // every sample of a row gets sign(mean - z*) / (6 coordinates x 2 samples), also where it
        // equals z* itself (row 0's second sample at coordinate 1, row 1's first at coordinate 0)
        double[][] expected = {{0, -1, 1}, {0, -1, 1}, {1, 0, 0}, {1, 0, 0}};
        for (int row = 0; row < 4; row++) {
            for (int i = 0; i < 3; i++) {
                assertEquals(expected[row][i] / 12, g[row * 3 + i], 1e-7, "sample row " + row + " coordinate " + i);
            }
        }
    }

    @Test
    void objectiveL1TaskLossIsPyEposL1OfTheObjectiveWithItsSignAtTheOptimum() {
        // costs c = -theta*: row 0 c = (2, 1, 3), z* = (1, 1, 0), value 3; row 1 c = (1, 2, 0.5), z* = (1, 0, 1), 1.5
        double[] theta = {-2, -1, -3, -1, -2, -0.5};
        DecisionFocusedTraining.Batch b = new DecisionFocusedTraining.Batch(null, theta, new double[] {1, 1, 0, 1, 0, 1},
                0, 2);
        // row 0 answers z* (difference 0: |.| has gradient 0 there), row 1 (0, 1, 1), value 2.5: difference 1
        Tensor z = Tensor.leaf(new float[] {1, 1, 0, 0, 1, 1}, 2, 3);
        Tensor loss = DecisionFocusedTraining.taskLoss(DecisionFocusedTraining.TaskLoss.OBJECTIVE_L1, z, b);
        assertEquals((0 + 1.0) / 2, loss.item(), 1e-7);
        loss.backward();
        assertArrayEquals(new float[] {0, 0, 0, 0.5f, 1, 0.25f}, z.grad(), 1e-7f);
        // where the solution is not optimal the gradient is the regret's (+c / rows), as in PyEPO
        Tensor r = Tensor.leaf(new float[] {1, 1, 0, 0, 1, 1}, 2, 3);
        DecisionFocusedTraining.taskLoss(DecisionFocusedTraining.TaskLoss.REGRET, r, new DecisionFocusedTraining.Batch(
                null, theta, b.optimal(), (-3 - 1.5) / 2, 2)).backward();
        for (int i = 3; i < 6; i++) {
            assertEquals(r.grad()[i], z.grad()[i], 1e-7f, "coordinate " + i);
        }
    }

    @Test
    void objectiveL1AtAnOptimumPushesByTheSignOfTheFloat32Rounding() {
        // c = (1.1, 2.2, 3.3), z = z* = (1, 1, 1): the float32 sum 1.1f + 2.2f + 3.3f = 6.6000004 against
        // the optimal value computed in double and rounded to float32, 6.6f, as PyEPO's dataset keeps it:
        // d = +4.8e-7, so the optimal solution is pushed by +c as if it were suboptimal
        float sum = 1.1f + 2.2f + 3.3f;
        assertTrue(sum > (float) (1.1 + 2.2 + 3.3), "this case rounds up: " + sum);
        Tensor z = Tensor.leaf(new float[] {1, 1, 1}, 1, 3);
        Tensor loss = DecisionFocusedTraining.taskLoss(DecisionFocusedTraining.TaskLoss.OBJECTIVE_L1, z,
                new DecisionFocusedTraining.Batch(null, new double[] {-1.1, -2.2, -3.3}, new double[] {1, 1, 1}, 0, 1));
        assertEquals(0, loss.item(), 1e-6);
        loss.backward();
        assertArrayEquals(new float[] {1.1f, 2.2f, 3.3f}, z.grad(), 0f);
        // c = (3.3, 2.2, 1.1) sums to 6.6f exactly in this order: no push at all
        Tensor exact = Tensor.leaf(new float[] {1, 1, 1}, 1, 3);
        DecisionFocusedTraining.taskLoss(DecisionFocusedTraining.TaskLoss.OBJECTIVE_L1, exact,
                new DecisionFocusedTraining.Batch(null, new double[] {-3.3, -2.2, -1.1}, new double[] {1, 1, 1}, 0, 1))
                .backward();
        assertEquals(3.3f + 2.2f + 1.1f, (float) (3.3 + 2.2 + 1.1), "this order does not round");
        assertArrayEquals(new float[] {0, 0, 0}, exact.grad(), 0f);
    }

    @Test
    void objectiveL1SumsTheObjectiveInPyTorchsOrder() {
        // 40 costs c_i = float32((7919 i + 12) mod 10007 - 5003) / 97f, all chosen: PyTorch's float32 sum is
        // 30.938137 (TorchRowSum, checked against PyTorch), below the optimal value 30.93814 (double, rounded),
        // so PyEPO pushes this optimal solution by -c; the sum in index order is 30.93814 and would not push
        int n = 40;
        double[] theta = new double[n];
        double[] ones = new double[n];
        float[] z = new float[n];
        float[] c = new float[n];
        float indexOrder = 0f;
        for (int i = 0; i < n; i++) {
            c[i] = (float) (((long) i * 7919 + 12) % 10007 - 5003) / 97f;
            theta[i] = -c[i];
            ones[i] = 1;
            z[i] = 1;
            indexOrder += c[i];
        }
        double optimum = 0;
        for (float ci : c) {
            optimum += ci;
        }
        assertEquals((float) optimum, indexOrder, "in index order the optimum would not be pushed");
        assertTrue(new TorchRowSum().sum(c, 0, n) < (float) optimum);
        Tensor leaf = Tensor.leaf(z, 1, n);
        DecisionFocusedTraining.taskLoss(DecisionFocusedTraining.TaskLoss.OBJECTIVE_L1, leaf,
                new DecisionFocusedTraining.Batch(null, theta, ones, 0, 1)).backward();
        float[] pushed = new float[n];
        for (int i = 0; i < n; i++) {
            pushed[i] = -c[i];
        }
        assertArrayEquals(pushed, leaf.grad(), 0f);
    }

    @Test
    void dbbPyEpoTrainsOnTheObjectiveL1AndRefusesAnotherTaskLoss() {
        DecisionFocusedTraining.Settings s = settings("dbb-pyepo", 1.0, 1);
        assertEquals(DecisionFocusedTraining.TaskLoss.OBJECTIVE_L1, s.effectiveTaskLoss());
        assertEquals(DecisionFocusedTraining.TaskLoss.REGRET, settings("blackbox", 1.0, 1).effectiveTaskLoss());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new DecisionFocusedTraining.Settings(DecisionFocusedTraining.PRESETS.choice("dbb-pyepo", Map.of()),
                        1.0, 2, 7, 1, 4, 0.05, DecisionFocusedTraining.TaskLoss.HAMMING, true));
        assertEquals("estimator 'dbb-pyepo' trains on the task loss objective-l1 (PyEPO's); --task-loss hamming"
                + " does not apply to it", e.getMessage());
    }

    @Test
    void pyEpoPoolLossesSolveWholeBatchesTheSameForAnyThreadCount() throws Exception {
        // 16 training instances in batches of 4: every solver call belongs to a whole batch
        DecisionProblem problem = DecisionProblems.shortestPath(TINY, 3, 3, 4);
        for (String estimator : List.of("cmap-pyepo", "ltr-pairwise-pyepo")) {
            assertTrue(DecisionFocusedTraining.decidesPerBatch(DecisionFocusedTraining.PRESETS.choice(estimator,
                    Map.of())));
            DecisionFocusedTraining.Result one = DecisionFocusedTraining.run(problem, settings(estimator, 0.3, 1), null);
            DecisionFocusedTraining.Result two = DecisionFocusedTraining.run(problem, settings(estimator, 0.3, 2), null);
            for (int epoch = 0; epoch < 2; epoch++) {
                for (String metric : List.of("train_loss", "test_regret", "solver_calls")) {
                    assertEquals(one.history().get(epoch).get(metric), two.history().get(epoch).get(metric),
                            estimator + " epoch " + epoch + " " + metric);
                }
            }
            assertEquals(0, one.solverCalls() % 4, estimator + ": " + one.solverCalls() + " solver calls");
            assertTrue(one.solverCalls() > 0 && one.solverCalls() < 2 * 16, estimator + ": " + one.solverCalls());
            assertEquals(0, one.cacheAnswers(), "no caching oracle: the loss decides");
        }
        assertFalse(DecisionFocusedTraining.decidesPerBatch(DecisionFocusedTraining.PRESETS.choice("cmap", Map.of())));
    }

    @Test
    void regretTaskLossIsTheMeanRegretOfTheSamples() {
        // theta* = (2, -1, 3), z* = (1, 0, 1): optimal value 5; samples (1, 1, 0) and (0, 0, 1)
        DecisionFocusedTraining.Batch b = new DecisionFocusedTraining.Batch(null, new double[] {2, -1, 3},
                new double[] {1, 0, 1}, 5, 1);
        Tensor z = Tensor.leaf(new float[] {1, 1, 0, 0, 0, 1}, 2, 3);
        Tensor loss = DecisionFocusedTraining.taskLoss(DecisionFocusedTraining.TaskLoss.REGRET, z, b);
        assertEquals(5 - (1.0 + 3.0) / 2, loss.item(), 1e-6);
    }

    @Test
    void tspTrainsThroughCpSatAndTheCacheAnswersMostCallsAtSolveRatioOneTenth() throws Exception {
        DecisionProblem tsp = DecisionProblems.tsp(new DecisionProblems.DataShape(20, 5, 3, 2, 0.5), 6, 4);
        DecisionFocusedTraining.Settings cached = new DecisionFocusedTraining.Settings(
                DecisionFocusedTraining.PRESETS.choice("spo+", Map.of()), 0.1, 3, 5, 2, 5, 0.05);
        DecisionFocusedTraining.Result r = DecisionFocusedTraining.run(tsp, cached, null);
        // SPO+ makes three MAP calls per instance and step (theta, 2 theta - theta*, theta*): 20 x 3 epochs x 3
        assertEquals(180, r.solverCalls() + r.cacheAnswers());
        assertTrue(r.cacheAnswers() > 120 && r.solverCalls() > 0, r.solverCalls() + " / " + r.cacheAnswers());
        double cacheSize = r.history().get(2).get("cache_size");
        assertTrue(cacheSize > 0 && cacheSize <= 20 + r.solverCalls(), "the cache holds the distinct training optima "
                + "and at most one new tour per solver call: " + cacheSize);
        assertTrue(r.finalRegret() >= 0 && Double.isFinite(r.finalRegret()), "regret " + r.finalRegret());
    }
}
