package org.imle.api.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.imle.api.MapOracle;
import org.imle.api.StructuredLoss;
import org.imle.api.exact.EnumeratedOracle;
import org.imle.api.exact.StructureSet;
import org.imle.api.execution.RandomStreams;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.pool.PooledOracle;
import org.imle.api.pool.SolutionPool;
import org.imle.api.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * The pool losses' one solve decision per batch ({@code batchSolveRatio} below 1, PyEPO's
 * {@code solve_ratio}): the coin is the stream (seed, step, 0, 0), a solved batch makes B solver
 * calls and is scored against its own solutions, an unsolved one makes none and leaves the pool as
 * it was, and the numbers do not depend on the thread count.
 */
class PerBatchSolveDecisionTest {

    private static final int N = 6;
    private static final StructureSet ALL = StructureSet.binary(N, z -> true);

    /** Counts the rows the solver is asked for. */
    private static final class Counting implements MapOracle {
        final MapOracle solver = new EnumeratedOracle(ALL);
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public int dimension() {
            return N;
        }

        @Override
        public void solve(double[] theta, double[] z) {
            calls.incrementAndGet();
            solver.solve(theta, z);
        }

        @Override
        public void solve(double[] theta, int thetaOffset, double[] z, int zOffset) {
            calls.incrementAndGet();
            solver.solve(theta, thetaOffset, z, zOffset);
        }
    }

    private static double[] target() {
        return new double[] {1, 0, 1, 0, 1, 0};
    }

    @Test
    void theCoinIsTheKeyedStreamOfSeedAndStep() {
        CmapLoss cmap = CmapLoss.builder(new Counting()).batchSolveRatio(0.3).seed(17).build();
        for (long step = 0; step < 200; step++) {
            boolean expected = RandomStreams.open(17, step, 0, 0).nextDouble() < 0.3;
            assertEquals(expected, cmap.solvesBatch(step), "step " + step);
        }
        CmapLoss always = CmapLoss.builder(new Counting()).seed(17).build();
        assertTrue(always.solvesBatch(5));
        assertEquals(1.0, always.batchSolveRatio());
        CmapLoss never = CmapLoss.builder(new Counting()).batchSolveRatio(0).seed(17).build();
        for (long step = 0; step < 50; step++) {
            assertFalse(never.solvesBatch(step));
        }
    }

    @Test
    void numpyCoinsArePyEposCoinsFromItsModuleGeneratorSeededWithTheSeed() {
        // numpy 1.24: [RandomState(7).uniform() for _ in range(4)] = 0.0763, 0.7799, 0.4384, 0.7235;
        // PyEPO solves when the draw is at most its solve_ratio
        CmapLoss cmap = CmapLoss.builder(new Counting()).batchSolveRatio(0.5).batchCoins(PoolLoss.Coins.NUMPY)
                .seed(7).build();
        boolean[] expected = {true, false, true, false};
        for (int step = expected.length - 1; step >= 0; step--) {
            assertEquals(expected[step], cmap.solvesBatch(step), "step " + step);
        }
        CmapLoss edge = CmapLoss.builder(new Counting()).batchSolveRatio(0.07630828937395717)
                .batchCoins(PoolLoss.Coins.NUMPY).seed(7).build();
        assertTrue(edge.solvesBatch(0), "a draw equal to the ratio solves, as PyEPO's <= does");
        IllegalArgumentException seed = assertThrows(IllegalArgumentException.class,
                () -> CmapLoss.builder(new Counting()).batchSolveRatio(0.5).batchCoins(PoolLoss.Coins.NUMPY)
                        .seed(1L << 40).build());
        assertTrue(seed.getMessage().contains("RandomState"), seed.getMessage());
        assertEquals(PoolLoss.Coins.NUMPY, PoolLoss.Coins.parse("numpy"));
        IllegalArgumentException name = assertThrows(IllegalArgumentException.class,
                () -> PoolLoss.Coins.parse("torch"));
        assertTrue(name.getMessage().contains("batchCoins") && name.getMessage().contains("'torch'"),
                name.getMessage());
    }

