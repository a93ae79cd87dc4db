package org.imle.solvers.cache;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.SplittableRandom;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.loss.CmapLoss;
import org.imle.api.loss.NceLoss;
import org.imle.api.pool.SolutionPool;
import org.imle.solvers.topk.TopKOracle;
import org.junit.jupiter.api.Test;

/**
 * The pool-based losses and solution caching share one pool: a loss built around a
 * {@link CachingOracle} reads the oracle's cache, the solver's answers join it once, and at solve
 * ratio 0 (after seeding) the loss's decisions come from the cache and the pool stops growing.
 */
class SharedPoolTest {

    @Test
    void lossReadsTheCachingOraclesPool() {
        CachingOracle cache = CachingOracle.of(new TopKOracle(6, 2), 1.0, 3);
        NceLoss nce = NceLoss.builder(cache).executor(SolveExecutor.sequential()).build();
        assertSame(cache.pool(), nce.pool());
        double[] theta = {5, 4, 0, 0, 0, 0};
        double[] target = {0, 0, 0, 0, 1, 1};
        nce.evaluate(theta, target, 1, 0, new double[6]);
        assertEquals(1, cache.size(), "the target joined before scoring");
        assertEquals(1, cache.solverCalls());
        nce.evaluate(theta, target, 1, 1, new double[6]);
        assertEquals(2, cache.size(), "the solver's answer joined once, through the oracle");
        assertArrayEquals(new double[] {1, 1, 0, 0, 0, 0}, cache.cached(1), 0.0);
    }

    @Test
    void atSolveRatioZeroTheDecisionsComeFromThePool() {
        CachingOracle cache = CachingOracle.of(new TopKOracle(6, 2), 0.0, 3);
        double[][] seed = {{1, 1, 0, 0, 0, 0}, {0, 0, 1, 1, 0, 0}};
        cache.addAll(seed);
        cache.commit();
        CmapLoss cmap = CmapLoss.builder(cache).executor(SolveExecutor.sequential()).build();
        SplittableRandom rng = new SplittableRandom(1);
        for (int step = 0; step < 20; step++) {
            double[] theta = new double[6];
            for (int i = 0; i < 6; i++) {
                theta[i] = rng.nextGaussian();
            }
            cmap.evaluate(theta, seed[step % 2], 1, step, new double[6]);
        }
        assertEquals(0, cache.solverCalls());
        assertEquals(20, cache.cacheAnswers());
        SolutionPool pool = cmap.pool();
        assertEquals(2, pool.size());
    }
}
