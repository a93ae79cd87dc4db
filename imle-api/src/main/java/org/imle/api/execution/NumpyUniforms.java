package org.imle.api.execution;

import org.apache.commons.rng.core.source32.MersenneTwister;

/**
 * The draws of numpy's legacy {@code RandomState(seed).uniform()} (equally {@code random_sample()}),
 * addressed by their position in the sequence: draw t is
 * {@code ((a >>> 5) * 2^26 + (b >>> 6)) / 2^53} for the (2t)-th and (2t+1)-th 32-bit outputs a, b of
 * MT19937 seeded by {@code init_genrand(seed)} ({@link ReferenceMersenneTwister}).
 *
 * <p>PyEPO's pool losses flip their per-batch solve coin with such a generator; addressing the
 * draws by position makes a coin a function of (seed, step) alone, as every random number of a
 * run must be, so a resumed run flips the coins an uninterrupted one did. Draws are read forward
 * from a cursor; asking for an earlier position replays the sequence from the seed, O(t) once.
 * Thread-safe.
 */
public final class NumpyUniforms {

    private final long seed;
    private MersenneTwister twister;
    private long next;

    /**
     * The sequence of {@code RandomState(seed)}.
     *
     * @throws IllegalArgumentException for a seed outside [0, 2^32 - 1], which numpy refuses too
     */
    public NumpyUniforms(long seed) {
        if (seed < 0 || seed > 0xFFFFFFFFL) {
            throw new IllegalArgumentException("numpy's RandomState takes seeds in [0, 2^32 - 1], got " + seed);
        }
        this.seed = seed;
        restart();
    }

    /**
     * Draw number {@code index} (from 0) of the sequence, in [0, 1).
     *
     * @throws IllegalArgumentException for a negative index
     */
    public synchronized double at(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("draw index must be >= 0, got " + index);
        }
        if (index < next) {
            restart();
        }
        while (next < index) {
            twister.nextInt();
            twister.nextInt();
            next++;
        }
        next++;
        long a = Integer.toUnsignedLong(twister.nextInt()) >>> 5;
        long b = Integer.toUnsignedLong(twister.nextInt()) >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    private void restart() {
        twister = ReferenceMersenneTwister.seeded(seed);
        next = 0;
    }
}
