package org.imle.noise;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.imle.api.DifferentiableNoise;
import org.imle.api.check.Checks;

/**
 * Gaussian N(mean, std^2) noise, drawn with the McFarland (2016) ziggurat of Commons RNG. The
 * additive perturbation of Berthet et al. (2020) uses the standard N(0, 1). Its
 * {@code nu'(eps) = (eps - mean) / std^2} drives the perturbed optimizer's backward pass.
 */
public final class GaussianNoise implements DifferentiableNoise {

    private final double mean;
    private final double std;

    private GaussianNoise(double mean, double std) {
        this.mean = Checks.finite("gaussian mean", mean);
        this.std = Checks.positive("gaussian std", std);
    }

    /** N(0, 1). */
    public static GaussianNoise standard() {
        return new GaussianNoise(0.0, 1.0);
    }

    /** N(mean, std^2), std > 0. */
    public static GaussianNoise of(double mean, double std) {
        return new GaussianNoise(mean, std);
    }

    public double mean() {
        return mean;
    }

    public double std() {
        return std;
    }

    @Override
    public void sample(UniformRandomProvider random, double[] out, int offset, int length) {
        Checks.range("noise output", out.length, offset, length);
        ZigguratSampler.NormalizedGaussian gaussian = ZigguratSampler.NormalizedGaussian.of(random);
        for (int i = offset; i < offset + length; i++) {
            out[i] = mean + std * gaussian.sample();
        }
    }

    /** {@code (eps - mean) / std^2}, the derivative of the negative log-density. */
    @Override
    public double negLogDensityDerivative(double eps) {
        return (eps - mean) / (std * std);
    }

    @Override
    public String name() {
        return "gaussian";
    }

    @Override
    public String toString() {
        return "gaussian(mean=" + mean + ", std=" + std + ")";
    }
}
