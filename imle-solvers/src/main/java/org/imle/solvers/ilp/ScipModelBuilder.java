package org.imle.solvers.ilp;

import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;

/**
 * Builds the constraints of an MPSolver (SCIP) model and returns its decision variables in the
 * order of theta and z. It must not set an objective: {@link IlpOracle} sets {@code <theta, z>}
 * before each solve. It is called once per thread that solves (and again by the feasibility
 * check), so it must build the same model every time.
 */
@FunctionalInterface
public interface ScipModelBuilder {

    /** Adds variables and constraints to an empty solver; returns the variables z is read from. */
    MPVariable[] build(MPSolver solver);
}
