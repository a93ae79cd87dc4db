package org.imle.examples.ilp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.imle.api.execution.SolveExecutor;
import org.imle.solvers.knapsack.KnapsackOracle;
import org.imle.solvers.matching.AssignmentOracle;
import org.junit.jupiter.api.Test;

class RegretTest {

    @Test
    void regretOfAMaximisationByHand() {
        double[] theta = {3, 1, 2};
        // optimum (1, 0, 1) is worth 5, the decision (1, 1, 0) is worth 4
        assertEquals(1.0, Regret.of(theta, new double[] {1, 0, 1}, new double[] {1, 1, 0}));
        assertEquals(0.0, Regret.of(theta, new double[] {1, 0, 1}, new double[] {1, 0, 1}));
        // two instances: regrets 1 and 0, optimal values 5 and 2 -> 1 / 7
        double normalised = Regret.normalised(new double[][] {theta, {2, 0, 0}},
                new double[][] {{1, 0, 1}, {1, 0, 0}}, new double[][] {{1, 1, 0}, {1, 0, 0}});
        assertEquals(1.0 / (7 + 1e-7), normalised, 1e-15, "PyEPO adds 1e-7 to the denominator");
    }

    @Test
    void costsEnterNegatedAndRegretIsTheExtraCost() {
        // a 2 x 2 assignment with costs c = [[1, 4], [2, 8]]: the cheapest is (0,1),(1,0) at 4 + 2 = 6,
        // the diagonal costs 9, so regret 3 and normalised regret 3 / 6
        double[] c = {1, 4, 2, 8};
        double[] theta = {-1, -4, -2, -8};
        AssignmentOracle oracle = AssignmentOracle.perfect(2, 2);
        double[] optimal = new double[4];
        oracle.solve(theta, optimal);
        assertEquals(-6, Regret.dot(theta, optimal));
        double[] predictedTheta = {-1, -9, -9, -1}; // predicted costs make the diagonal look cheap
        double r = Regret.normalised(oracle, new double[][] {predictedTheta}, new double[][] {theta},
                new double[][] {optimal}, SolveExecutor.sequential());
        assertEquals(3.0 / (6 + 1e-7), r, 1e-15);
        assertEquals(9.0, Regret.dot(c, new double[] {1, 0, 0, 1}), "the decision taken costs 9");
    }

    @Test
    void perfectPredictionHasZeroRegretOnAKnapsack() {
        KnapsackOracle oracle = KnapsackOracle.of(new long[] {3, 4, 5}, 7);
        double[][] theta = {{4, 5, 6}, {1, 9, 1}};
        double[][] optimal = Regret.solveAll(oracle, theta, SolveExecutor.parallel(2));
        double[][] scaled = {{8, 10, 12}, {0.1, 0.9, 0.1}}; // argmax is scale invariant
        assertEquals(0.0, Regret.normalised(oracle, scaled, theta, optimal, SolveExecutor.sequential()));
        assertThrows(IllegalArgumentException.class,
                () -> Regret.normalised(new double[][] {{1}}, new double[0][], new double[0][]));
    }
}
