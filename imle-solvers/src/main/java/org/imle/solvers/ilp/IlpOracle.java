package org.imle.solvers.ilp;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import java.util.function.Supplier;
import org.imle.api.AbstractMapOracle;
import org.imle.api.check.Checks;
import org.imle.solvers.OrToolsNatives;

/**
 * The general ILP oracle: maximise {@code <theta, z>} subject to the constraints of a fixed model,
 * given either as an {@link IlpModel} ({@code A z <= b}, {@code Aeq z = beq}, bounds, integrality)
 * or by a callback that builds an OR-Tools model ({@link CpSatModelBuilder} for CP-SAT,
 * {@link ScipModelBuilder} for SCIP through MPSolver).
 *
 * <p><b>Encoding.</b> theta has one score per decision variable, z holds the variables' values
 * (integers, or reals for SCIP's continuous variables), in the order of the model's variables.
 *
 * <p><b>State.</b> The model is built once per solving thread (a {@link ThreadLocal}); each solve
 * only replaces the objective, so thread-safety costs no locking and model building is paid once.
 *
 * <p><b>Exactness.</b> SCIP runs with a zero relative gap and its default tolerances (feasibility
 * 1e-6); z is optimal up to those. CP-SAT gets an integer objective: theta is multiplied by the
 * power of two {@code s} that brings {@code W = sum_i |theta_i| * m_i} (with {@code m_i} the
 * largest magnitude in variable i's domain) to at most 2^50, and rounded. The scaled problem is
 * solved exactly, so the returned z satisfies {@code <z, theta> >= max <z', theta> -
 * (sum_i m_i) / s}; {@link #objectiveTolerance} returns that bound, about
 * {@code (sum_i m_i) * W * 2^-49}, a few units in the last place of the objective for binary
 * models. CP-SAT's own floating objective was not used because its scaling precision and its
 * default absolute gap (1e-4) give no such bound.
 *
 * <p><b>Ties.</b> Each back end runs single-threaded, so the same theta always gives the same z;
 * which of several tied optima that is, the solver decides.
 *
 * <p><b>Errors.</b> An infeasible model raises {@link org.imle.solvers.InfeasibleProblemException},
 * an unbounded one (SCIP with infinite bounds) {@link org.imle.solvers.UnboundedProblemException},
 * and a solve that proves no optimum within the time limit
 * {@link org.imle.solvers.SolverTimeoutException}; every message names the model.
 *
 * <p><b>Complexity.</b> NP-hard in general; each solve pays one call into the native solver
 * (tens of microseconds for tiny models) plus the search.
 *
 * <p>Reference: L. Perron and F. Didier, CP-SAT, Google OR-Tools (https://developers.google.com/optimization);
 * SCIP Optimization Suite (Bestuzheva et al., 2021).
 */
public final class IlpOracle extends AbstractMapOracle {

    /** Tolerance of {@link #infeasibility} for models given as an {@link IlpModel}. */
    public static final double FEASIBILITY_TOLERANCE = 1e-6;

    private final String name;
    private final IlpBackend backend;
    private final IlpModel model;
    private final ThreadLocal<Engine> engines;

    private IlpOracle(String name, IlpBackend backend, IlpModel model, Supplier<Engine> factory) {
        this(name, backend, model, factory, firstEngine(factory));
    }

    private IlpOracle(String name, IlpBackend backend, IlpModel model, Supplier<Engine> factory, Engine first) {
        super(first.dimension());
        this.name = name;
        this.backend = backend;
        this.model = model;
        this.engines = ThreadLocal.withInitial(factory);
        engines.set(first);
    }

    /** Builds the calling thread's engine: this validates the model where errors are clear. */
    private static Engine firstEngine(Supplier<Engine> factory) {
        OrToolsNatives.load();
        return factory.get();
    }

    /**
     * An oracle over an {@link IlpModel}.
     *
     * @param timeLimitSeconds the limit of each solve, positive
     * @throws IllegalArgumentException naming the variable or row CP-SAT cannot take (a continuous
     *     variable, an infinite bound, a non-integer coefficient)
     */
    public static IlpOracle of(IlpModel model, IlpBackend backend, double timeLimitSeconds) {
        if (model == null || backend == null) {
            throw new IllegalArgumentException("model and backend are required");
        }
        Checks.positive("timeLimitSeconds", timeLimitSeconds);
        if (backend == IlpBackend.CP_SAT) {
            String why = model.cpSatIncompatibility();
            if (why != null) {
                throw new IllegalArgumentException("model '" + model.name() + "' cannot go to CP-SAT: "
                        + why + "; use the scip backend");
            }
            return new IlpOracle(model.name(), backend, model,
                    () -> new CpSatEngine(model.name(), cpSatBuilder(model), timeLimitSeconds));
        }
        return new IlpOracle(model.name(), backend, model,
                () -> new ScipEngine(model.name(), scipBuilder(model), timeLimitSeconds));
    }

