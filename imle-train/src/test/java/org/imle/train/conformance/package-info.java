/** Conformance of imle-train's layers and optimisers with PyTorch's numbers. */
package org.imle.train.conformance;
