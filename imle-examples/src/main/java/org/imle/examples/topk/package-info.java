/**
 * The synthetic top-k experiment of the I-MLE paper and the estimator diagnostics on k-subsets.
 */
package org.imle.examples.topk;
