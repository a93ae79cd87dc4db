/**
 * imle's discrete layers for networks built with DJL (Deep Java Library) on libtorch:
 * {@link org.imle.djl.DiscreteLayer} puts any registered gradient estimator (I-MLE and its
 * relatives) between a network's theta and a downstream loss, {@link org.imle.djl.StructuredLossLayer}
 * makes any structured loss (Fenchel-Young, SPO+) a network's loss, {@link org.imle.djl.TorchAdam}
 * updates parameters as PyTorch's Adam, and {@link org.imle.djl.DjlRuntime} starts libtorch offline,
 * seeded, with a fixed thread count.
 *
 * <p>The layers work with any {@link org.imle.api.MapOracle}, any batch size B and any sample count
 * S. Arrays pass between the JVM and libtorch through reused direct buffers
 * ({@link org.imle.djl.StagingBuffer}); everything a step creates belongs to the manager of its
 * theta, which the caller makes per step and closes.
 */
package org.imle.djl;
