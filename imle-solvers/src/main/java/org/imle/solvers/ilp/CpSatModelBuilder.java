package org.imle.solvers.ilp;

import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.IntVar;

/**
 * Builds the constraints of a CP-SAT model and returns its decision variables in the order of
 * theta and z. It must not set an objective: {@link IlpOracle} sets {@code <theta, z>} before each
 * solve. It is called once per thread that solves (and again by the feasibility check), so it must
 * build the same model every time.
 */
@FunctionalInterface
public interface CpSatModelBuilder {

    /** Adds variables and constraints to an empty model; returns the variables z is read from. */
    IntVar[] build(CpModel model);
}
