package org.imle.api.testing;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.rng.UniformRandomProvider;
import org.imle.api.NoiseDistribution;

/**
 * A deterministic noise for estimator tests: each draw is {@code scale * U} with U uniform in
 * [0, 1) from the given stream, so a test can rebuild every eps from its stream key. It counts the
 * calls, which shows how often an estimator draws.
 */
public final class CountingNoise implements NoiseDistribution {

    private final double scale;
    private final AtomicInteger calls = new AtomicInteger();

    public CountingNoise(double scale) {
        this.scale = scale;
    }

    @Override
    public void sample(UniformRandomProvider random, double[] out, int offset, int length) {
        calls.incrementAndGet();
        for (int i = offset; i < offset + length; i++) {
            out[i] = scale * random.nextDouble();
        }
    }

    /** How many times {@link #sample} ran. */
    public int calls() {
        return calls.get();
    }

    @Override
    public String name() {
        return "counting-uniform";
    }
}
