/**
 * The differentiable operations: element-wise with broadcasting, reductions, shaping, matrix products, convolution, pooling, batch normalisation, activations and dropout. Each returns a new tensor and records its backward rule.
 */
package org.imle.train.ops;
