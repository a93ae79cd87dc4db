package org.imle.examples.ilp;

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
}
