package org.imle.api.execution;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.core.source64.XoRoShiRo128PlusPlus;

/**
 * Reproducible random streams keyed by (seed, step, row, sample).
 *
 * <p>Each key is hashed with the SplitMix64 finaliser into the 128-bit state of a
 * XoRoShiRo128++ generator (Commons RNG). A stream therefore depends only on its key, never on
 * which thread opens it or in which order: this is what makes results identical for any thread
 * count. Streams for different keys are statistically independent for all practical purposes
 * (distinct keys give distinct, well-mixed states).
 */
public final class RandomStreams {

    private RandomStreams() {
    }

    /** Opens the stream for one (seed, step, row, sample) key. */
    public static UniformRandomProvider open(long seed, long step, long row, long sample) {
        long h = mix(seed ^ 0x632BE59BD9B4E019L);
        h = mix(h ^ step);
        h = mix(h ^ (row * 0x9E3779B97F4A7C15L));
        h = mix(h ^ (sample * 0xC2B2AE3D27D4EB4FL));
        long s0 = mix(h + 0x9E3779B97F4A7C15L);
        long s1 = mix(h + 0x3C6EF372FE94F82AL);
        if (s0 == 0 && s1 == 0) {
            s1 = 1; // the all-zero state is the one state XoRoShiRo cannot leave
        }
        return new XoRoShiRo128PlusPlus(s0, s1);
    }

    /** The SplitMix64 finaliser (Steele, Lea, Flood 2014): a bijective 64-bit mix. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
