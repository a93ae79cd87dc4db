package org.imle.examples.shortestpath;

import org.imle.data.warcraft.JGraphTGridPathOracle;
import org.imle.data.warcraft.WarcraftDataset;
import org.imle.data.warcraft.WarcraftSplits;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.imle.api.execution.SolveExecutor;
import org.imle.train.nn.Module;
import org.imle.train.optim.Adam;
import org.imle.train.tensor.Tensor;
import org.imle.train.trainer.EpochMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Training through the shortest-path solver on tiny generated maps (4 x 4 cells, 32 x 32 pixels). */
class ShortestPathExperimentTest {

    private static ShortestPathConfig.Builder tiny() {
        return ShortestPathConfig.builder().gridSize(4).channels(4).trainSize(24).valSize(8).testSize(8)
                .batchSize(8).epochs(2).threads(2).plotMaps(0).seed(3);
    }

    /**
     * Repeated steps on one fixed batch must lower its loss, for every learner: the mean of the
     * last three losses is below the mean of the first three.
     */
    @ParameterizedTest
    @MethodSource("estimators")
    void repeatedStepsOnOneBatchLowerItsLoss(String learner) throws Exception {
        ShortestPathExperiment e = new ShortestPathExperiment(tiny().estimator(learner).learningRate(0.02).build());
        WarcraftSplits data = e.loadData();
        Module net = e.newNetwork(4);
        PathEstimators.Head head = e.head(4);
        Adam adam = new Adam(net.parameters(), 0.02);
        WarcraftBatches.Batch batch = new WarcraftBatches(data.train()).range(0, 16);
        int steps = 30;
        double[] losses = new double[steps];
        for (int step = 0; step < steps; step++) {
            adam.zeroGrad();
            Tensor loss = head.loss(ShortestPathExperiment.costs(net, batch.images()), batch, step);
            loss.backward();
            adam.step();
            losses[step] = loss.item();
        }
        double first = (losses[0] + losses[1] + losses[2]) / 3;
        double last = (losses[steps - 1] + losses[steps - 2] + losses[steps - 3]) / 3;
        assertTrue(last < first, learner + ": loss went from " + first + " to " + last);
    }

    static List<String> estimators() {
        return PathEstimators.PRESETS.names();
    }

    @Test
    void costsArePositiveSoTheSolverNeverSeesANegativeCost() throws Exception {
        ShortestPathExperiment e = new ShortestPathExperiment(tiny().build());
        Module net = e.newNetwork(4);
        WarcraftBatches.Batch batch = new WarcraftBatches(e.loadData().train()).range(0, 8);
        // scale the input far out so that raw scores are large and negative somewhere
        float[] costs = ShortestPathExperiment.costs(net, batch.images().mul(-50f)).data();
        for (float c : costs) {
            assertTrue(c > 0, "cost " + c);
        }
        assertEquals(8 * 16, costs.length);
    }

    @Test
    void aRunRecordsEveryEpochsMetricsAndIsTheSameForAnyThreadCount() throws Exception {
        ShortestPathExperiment one = new ShortestPathExperiment(tiny().threads(1).build());
        ShortestPathExperiment.Result a = one.run(one.loadData(), null);
        ShortestPathExperiment two = new ShortestPathExperiment(tiny().threads(2).build());
        ShortestPathExperiment.Result b = two.run(two.loadData(), null);
        List<EpochMetrics> h = a.history();
        assertEquals(2, h.size());
        for (int epoch = 0; epoch < 2; epoch++) {
            Map<String, Double> va = h.get(epoch).values();
            Map<String, Double> vb = b.history().get(epoch).values();
            for (String name : List.of("train_loss", "val_cost_optimal", "val_exact_match", "val_cell_accuracy",
                    "val_regret", "test_cost_optimal", "test_exact_match", "test_cell_accuracy", "test_regret")) {
                assertTrue(va.containsKey(name), name);
                assertEquals(va.get(name), vb.get(name), name + " at epoch " + epoch);
            }
        }
        assertArrayEquals(a.testPredictions().costs(), b.testPredictions().costs());
        // the last epoch's test scores are those of the returned predictions
        ShortestPathExperiment.Result r = a;
        WarcraftDataset test = one.loadData().test();
        assertEquals(PathMetrics.score(test, r.testPredictions().paths()), r.test());
        assertEquals(r.test().costOptimal(), h.get(1).get("test_cost_optimal"));
    }

    @Test
    void predictionsAreShortestPathsUnderThePredictedCosts() throws Exception {
        ShortestPathExperiment e = new ShortestPathExperiment(tiny().build());
        WarcraftDataset test = e.loadData().test();
        ShortestPathExperiment.Predictions p = ShortestPathExperiment.predict(e.newNetwork(4), test,
                ShortestPathExperiment.oracle(4), SolveExecutor.sequential());
        double[] reference = new double[16];
        double[] theta = new double[16];
        for (int m = 0; m < test.size(); m++) {
            for (int i = 0; i < 16; i++) {
                theta[i] = -p.costs()[m * 16 + i];
            }
            new JGraphTGridPathOracle(4).solve(theta, reference);
            double cost = 0;
            double refCost = 0;
            for (int i = 0; i < 16; i++) {
                cost += p.paths()[m * 16 + i] * p.costs()[m * 16 + i];
                refCost += reference[i] * p.costs()[m * 16 + i];
            }
            assertEquals(refCost, cost, 1e-9 * refCost, "map " + m);
        }
    }

    @Test
    void settingsAreCheckedWithTheOptionInTheMessage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> tiny().epochs(0).build());
        assertTrue(e.getMessage().contains("--epochs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tiny().milestones(3, 2).build());
        assertTrue(e.getMessage().contains("--milestones"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> tiny().estimator("gradient-descent"));
        assertEquals("unknown estimator 'gradient-descent'; known: imle, aimle, blackbox, fenchel-young, "
                + "straight-through, mse", e.getMessage());
        assertArrayEquals(new int[] {6, 8}, ShortestPathConfig.defaultMilestones(10));
        assertEquals(16, ShortestPathConfig.defaultNoiseK(12));
    }
}
