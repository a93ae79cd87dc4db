package org.imle.solvers.ilp;

import com.google.ortools.linearsolver.MPModelProto;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPSolverParameters;
import com.google.ortools.linearsolver.MPVariable;
import org.imle.solvers.InfeasibleProblemException;
import org.imle.solvers.SolverTimeoutException;
import org.imle.solvers.UnboundedProblemException;

/** SCIP (through MPSolver) state of one thread. */
final class ScipEngine implements Engine {

    /** SCIP's default feasibility tolerance; objective values are trusted to this relative size. */
    static final double TOLERANCE = 1e-6;

    private final String name;
    private final ScipModelBuilder builder;
    private final double timeLimitSeconds;
    private final MPSolver solver;
    private final MPVariable[] vars;
    private final boolean[] integer;
    private final MPSolverParameters parameters;

    ScipEngine(String name, ScipModelBuilder builder, double timeLimitSeconds) {
        this.name = name;
        this.builder = builder;
        this.timeLimitSeconds = timeLimitSeconds;
        this.solver = newSolver(name);
        this.vars = builder.build(solver);
        if (vars == null || vars.length == 0) {
            throw new IllegalArgumentException("model '" + name + "' builder returned no variables");
        }
        for (int i = 0; i < vars.length; i++) {
            if (vars[i] == null) {
                throw new IllegalArgumentException("model '" + name + "' variable " + i + " is null");
            }
        }
        // MPVariable has no integrality getter; the exported model has it
        MPModelProto proto = solver.exportModelToProto();
        integer = new boolean[vars.length];
        for (int i = 0; i < vars.length; i++) {
            integer[i] = proto.getVariable(vars[i].index()).getIsInteger();
        }
        parameters = new MPSolverParameters();
        // SCIP stops at a 1e-4 relative gap by default; an oracle must return the argmax
        parameters.setDoubleParam(MPSolverParameters.DoubleParam.RELATIVE_MIP_GAP, 0.0);
        // without this SCIP starts from the previous solve, so a tie could go either way depending
        // on which instances this thread solved before: the same theta must give the same z
        parameters.setIntegerParam(MPSolverParameters.IntegerParam.INCREMENTALITY,
                MPSolverParameters.IncrementalityValues.INCREMENTALITY_OFF.swigValue());
        solver.setTimeLimit(Math.max(1L, (long) Math.ceil(timeLimitSeconds * 1000)));
    }

    private static MPSolver newSolver(String name) {
        MPSolver s = MPSolver.createSolver("SCIP");
        if (s == null) {
            throw new IllegalStateException("model '" + name + "': SCIP is not available in this OR-Tools build");
        }
        s.suppressOutput();
        // one thread: deterministic answers, and the oracle's caller already runs solves in parallel
        s.setNumThreads(1);
        return s;
    }

    @Override
    public int dimension() {
        return vars.length;
    }

    @Override
    public double objectiveTolerance(double[] theta) {
        double total = 0;
        for (double t : theta) {
            total += Math.abs(t);
        }
        return TOLERANCE * (1 + total);
    }

    @Override
    public void solve(double[] theta, int thetaOffset, double[] z, int zOffset) {
        MPObjective objective = solver.objective();
        for (int i = 0; i < vars.length; i++) {
            objective.setCoefficient(vars[i], theta[thetaOffset + i]);
        }
        objective.setMaximization();
        MPSolver.ResultStatus status = solver.solve(parameters);
        if (status == MPSolver.ResultStatus.OPTIMAL) {
            for (int i = 0; i < vars.length; i++) {
                double v = vars[i].solutionValue();
                // + 0.0 turns -0.0 into 0.0 so equal structures compare equal
                z[zOffset + i] = (integer[i] ? Math.rint(v) : v) + 0.0;
            }
            return;
        }
        if (status == MPSolver.ResultStatus.UNBOUNDED) {
            throw new UnboundedProblemException("model '" + name + "' is unbounded for this theta (SCIP)");
        }
        if (status == MPSolver.ResultStatus.INFEASIBLE) {
            throw infeasibleOrUnbounded();
        }
        if (status == MPSolver.ResultStatus.FEASIBLE || status == MPSolver.ResultStatus.NOT_SOLVED) {
            throw new SolverTimeoutException("model '" + name + "': SCIP proved no optimum within "
                    + timeLimitSeconds + " s (status " + status + ")");
        }
        throw new IllegalStateException("model '" + name + "': SCIP returned " + status);
    }

    /**
     * SCIP reports "infeasible or unbounded" as INFEASIBLE through MPSolver; a solve with a zero
     * objective tells the two apart. The next solve sets every coefficient again.
     */
    private RuntimeException infeasibleOrUnbounded() {
        solver.objective().clear();
        MPSolver.ResultStatus feasibility = solver.solve(parameters);
        if (feasibility == MPSolver.ResultStatus.OPTIMAL || feasibility == MPSolver.ResultStatus.FEASIBLE) {
            return new UnboundedProblemException("model '" + name + "' is unbounded for this theta (SCIP)");
        }
        if (feasibility == MPSolver.ResultStatus.INFEASIBLE) {
            return new InfeasibleProblemException("model '" + name + "' is infeasible (SCIP)");
        }
        return new SolverTimeoutException("model '" + name + "': SCIP could not decide feasibility within "
                + timeLimitSeconds + " s (status " + feasibility + ")");
    }

    @Override
    public String infeasibility(double[] z) {
        MPSolver check = newSolver(name);
        try {
            MPVariable[] v = builder.build(check);
            for (int i = 0; i < v.length; i++) {
                double lo = v[i].lb();
                double hi = v[i].ub();
                if (z[i] < lo - TOLERANCE || z[i] > hi + TOLERANCE) {
                    return "z coordinate " + i + " = " + z[i] + " is outside [" + lo + ", " + hi + "]";
                }
                v[i].setBounds(z[i], z[i]);
            }
            check.setTimeLimit(Math.max(1L, (long) Math.ceil(timeLimitSeconds * 1000)));
            MPSolver.ResultStatus status = check.solve();
            if (status == MPSolver.ResultStatus.OPTIMAL || status == MPSolver.ResultStatus.FEASIBLE) {
                return null;
            }
            return status == MPSolver.ResultStatus.INFEASIBLE
                    ? "z violates a constraint of model '" + name + "'"
                    : "model '" + name + "': SCIP could not check z (status " + status + ")";
        } finally {
            check.delete();
        }
    }
}
