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
    private static final int OBJECTIVE_BUDGET_EXPONENT = 50;

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

    /**
     * The exponent e such that {@code 2^e * sum_i |theta_i| * magnitude_i < 2^50}: theta is scaled
     * by {@code 2^e} with {@link Math#scalb}, which stays exact even where {@code 2^e} itself would
     * not be a finite double (scores near the smallest subnormals).
     */
    private int scaleExponent(double[] theta, int offset) {
        double weight = 0;
        for (int i = 0; i < vars.length; i++) {
            weight += Math.abs(theta[offset + i]) * magnitude[i];
        }
        if (weight == 0) {
            return 0;
        }
        if (weight == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("model '" + name
                    + "': sum |theta_i| * |z_i| overflows a double; CP-SAT cannot scale this objective");
        }
        return OBJECTIVE_BUDGET_EXPONENT - 1 - exponent(weight);
    }

    /** The binary exponent of a positive double, subnormals included. */
    static int exponent(double x) {
        return x < Double.MIN_NORMAL ? Math.getExponent(x * 0x1p64) - 64 : Math.getExponent(x);
    }

    @Override
    public double objectiveTolerance(double[] theta) {
        boolean allZero = true;
        for (double t : theta) {
            allZero &= t == 0;
        }
        if (allZero) {
            // every coefficient is exactly 0: nothing was rounded
            return 0;
        }
        double total = 0;
        for (double m : magnitude) {
            total += m;
        }
        return Math.scalb(total, -scaleExponent(theta, 0));
    }

    @Override
    public void solve(double[] theta, int thetaOffset, double[] z, int zOffset) {
        int e = scaleExponent(theta, thetaOffset);
        for (int i = 0; i < vars.length; i++) {
            coefficients[i] = Math.round(Math.scalb(theta[thetaOffset + i], e));
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
