package org.imle.solvers.ilp;

import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import org.imle.solvers.InfeasibleProblemException;
import org.imle.solvers.SolverTimeoutException;

/**
 * CP-SAT state of one thread. The objective is scaled to integers here rather than left to
 * CP-SAT's floating objective, whose internal scaling and default absolute gap (1e-4) would let
 * near-ties be lost without a bound we could state.
 */
final class CpSatEngine implements Engine {

    /** Scaled objective magnitudes stay below 2^50, far inside CP-SAT's int64 arithmetic. */
    private static final double OBJECTIVE_BUDGET = 0x1p50;

    private final String name;
    private final CpSatModelBuilder builder;
    private final double timeLimitSeconds;
    private final CpModel model;
    private final IntVar[] vars;
    private final double[] magnitude;
    private final long[] coefficients;
    private final CpSolver solver;

    CpSatEngine(String name, CpSatModelBuilder builder, double timeLimitSeconds) {
        this.name = name;
        this.builder = builder;
        this.timeLimitSeconds = timeLimitSeconds;
        this.model = new CpModel();
        this.vars = builder.build(model);
        if (vars == null || vars.length == 0) {
            throw new IllegalArgumentException("model '" + name + "' builder returned no variables");
        }
        if (model.hasObjective()) {
            throw new IllegalArgumentException("model '" + name
                    + "' builder set an objective; the oracle sets <theta, z> itself");
        }
        magnitude = new double[vars.length];
        for (int i = 0; i < vars.length; i++) {
            if (vars[i] == null) {
                throw new IllegalArgumentException("model '" + name + "' variable " + i + " is null");
            }
            magnitude[i] = Math.max(Math.abs((double) vars[i].getDomain().min()),
                    Math.abs((double) vars[i].getDomain().max()));
        }
        coefficients = new long[vars.length];
        solver = newSolver(timeLimitSeconds);
    }

    private static CpSolver newSolver(double timeLimitSeconds) {
        CpSolver s = new CpSolver();
        // one worker: deterministic answers, and no thread start-up on small models
        s.getParameters().setNumWorkers(1).setMaxTimeInSeconds(timeLimitSeconds)
                .setAbsoluteGapLimit(0).setRelativeGapLimit(0).setLogSearchProgress(false);
        return s;
    }

    @Override
    public int dimension() {
        return vars.length;
    }

    /** The power of two that maps {@code sum |theta_i| * magnitude_i} to at most 2^50. */
    private double scale(double[] theta, int offset) {
        double weight = 0;
        for (int i = 0; i < vars.length; i++) {
            weight += Math.abs(theta[offset + i]) * magnitude[i];
        }
        if (weight == 0) {
            return 1.0;
        }
        return Math.scalb(1.0, Math.getExponent(OBJECTIVE_BUDGET / weight));
    }

    @Override
    public double objectiveTolerance(double[] theta) {
        double total = 0;
        for (double m : magnitude) {
            total += m;
        }
        return total / scale(theta, 0);
    }

    @Override
    public void solve(double[] theta, int thetaOffset, double[] z, int zOffset) {
        double s = scale(theta, thetaOffset);
        for (int i = 0; i < vars.length; i++) {
            coefficients[i] = Math.round(theta[thetaOffset + i] * s);
        }
        model.clearObjective();
        model.maximize(LinearExpr.weightedSum(vars, coefficients));
        CpSolverStatus status = solver.solve(model);
        switch (status) {
            case OPTIMAL:
                for (int i = 0; i < vars.length; i++) {
                    z[zOffset + i] = solver.value(vars[i]);
                }
                return;
            case INFEASIBLE:
                throw new InfeasibleProblemException("model '" + name + "' is infeasible (CP-SAT)");
            case FEASIBLE:
            case UNKNOWN:
                throw new SolverTimeoutException("model '" + name + "': CP-SAT proved no optimum within "
                        + timeLimitSeconds + " s (status " + status + ")");
            default:
                throw new IllegalStateException("model '" + name + "': CP-SAT returned " + status
                        + ": " + solver.getSolutionInfo());
        }
    }

    @Override
    public String infeasibility(double[] z) {
        // a fresh copy with z fixed: the check covers any constraint the builder added
        CpModel check = new CpModel();
        IntVar[] v = builder.build(check);
        for (int i = 0; i < v.length; i++) {
            if (z[i] != Math.rint(z[i])) {
                return "z coordinate " + i + " = " + z[i] + " is not an integer";
            }
            check.addEquality(v[i], (long) z[i]);
        }
        CpSolverStatus status = newSolver(timeLimitSeconds).solve(check);
        if (status == CpSolverStatus.OPTIMAL || status == CpSolverStatus.FEASIBLE) {
            return null;
        }
        return status == CpSolverStatus.INFEASIBLE ? "z violates a constraint of model '" + name + "'"
                : "model '" + name + "': CP-SAT could not check z (status " + status + ")";
    }
}
