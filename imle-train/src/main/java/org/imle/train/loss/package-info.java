/**
 * Loss functions returning scalar tensors: MSE, the Hamming loss of the I-MLE Warcraft experiments, binary and categorical cross-entropy.
 */
package org.imle.train.loss;
