package org.imle.examples.ilp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.imle.api.pool.SolutionPool;
import org.imle.train.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * The pools and counts of a decision-focused run survive a checkpoint: rows come back in their
 * join order (which decides ties), pending rows are saved committed, a pool shared by two names is
 * kept once, and saved entries that do not fit are refused naming the pool.
 */
class SolutionStateTest {

    private static SolutionPool poolOf(double[]... rowsInJoinOrder) {
        SolutionPool p = SolutionPool.of(3);
        for (double[] r : rowsInJoinOrder) {
            p.add(r, 0);
            p.commit();
        }
        return p;
    }

    @Test
    void poolsComeBackInJoinOrderAndCountsWithThem() {
        SolutionPool cache = poolOf(new double[] {1, 0, 1}, new double[] {0, 0, 1});
        cache.add(new double[] {1, 1, 0}, 0); // pending at the checkpoint
        long[] calls = {41};
        SolutionState saved = new SolutionState().pool("cache", cache).pool("loss", cache)
                .count("solver_calls", () -> calls[0], v -> calls[0] = v);
        Map<String, Long> longs = saved.longs();
        Map<String, Tensor> tensors = saved.tensors();
        assertEquals(1, tensors.size(), "the shared pool is kept once");

        SolutionPool fresh = poolOf(new double[] {0, 1, 0});
        long[] freshCalls = {0};
        new SolutionState().pool("cache", fresh).count("solver_calls", () -> freshCalls[0], v -> freshCalls[0] = v)
                .restore(longs, tensors);
        assertEquals(41, freshCalls[0]);
        assertEquals(3, fresh.size());
        assertArrayEquals(new double[] {1, 0, 1}, fresh.get(0));
        assertArrayEquals(new double[] {0, 0, 1}, fresh.get(1));
        assertArrayEquals(new double[] {1, 1, 0}, fresh.get(2));
        // the restored pool still refuses duplicates and takes new rows after the old ones
        fresh.add(new double[] {0, 0, 1}, 0);
        fresh.add(new double[] {0, 1, 1}, 0);
        assertEquals(1, fresh.commit());
        assertArrayEquals(new double[] {0, 1, 1}, fresh.get(3));
    }

    @Test
    void savedEntriesThatDoNotFitAreRefused() {
        SolutionState saved = new SolutionState().pool("cache", poolOf(new double[] {1, 0, 0}));
        Map<String, Long> longs = new LinkedHashMap<>(saved.longs());
        Map<String, Tensor> tensors = saved.tensors();
        longs.put("pool.cache.rows", 2L);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new SolutionState().pool("cache", SolutionPool.of(3)).restore(longs, tensors));
        assertTrue(e.getMessage().contains("pool cache"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SolutionState().pool("cache", SolutionPool.of(4))
                .restore(saved.longs(), saved.tensors()));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new SolutionState().count("solver_calls", () -> 0, v -> { }).restore(Map.of(), Map.of()));
        assertTrue(missing.getMessage().contains("solver_calls"), missing.getMessage());
    }

    @Test
    void aValueThatFloat32CannotKeepIsNotSavedSilently() {
        SolutionState s = new SolutionState().pool("cache", poolOf(new double[] {0.1, 0, 0}));
        IllegalStateException e = assertThrows(IllegalStateException.class, s::tensors);
        assertTrue(e.getMessage().contains("0.1"), e.getMessage());
    }
}
