/**
 * The top-k oracle: the k-hot vector of the k largest scores.
 */
package org.imle.solvers.topk;
