/**
 * JMH benchmarks of imle: oracles at the sizes of the oracles issue, estimator forward+backward
 * passes against the oracle calls they make, thread scaling of batched solves, the float matrix
 * product against EJML, the CNNs of the shortest-path experiments, and one whole training step of
 * the shortest-path example.
 *
 * <p>Run them with {@code ./imle bench [JMH options] [regexp]} (see
 * {@link org.imle.bench.BenchCommand}); {@code docs/BENCHMARKS.md} records the measured
 * numbers with their commands. Every benchmark class sets short defaults (one fork, 3 warm-up and
 * 5 measurement iterations of one second) that the JMH options override.
 */
package org.imle.bench;
