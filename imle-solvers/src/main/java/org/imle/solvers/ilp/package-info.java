/**
 * Integer linear programmes as oracles: {@link org.imle.solvers.ilp.IlpOracle} over a model
 * written with OR-Tools CP-SAT or MPSolver (SCIP), or given as plain arrays ({@link
 * org.imle.solvers.ilp.IlpModel}), with one solver state per thread.
 */
package org.imle.solvers.ilp;
