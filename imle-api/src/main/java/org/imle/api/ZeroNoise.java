package org.imle.api;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/** Noise that is always zero; it lives here so that estimators default to it without imle-noise. */
final class ZeroNoise implements NoiseDistribution {

    static final ZeroNoise INSTANCE = new ZeroNoise();

    private ZeroNoise() {
    }

    @Override
    public void sample(UniformRandomProvider random, double[] out, int offset, int length) {
        Arrays.fill(out, offset, offset + length, 0.0);
    }

    @Override
    public String name() {
        return "none";
    }

    @Override
    public boolean isZero() {
        return true;
    }

    @Override
    public String toString() {
        return "none";
    }
}
