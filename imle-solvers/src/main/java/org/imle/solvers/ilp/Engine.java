package org.imle.solvers.ilp;

/** One thread's solver state: the model, built once, whose objective each solve replaces. */
interface Engine {

    int dimension();

    /** Maximises {@code <theta, z>} with theta already checked finite. */
    void solve(double[] theta, int thetaOffset, double[] z, int zOffset);

    /** Whether z satisfies the model's constraints, checked by the solver itself. */
    String infeasibility(double[] z);

    /** The largest amount by which {@code <z, theta>} may fall short of the optimum. */
    double objectiveTolerance(double[] theta);
}
