package org.imle.api.execution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.core.source32.MersenneTwister;
import org.junit.jupiter.api.Test;

/**
 * numpy's legacy {@code RandomState(seed).uniform()} draws, bit for bit against numpy 1.24
 * ({@code [RandomState(7).uniform() for _ in range(4)]}), addressed by position; and the
 * reference MT19937 seeding under them.
 */
class NumpyUniformsTest {

    private static final double[] SEVEN = {0.07630828937395717, 0.7799187922401146, 0.4384092314408935,
        0.7234651778309412};

    @Test
    void drawsWhatNumpysRandomStateDrawsInAnyOrderOfAsking() {
        NumpyUniforms u = new NumpyUniforms(7);
        for (int t = 0; t < SEVEN.length; t++) {
            assertEquals(SEVEN[t], u.at(t), 0.0, "draw " + t);
        }
        // backwards: each earlier position replays the sequence and still gives numpy's draw
        for (int t = SEVEN.length - 1; t >= 0; t--) {
            assertEquals(SEVEN[t], u.at(t), 0.0, "draw " + t + " asked again");
        }
        assertEquals(SEVEN[3], new NumpyUniforms(7).at(3), 0.0, "draw 3 asked first");
        assertNotEquals(SEVEN[0], new NumpyUniforms(8).at(0));
        for (int t = 0; t < 1000; t++) {
            double d = u.at(t);
            assertTrue(d >= 0 && d < 1, "draw " + t + " = " + d);
        }
    }

    @Test
    void refusesWhatNumpyRefuses() {
        IllegalArgumentException big = assertThrows(IllegalArgumentException.class,
                () -> new NumpyUniforms(1L << 32));
        assertTrue(big.getMessage().contains("[0, 2^32 - 1]") && big.getMessage().contains("4294967296"),
                big.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new NumpyUniforms(-1));
        IllegalArgumentException index = assertThrows(IllegalArgumentException.class,
                () -> new NumpyUniforms(1).at(-1));
        assertTrue(index.getMessage().contains("-1"), index.getMessage());
    }

    @Test
    void theReferenceSeedingIsInitGenrandAndCopiesDrawOnTheirOwn() {
        // C++'s std::mt19937 with its default seed 5489: the first output, and the 10000th (the
        // standard's check value)
        MersenneTwister mt = ReferenceMersenneTwister.seeded(5489);
        assertEquals(3499211612L, Integer.toUnsignedLong(mt.nextInt()));
        for (int i = 2; i < 10000; i++) {
            mt.nextInt();
        }
        MersenneTwister copy = ReferenceMersenneTwister.copyOf(mt);
        assertEquals(4123659995L, Integer.toUnsignedLong(mt.nextInt()));
        assertEquals(4123659995L, Integer.toUnsignedLong(copy.nextInt()), "the copy starts where the original was");
        MersenneTwister original = ReferenceMersenneTwister.seeded(1);
        MersenneTwister drawnFrom = ReferenceMersenneTwister.copyOf(original);
        drawnFrom.nextInt();
        drawnFrom.nextInt();
        assertEquals(ReferenceMersenneTwister.seeded(1).nextInt(), original.nextInt(),
                "drawing from a copy leaves the original where it was");
    }
}
