package org.imle.solvers.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import org.imle.api.MapOracle;
import org.imle.api.execution.RoutingOracle;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.execution.ThetaRows;
import org.imle.solvers.knapsack.KnapsackOracle;
import org.junit.jupiter.api.Test;

class CachingOracleTest {

    private static double[] randomTheta(SplittableRandom r, int n) {
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextGaussian();
        }
        return t;
    }

    @Test
    void answersTheBestCachedSolutionAsBruteForceOverTheCachedSet() {
        SplittableRandom r = new SplittableRandom(11);
        for (int instance = 0; instance < 1000; instance++) {
            int n = 2 + r.nextInt(6);
            KnapsackOracle solver = KnapsackOracle.of(new long[n], 1);
            CachingOracle oracle = CachingOracle.of(solver, 0.0, instance);
            int size = 1 + r.nextInt(20);
            double[][] set = new double[size][n];
            for (double[] s : set) {
                for (int i = 0; i < n; i++) {
                    s[i] = r.nextInt(3); // small integers: ties between distinct solutions happen
                }
            }
            oracle.addAll(set);
            oracle.commit();
            double[] theta = new double[n];
            for (int i = 0; i < n; i++) {
                theta[i] = r.nextInt(5) - 2;
            }
            double[] z = new double[n];
            oracle.solve(theta, z);
            // brute force over the cache in its own order: the first of the best
            double best = Double.NEGATIVE_INFINITY;
            double[] expected = null;
            for (int c = 0; c < oracle.size(); c++) {
                double[] s = oracle.cached(c);
                double v = 0;
                for (int i = 0; i < n; i++) {
                    v += s[i] * theta[i];
                }
                if (v > best) {
                    best = v;
                    expected = s;
                }
            }
            assertArrayEquals(expected, z, "instance " + instance);
            assertEquals(0, oracle.solverCalls());
        }
    }

    @Test
    void cacheHoldsDistinctSolutionsInLexicographicOrderOfEachCommit() {
        CachingOracle oracle = CachingOracle.of(KnapsackOracle.of(new long[] {1, 1, 1}, 3), 0.0, 1);
        oracle.addAll(new double[][] {{1, 0, 1}, {0, 1, 0}, {1, 0, 1}, {-0.0, 1, 0}});
        assertEquals(0, oracle.size(), "pending solutions wait for the commit");
        assertEquals(2, oracle.commit());
        assertArrayEquals(new double[] {0, 1, 0}, oracle.cached(0));
        assertArrayEquals(new double[] {1, 0, 1}, oracle.cached(1));
        oracle.addAll(new double[][] {{1, 0, 1}, {0, 0, 0}});
        assertEquals(1, oracle.commit());
        assertArrayEquals(new double[] {0, 0, 0}, oracle.cached(2), "later commits append");
    }

    @Test
    void solvesEveryCallWithRatioOneOrAnEmptyCache() {
        SplittableRandom r = new SplittableRandom(3);
        long[] weights = {3, 4, 5, 6, 2};
        KnapsackOracle solver = KnapsackOracle.of(weights, 9);
        CachingOracle always = CachingOracle.of(solver, 1.0, 5);
        CachingOracle empty = CachingOracle.of(solver, 0.0, 5);
        for (int call = 0; call < 200; call++) {
            double[] theta = randomTheta(r, 5);
            double[] expected = new double[5];
            solver.solve(theta, expected);
            double[] a = new double[5];
            double[] b = new double[5];
            always.solve(theta, a);
            empty.solve(theta, b);
            assertArrayEquals(expected, a);
            assertArrayEquals(expected, b, "nothing committed: the cache is empty, so the solver answers");
        }
        assertEquals(200, always.solverCalls());
        assertEquals(200, empty.solverCalls());
        assertEquals(0, empty.cacheAnswers());
    }

    @Test
    void solvesAboutTheRequestedFractionAndTheSameCallsForTheSameSeed() {
        SplittableRandom r = new SplittableRandom(4);
        KnapsackOracle solver = KnapsackOracle.of(new long[] {1, 2, 3, 4}, 5);
        CachingOracle a = CachingOracle.of(solver, 0.3, 9);
        CachingOracle b = CachingOracle.of(solver, 0.3, 9);
        a.addAll(new double[][] {{0, 0, 0, 0}});
        b.addAll(new double[][] {{0, 0, 0, 0}});
        a.commit();
        b.commit();
        int calls = 10_000;
        for (int call = 0; call < calls; call++) {
            double[] theta = randomTheta(r, 4);
            a.solve(theta, new double[4]);
            b.solve(theta, new double[4]);
            assertEquals(a.solverCalls(), b.solverCalls(), "call " + call);
        }
        double fraction = a.solverCalls() / (double) calls;
        // binomial standard deviation sqrt(0.3 * 0.7 / 10000) = 0.0046; 0.02 is over 4 of them
        assertTrue(Math.abs(fraction - 0.3) < 0.02, "solved fraction " + fraction);
        assertEquals(calls, a.solverCalls() + a.cacheAnswers());
    }

    @Test
    void returnsTheSameAnswersAndCacheForAnyThreadCount() {
        double[][] sequential = run(SolveExecutor.sequential());
        double[][] parallel = run(SolveExecutor.parallel(4));
        assertEquals(sequential.length, parallel.length);
        for (int i = 0; i < sequential.length; i++) {
            assertArrayEquals(sequential[i], parallel[i], "row " + i);
        }
    }

    @Test
    void anExecutorThatShipsSolvesGetsOnlyTheRoutedRowsAndTheSameAnswersCacheAndCounts() {
        KnapsackOracle solver = KnapsackOracle.of(new long[] {3, 1, 4, 1, 5, 9, 2, 6}, 12);
        CachingOracle inProcess = CachingOracle.of(solver, 0.25, 77);
        CachingOracle routed = CachingOracle.of(solver, 0.25, 77);
        ShippingExecutor shipping = new ShippingExecutor(solver);
        double[][] expected = run(SolveExecutor.parallel(3), inProcess, true);
        double[][] actual = run(shipping, routed, true);
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], "row " + i);
        }
        assertEquals(inProcess.solverCalls(), routed.solverCalls());
        assertEquals(inProcess.cacheAnswers(), routed.cacheAnswers());
        assertEquals(routed.solverCalls(), shipping.shippedRows, "only the solver's rows travel");
        assertTrue(routed.cacheAnswers() > 0 && routed.solverCalls() > 0, routed.toString());
    }

    @Test
    void aRoutedRequestChecksTheRowsItAnswersFromTheCache() {
        KnapsackOracle solver = KnapsackOracle.of(new long[] {1, 2}, 2);
        CachingOracle oracle = CachingOracle.of(solver, 0.0, 0);
        oracle.addAll(new double[][] {{1, 0}});
        oracle.commit();
        double[] theta = {1, 2, 3, Double.NaN};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ShippingExecutor(solver)
                .solve(oracle, 2, ThetaRows.stored(theta, 2), new double[4]));
        assertTrue(e.getMessage().contains("coordinate 1 is NaN"), e.getMessage());
    }

    /**
     * Ships solves as Spark's executor does: a routing oracle through {@link RoutingOracle#solve},
     * anything else only if it is the solver (the one oracle with a spec), counting its rows.
     */
    private static final class ShippingExecutor implements SolveExecutor {
        private final MapOracle solver;
        long shippedRows;

        ShippingExecutor(MapOracle solver) {
            this.solver = solver;
        }

        @Override
        public void run(int tasks, IntConsumer task) {
            SolveExecutor.sequential().run(tasks, task);
        }

        @Override
        public void solve(MapOracle oracle, int rows, ThetaRows theta, double[] z) {
            if (oracle instanceof RoutingOracle routing) {
                RoutingOracle.solve(routing, rows, theta, z, this);
                return;
            }
            assertSame(solver, oracle, "only the solver has a spec to ship");
            shippedRows += rows;
            SolveExecutor.sequential().solve(oracle, rows, theta, z);
        }

        @Override
        public boolean shipsSolves() {
            return true;
        }
    }

    /** Ten batches of 64 calls with commits between them; returns every answer, then the cache. */
    private static double[][] run(SolveExecutor executor) {
        KnapsackOracle solver = KnapsackOracle.of(new long[] {3, 1, 4, 1, 5, 9, 2, 6}, 12);
        return run(executor, CachingOracle.of(solver, 0.25, 77), false);
    }

    /** As {@link #run(SolveExecutor)}, with one request a batch ({@link SolveExecutor#solve}) when {@code requests}. */
    private static double[][] run(SolveExecutor executor, CachingOracle oracle, boolean requests) {
        int n = 8;
        SplittableRandom r = new SplittableRandom(8);
        int batches = 10;
        int calls = 64;
        double[][] answers = new double[batches * calls][];
        for (int batch = 0; batch < batches; batch++) {
            double[] theta = new double[calls * n];
            for (int i = 0; i < theta.length; i++) {
                theta[i] = r.nextGaussian();
            }
            double[] z = new double[calls * n];
            if (requests) {
                executor.solve(oracle, calls, ThetaRows.stored(theta, n), z);
            } else {
                executor.run(calls, task -> oracle.solve(theta, task * n, z, task * n));
            }
            for (int c = 0; c < calls; c++) {
                answers[batch * calls + c] = java.util.Arrays.copyOfRange(z, c * n, (c + 1) * n);
            }
            oracle.commit();
        }
        double[][] out = java.util.Arrays.copyOf(answers, answers.length + oracle.size());
        for (int c = 0; c < oracle.size(); c++) {
            out[answers.length + c] = oracle.cached(c);
        }
        return out;
    }

    @Test
    void refusesBadArgumentsNamingThem() {
        KnapsackOracle solver = KnapsackOracle.of(new long[] {1, 2}, 2);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CachingOracle.of(solver, 1.5, 0))
                .getMessage().contains("solveRatio"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CachingOracle.of(solver, Double.NaN, 0))
                .getMessage().contains("solveRatio"));
        CachingOracle oracle = CachingOracle.of(solver, 0.5, 0);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> oracle.solve(new double[] {1, Double.NaN}, new double[2])).getMessage().contains("coordinate 1"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> oracle.addAll(new double[][] {{1}})).getMessage().contains("solution 0"));
    }
}
