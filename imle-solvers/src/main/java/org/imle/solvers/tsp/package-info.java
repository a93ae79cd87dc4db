/**
 * The travelling salesperson problem on a complete undirected graph, solved exactly by CP-SAT's
 * circuit constraint ({@link org.imle.solvers.tsp.TspOracle}).
 */
package org.imle.solvers.tsp;
