package org.imle.api.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

class RandomStreamsTest {

    @Test
    void sameKeyGivesTheSameStream() {
        UniformRandomProvider a = RandomStreams.open(5, 6, 7, 8);
        UniformRandomProvider b = RandomStreams.open(5, 6, 7, 8);
        for (int i = 0; i < 1000; i++) {
            assertEquals(a.nextLong(), b.nextLong());
        }
    }

    /**
     * Every key of a 4-D grid (including keys that differ only by swapping coordinates, the
     * classic failure of naive XOR combining) opens a stream whose first two outputs are distinct
     * from every other's.
     */
    @Test
    void distinctKeysGiveDistinctStreams() {
        Set<String> seen = new HashSet<>();
        int keys = 0;
        long[] values = {0, 1, 2, 3, -1, Long.MIN_VALUE, 1L << 32};
        for (long seed : values) {
            for (long step : values) {
                for (long row : values) {
                    for (long sample : values) {
                        UniformRandomProvider r = RandomStreams.open(seed, step, row, sample);
                        seen.add(r.nextLong() + ":" + r.nextLong());
                        keys++;
                    }
                }
            }
        }
        assertEquals(keys, seen.size());
    }

    /**
     * Streams of neighbouring keys are uncorrelated: the first uniforms of 100,000 streams keyed
     * (0, 0, row, 0) and (0, 0, row, 1) have a sample correlation within 5 standard errors of zero
     * (the standard error is 1 / sqrt(N) = 0.0032), and each has mean 1/2 within 5 standard errors.
     */
    @Test
    void neighbouringKeysAreUncorrelated() {
        int n = 100_000;
        double sx = 0;
        double sy = 0;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int row = 0; row < n; row++) {
            double x = RandomStreams.open(0, 0, row, 0).nextDouble();
            double y = RandomStreams.open(0, 0, row, 1).nextDouble();
            sx += x;
            sy += y;
            sxy += x * y;
            sxx += x * x;
            syy += y * y;
        }
        double mx = sx / n;
        double my = sy / n;
        double corr = (sxy / n - mx * my) / Math.sqrt((sxx / n - mx * mx) * (syy / n - my * my));
        assertTrue(Math.abs(corr) < 5 / Math.sqrt(n), "correlation " + corr);
        double seMean = Math.sqrt(1.0 / 12 / n);
        assertTrue(Math.abs(mx - 0.5) < 5 * seMean, "mean " + mx);
        assertTrue(Math.abs(my - 0.5) < 5 * seMean, "mean " + my);
    }
}
