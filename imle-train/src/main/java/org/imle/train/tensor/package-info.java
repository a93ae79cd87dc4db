/**
 * Float32 row-major tensors with reverse-mode automatic differentiation ({@link org.imle.train.tensor.Tensor}), the blocked matrix-product kernel ({@link org.imle.train.tensor.MatMul}) and the thread setting of all kernels ({@link org.imle.train.tensor.Compute}).
 */
package org.imle.train.tensor;
