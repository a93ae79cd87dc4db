/**
 * The pool of distinct feasible solutions that solution caching ({@code CachingOracle} in
 * imle-solvers) answers from and that the contrastive and learning-to-rank losses
 * ({@link org.imle.api.loss}) score: one {@link org.imle.api.pool.SolutionPool} shared by both, so
 * that {@code --solve-ratio} decides how fast it grows for every method alike.
 */
package org.imle.api.pool;
