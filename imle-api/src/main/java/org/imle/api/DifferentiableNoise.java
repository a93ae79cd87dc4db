package org.imle.api;

/**
 * A noise distribution with a smooth density {@code mu(eps) proportional to exp(-nu(eps))}, applied
 * independently to every coordinate, that also gives {@code nu'(eps)}. The perturbed optimizer of
 * Berthet et al. (NeurIPS 2020) needs it: for {@code y(theta) = E[MAP(theta + T * Z)]} the Jacobian
 * is {@code E[MAP(theta + T * Z) nu'(Z)^T] / T} (their Proposition 3.1), so the backward pass is a
 * score-function identity of the perturbation and never differentiates the solver.
 *
 * <p>Examples: standard Gaussian {@code nu'(z) = z}; standard Gumbel {@code nu'(z) = 1 - exp(-z)}.
 */
public interface DifferentiableNoise extends NoiseDistribution {

    /** {@code nu'(eps) = -d/d eps log mu(eps)} at one draw. */
    double negLogDensityDerivative(double eps);
}