    /** An oracle over the CP-SAT model a callback builds. */
    public static IlpOracle cpSat(String name, CpSatModelBuilder builder, double timeLimitSeconds) {
        requireNamed(name, builder);
        Checks.positive("timeLimitSeconds", timeLimitSeconds);
        return new IlpOracle(name, IlpBackend.CP_SAT, null,
                () -> new CpSatEngine(name, builder, timeLimitSeconds));
    }

    /** An oracle over the SCIP (MPSolver) model a callback builds. */
    public static IlpOracle scip(String name, ScipModelBuilder builder, double timeLimitSeconds) {
        requireNamed(name, builder);
        Checks.positive("timeLimitSeconds", timeLimitSeconds);
        return new IlpOracle(name, IlpBackend.SCIP, null,
                () -> new ScipEngine(name, builder, timeLimitSeconds));
    }

    private static void requireNamed(String name, Object builder) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name is blank");
        }
        if (builder == null) {
            throw new IllegalArgumentException("model '" + name + "' builder is null");
        }
    }

    private static CpSatModelBuilder cpSatBuilder(IlpModel m) {
        return cp -> {
            int n = m.dimension();
            IntVar[] z = new IntVar[n];
            for (int i = 0; i < n; i++) {
                z[i] = cp.newIntVar((long) m.lower(i), (long) m.upper(i), "z" + i);
            }
            for (int r = 0; r < m.inequalityCount(); r++) {
                cp.addLessOrEqual(LinearExpr.weightedSum(z, toLongs(m.inequality(r))),
                        (long) m.inequalityBound(r));
            }
            for (int r = 0; r < m.equalityCount(); r++) {
                cp.addEquality(LinearExpr.weightedSum(z, toLongs(m.equality(r))), (long) m.equalityValue(r));
            }
            return z;
        };
    }

    private static long[] toLongs(double[] row) {
        long[] out = new long[row.length];
        for (int i = 0; i < row.length; i++) {
            out[i] = (long) row[i];
        }
        return out;
    }

    private static ScipModelBuilder scipBuilder(IlpModel m) {
        return solver -> {
            int n = m.dimension();
            double inf = MPSolver.infinity();
            MPVariable[] z = new MPVariable[n];
            for (int i = 0; i < n; i++) {
                double lo = m.lower(i) == Double.NEGATIVE_INFINITY ? -inf : m.lower(i);
                double hi = m.upper(i) == Double.POSITIVE_INFINITY ? inf : m.upper(i);
                z[i] = solver.makeVar(lo, hi, m.isInteger(i), "z" + i);
            }
            for (int r = 0; r < m.inequalityCount(); r++) {
                addRow(solver.makeConstraint(-inf, m.inequalityBound(r), "A" + r), z, m.inequality(r));
            }
            for (int r = 0; r < m.equalityCount(); r++) {
                double v = m.equalityValue(r);
                addRow(solver.makeConstraint(v, v, "Aeq" + r), z, m.equality(r));
            }
            return z;
        };
    }

    private static void addRow(MPConstraint c, MPVariable[] z, double[] row) {
        for (int i = 0; i < row.length; i++) {
            if (row[i] != 0) {
                c.setCoefficient(z[i], row[i]);
            }
        }
    }

    /** The model's name, as error messages use it. */
    public String name() {
        return name;
    }

    public IlpBackend backend() {
        return backend;
    }

    @Override
    protected void solveUnchecked(double[] theta, int thetaOffset, double[] z, int zOffset) {
        engines.get().solve(theta, thetaOffset, z, zOffset);
    }

    @Override
    protected String describeCoordinate(int coordinate) {
        return "variable " + coordinate + " of model '" + name + "'";
    }

    /**
     * How far below the true maximum {@code <z, theta>} of a returned z may be: the bound of the
     * CP-SAT objective scaling, or {@code 1e-6 * (1 + sum |theta_i|)} for SCIP's tolerances.
     */
    public double objectiveTolerance(double[] theta) {
        Checks.length("theta", theta, dimension());
        return engines.get().objectiveTolerance(theta);
    }

    @Override
    public String infeasibility(double[] z) {
        String len = super.infeasibility(z);
        if (len != null) {
            return len;
        }
        return model != null ? model.violation(z, FEASIBILITY_TOLERANCE) : engines.get().infeasibility(z);
    }

    @Override
    public String toString() {
        return "ilp '" + name + "' (" + backend.label() + ", " + dimension() + " variables)";
    }
}
