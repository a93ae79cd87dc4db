package org.imle.noise;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.imle.api.DifferentiableNoise;
import org.imle.api.check.Checks;

/**
 * Gumbel(location, scale) noise: {@code location - scale * log(E)} with E ~ Exponential(1).
 *
 * <p>With location 0 and scale 1, {@code argmax_i (theta_i + eps_i)} is distributed as
 * softmax(theta) (the Gumbel-max trick; Gumbel 1954, Papandreou and Yuille 2011), so perturb-and-MAP
 * is exact for one-hot structures. Mean {@code location + scale * gamma} (Euler-Mascheroni
 * gamma), variance {@code scale^2 * pi^2 / 6}.
 */
public final class GumbelNoise implements DifferentiableNoise {

    private final double location;
    private final double scale;

    private GumbelNoise(double location, double scale) {
        this.location = Checks.finite("gumbel location", location);
        this.scale = Checks.positive("gumbel scale", scale);
    }

    /** The standard Gumbel(0, 1). */
    public static GumbelNoise standard() {
        return new GumbelNoise(0.0, 1.0);
    }

    /** Gumbel(location, scale), scale > 0. */
    public static GumbelNoise of(double location, double scale) {
        return new GumbelNoise(location, scale);
    }

    public double location() {
        return location;
    }

    public double scale() {
        return scale;
    }

    @Override
    public void sample(UniformRandomProvider random, double[] out, int offset, int length) {
        Checks.range("noise output", out.length, offset, length);
        ZigguratSampler.Exponential exponential = ZigguratSampler.Exponential.of(random);
        for (int i = offset; i < offset + length; i++) {
            double e = exponential.sample();
            while (e == 0.0) { // log(0) would give an infinite draw; it has probability ~2^-53
                e = exponential.sample();
            }
            out[i] = location - scale * Math.log(e);
        }
    }

    /**
     * {@code (1 - exp(-(eps - location) / scale)) / scale}: the density is proportional to
     * {@code exp(-u - exp(-u))} with {@code u = (eps - location) / scale}.
     */
    @Override
    public double negLogDensityDerivative(double eps) {
        return (1.0 - Math.exp(-(eps - location) / scale)) / scale;
    }

    @Override
    public String name() {
        return "gumbel";
    }

    @Override
    public String toString() {
        return "gumbel(location=" + location + ", scale=" + scale + ")";
    }
}