    @Test
    void thePoolGrowsByWholeBatchesAndOnlyOnSolvedOnes() {
        int batch = 4;
        Counting oracle = new Counting();
        CmapLoss cmap = CmapLoss.builder(oracle).batchSolveRatio(0.25).seed(3)
                .executor(SolveExecutor.sequential()).build();
        cmap.pool().add(target(), 0);
        cmap.pool().commit();
        SplittableRandom rng = new SplittableRandom(11);
        int solvedBatches = 0;
        for (long step = 0; step < 200; step++) {
            double[] theta = Fixtures.gaussian(rng, batch * N, 1);
            double[] targets = new double[batch * N];
            for (int r = 0; r < batch; r++) {
                System.arraycopy(target(), 0, targets, r * N, N);
            }
            int before = cmap.pool().size();
            int callsBefore = oracle.calls.get();
            double[] grad = new double[batch * N];
            StructuredLoss.Evaluation e = cmap.evaluate(theta, targets, batch, step, grad);
            int calls = oracle.calls.get() - callsBefore;
            double[][] pooled = cmap.pool().snapshot();
            if (cmap.solvesBatch(step)) {
                solvedBatches++;
                assertEquals(batch, calls, "step " + step);
                // every row's MAP over all of {0,1}^6 joined before scoring: CMAP is the max over C
                for (int r = 0; r < batch; r++) {
                    double[] row = Fixtures.row(theta, r, N);
                    double best = Double.NEGATIVE_INFINITY;
                    for (int c = 0; c < ALL.size(); c++) {
                        best = Math.max(best, ALL.score(c, row));
                    }
                    double gold = 0;
                    for (int i = 0; i < N; i++) {
                        gold += row[i] * target()[i];
                    }
                    assertEquals(best - gold, e.losses()[r], 1e-12, "step " + step + " row " + r);
                }
                int fresh = 0;
                List<double[]> seen = new ArrayList<>();
                for (int r = 0; r < batch; r++) {
                    double[] z = Fixtures.row(e.structures(), r, N);
                    boolean known = seen.stream().anyMatch(s -> java.util.Arrays.equals(s, z));
                    for (int c = 0; c < before && !known; c++) {
                        known = java.util.Arrays.equals(pooled[c], z);
                    }
                    if (!known) {
                        fresh++;
                        seen.add(z);
                    }
                }
                assertEquals(before + fresh, cmap.pool().size(), "step " + step);
            } else {
                assertEquals(0, calls, "step " + step);
                assertEquals(before, cmap.pool().size(), "step " + step);
                // the decisions are the pool's best under theta
                for (int r = 0; r < batch; r++) {
                    int best = SolutionPool.bestIndex(pooled, theta, r * N);
                    assertArrayEquals(pooled[best], Fixtures.row(e.structures(), r, N), 0.0);
                }
            }
        }
        // a quarter of 200 batches, give or take four standard deviations (about 6.1 each)
        assertTrue(solvedBatches > 25 && solvedBatches < 75, "solved batches " + solvedBatches);
    }

    @Test
    void sameNumbersForOneAndTwoThreads() {
        for (String name : new String[] {"nce", "cmap", "ltr-pointwise", "ltr-pairwise", "ltr-listwise"}) {
            List<double[]> one = run(name, SolveExecutor.sequential());
            List<double[]> two = run(name, SolveExecutor.parallel(2));
            assertEquals(one.size(), two.size(), name);
            for (int i = 0; i < one.size(); i++) {
                assertArrayEquals(one.get(i), two.get(i), 0.0, name + " entry " + i);
            }
        }
    }

