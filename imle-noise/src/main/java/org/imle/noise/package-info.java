/**
 * The noise distributions of perturb-and-MAP: Gumbel, Gaussian, Sum-of-Gamma (direct and
 * tabulated) and the numerical law behind the tabulated one;
 * {@link org.imle.noise.NoiseDistributions} makes them from a name and parameters. Every
 * distribution takes its random stream as an argument.
 */
package org.imle.noise;
