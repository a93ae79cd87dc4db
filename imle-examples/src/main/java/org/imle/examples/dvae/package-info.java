/**
 * {@code imle dvae}: the discrete variational autoencoder of the I-MLE paper, with k-subset codes
 * trained by I-MLE, AIMLE, straight-through or Gumbel-softmax.
 */
package org.imle.examples.dvae;
