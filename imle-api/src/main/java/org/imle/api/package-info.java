/**
 * The contract every other module builds on: {@link org.imle.api.MapOracle} (every oracle
 * maximises {@code <z, theta>}; costs enter as {@code theta = -c}),
 * {@link org.imle.api.NoiseDistribution} and {@link org.imle.api.DifferentiableNoise},
 * {@link org.imle.api.GradientEstimator} with its {@link org.imle.api.EstimatorPass}, and
 * {@link org.imle.api.StructuredLoss}. Batches are flat row-major {@code double[]} arrays; samples
 * are ordered {@code (b * S + s) * n + i}. The implementations live in the sub-packages and in
 * imle-noise and imle-solvers.
 */
package org.imle.api;
