/**
 * The gradient service behind {@code imle gradient}: requests for samples and gradients through any
 * registered oracle and method, as JSON Lines, with arrays as JSON rows or base64 {@code .npy}
 * strings; a streaming reader into primitive buffers and a shortest round-trip number writer
 * ({@link org.imle.examples.gradient.ShortestDouble}), so that a large request costs little beside
 * its solves.
 */
package org.imle.examples.gradient;
