/**
 * The gradient estimators: I-MLE and its mu-mu variant, AIMLE, blackbox differentiation, the
 * perturbed optimizer, straight-through and the score function, their shared perturb-and-MAP
 * sampler and builders, and {@link org.imle.api.estimator.Estimators}, the one entry point that
 * starts each builder.
 */
package org.imle.api.estimator;
