/**
 * {@code imle ilp}: decision-focused learning through an integer programme (knapsack, assignment),
 * with regret as the score.
 */
package org.imle.examples.ilp;
