/**
 * The 0/1 knapsack oracle with integer weights: a dynamic programme when its table is small, else
 * OR-Tools.
 */
package org.imle.solvers.knapsack;
