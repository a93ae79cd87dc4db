/**
 * The cost networks of imle's shortest-path example built from DJL blocks, with the architecture
 * and initialisation law (PyTorch's default) of imle-train's networks, so that {@code imle shortest-path --engine djl}
 * trains the same model on libtorch's kernels.
 */
package org.imle.djl.nn;
