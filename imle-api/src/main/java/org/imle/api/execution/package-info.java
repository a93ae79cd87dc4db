/**
 * Who runs the solves and where randomness comes from:
 * {@link org.imle.api.execution.SolveExecutor} (sequential or a thread pool, and later a
 * distributed engine, behind one interface) and {@link org.imle.api.execution.RandomStreams},
 * keyed by (seed, step, row, sample) so that results do not depend on the thread count.
 */
package org.imle.api.execution;
