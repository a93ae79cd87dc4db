/**
 * Continuous relaxations of k-subset sampling (L2X, SoftSub), the baselines I-MLE is compared
 * with.
 */
package org.imle.train.relax;
