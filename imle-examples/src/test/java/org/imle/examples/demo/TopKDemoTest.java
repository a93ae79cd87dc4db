package org.imle.examples.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.imle.api.execution.SolveExecutor;
import org.junit.jupiter.api.Test;

/** The demo really learns, and its numbers depend on the seed only. */
class TopKDemoTest {

    private static TopKDemo.Config tiny(String noise) {
        return new TopKDemo.Config(5, 8, 3, 300, 200, 4, 10, 0.05, TopKDemo.PRESETS.defaults(), noise, 7L);
    }

    @Test
    void trainingLowersTheLossAndLearnsTheHiddenSubsets() {
        for (String noise : new String[] {"sum-of-gamma", "gumbel", "none"}) {
            TopKDemo demo = new TopKDemo(tiny(noise));
            TopKDemo.Epoch before = demo.untrained();
            List<TopKDemo.Epoch> epochs = demo.train(SolveExecutor.sequential(), e -> { });
            TopKDemo.Epoch last = epochs.get(epochs.size() - 1);
            assertEquals(4, epochs.size());
            assertTrue(last.testLoss() < 0.3 * before.testLoss(), noise + ": " + before + " -> " + last);
            assertTrue(last.trainLoss() < epochs.get(0).trainLoss(), noise + ": " + epochs);
            assertTrue(last.testOverlap() > 0.85 && last.testExact() > 0.5, noise + ": " + last);
            // the metrics are consistent: Hamming loss is 2 * (k - |z and y|) per example
            assertEquals(2 * 3 * (1 - last.testOverlap()), last.testLoss(), 1e-9);
        }
    }

    @Test
    void givesTheSameNumbersForAnyThreadCount() {
        TopKDemo one = new TopKDemo(tiny("sum-of-gamma"));
        List<TopKDemo.Epoch> a = one.train(SolveExecutor.sequential(), e -> { });
        TopKDemo three = new TopKDemo(tiny("sum-of-gamma"));
        List<TopKDemo.Epoch> b = three.train(SolveExecutor.parallel(3), e -> { });
        assertEquals(a, b);
        assertArrayEquals(one.weights(), three.weights(), 0.0);
    }

    @Test
    void rejectsBadSettingsNamingThem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TopKDemo.Config(5, 8, 9, 300, 200, 4, 10, 0.05, TopKDemo.PRESETS.defaults(), "none", 7L));
        assertEquals("k must be in 1..8, got 9", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new TopKDemo.Config(5, 8, 3, 300, 200, 4, 301, 0.05, TopKDemo.PRESETS.defaults(), "none", 7L));
        assertEquals("batch size must be in 1..300, got 301", e.getMessage());
    }
}