    /** Losses, gradients and the final pool of 60 steps of batch 8. */
    private static List<double[]> run(String name, SolveExecutor executor) {
        MapOracle oracle = new EnumeratedOracle(ALL);
        PoolLoss loss = switch (name) {
            case "nce" -> NceLoss.builder(oracle).batchSolveRatio(0.2).seed(5).executor(executor).build();
            case "cmap" -> CmapLoss.builder(oracle).batchSolveRatio(0.2).seed(5).executor(executor).build();
            case "ltr-pointwise" -> PointwiseRankLoss.builder(oracle).batchSolveRatio(0.2).seed(5).executor(executor)
                    .build();
            case "ltr-pairwise" -> PairwiseRankLoss.builder(oracle).batchSolveRatio(0.2).seed(5).executor(executor)
                    .build();
            default -> ListwiseRankLoss.builder(oracle).batchSolveRatio(0.2).seed(5).executor(executor).build();
        };
        boolean gold = "target".equals(loss.supervisionName());
        SplittableRandom rng = new SplittableRandom(23);
        List<double[]> out = new ArrayList<>();
        int batch = 8;
        for (long step = 0; step < 60; step++) {
            double[] theta = Fixtures.gaussian(rng, batch * N, 1);
            double[] supervision = new double[batch * N];
            double[] trueTheta = Fixtures.gaussian(rng, batch * N, 1);
            for (int r = 0; r < batch; r++) {
                double[] z = new double[N];
                oracle.solve(Fixtures.row(trueTheta, r, N), z);
                System.arraycopy(gold ? z : Fixtures.row(trueTheta, r, N), 0, supervision, r * N, N);
            }
            double[] grad = new double[batch * N];
            out.add(loss.evaluate(theta, supervision, batch, step, grad).losses());
            out.add(grad);
        }
        for (double[] z : loss.pool().snapshot()) {
            out.add(z);
        }
        return out;
    }

    @Test
    void anEmptyPoolIsSolvedWhateverTheCoin() {
        Counting oracle = new Counting();
        PointwiseRankLoss loss = PointwiseRankLoss.builder(oracle).batchSolveRatio(0).seed(1)
                .executor(SolveExecutor.sequential()).build();
        double[] theta = {5, 4, -1, -1, -1, -1};
        loss.evaluate(theta, new double[] {1, 1, 1, 1, 1, 1}, 1, 0, new double[N]);
        assertEquals(1, oracle.calls.get());
        assertEquals(1, loss.pool().size());
        loss.evaluate(theta, new double[] {1, 1, 1, 1, 1, 1}, 1, 1, new double[N]);
        assertEquals(1, oracle.calls.get());
    }

    @Test
    void badRatiosAndACachingOracleAreRefusedByName() {
        for (double bad : new double[] {-0.1, 1.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CmapLoss.builder(new Counting()).batchSolveRatio(bad).build());
            assertEquals("batchSolveRatio must be in [0, 1], got " + bad, e.getMessage());
        }
        SolutionPool pool = SolutionPool.of(N);
        PooledOracle pooled = new PooledOracle() {
            final MapOracle solver = new EnumeratedOracle(ALL);

            @Override
            public SolutionPool pool() {
                return pool;
            }

            @Override
            public int dimension() {
                return N;
            }

            @Override
            public void solve(double[] theta, double[] z) {
                solver.solve(theta, z);
            }

            @Override
            public void solve(double[] theta, int thetaOffset, double[] z, int zOffset) {
                solver.solve(theta, thetaOffset, z, zOffset);
            }

            @Override
            public String toString() {
                return "a test cache";
            }
        };
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NceLoss.builder(pooled).batchSolveRatio(0.5).build());
        assertTrue(e.getMessage().startsWith("batchSolveRatio 0.5 decides per batch"), e.getMessage());
        assertTrue(e.getMessage().contains("a test cache"), e.getMessage());
        NceLoss.builder(pooled).build(); // ratio 1 with a cache: as before
    }
}
