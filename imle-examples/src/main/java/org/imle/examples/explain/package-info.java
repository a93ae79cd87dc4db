/**
 * {@code imle explain}: learning to explain a rating with k words of the review (L2X), through
 * I-MLE or a relaxation.
 */
package org.imle.examples.explain;
