package org.imle.solvers.knapsack;

import com.google.ortools.algorithms.KnapsackSolver;
import java.util.Arrays;
import org.imle.api.AbstractMapOracle;
import org.imle.api.check.Checks;
import org.imle.solvers.OrToolsNatives;
import org.imle.solvers.SolverTimeoutException;

/**
 * The 0/1 knapsack problem with fixed integer weights and capacity: choose items of total weight
 * at most the capacity that maximise the total score.
 *
 * <p><b>Encoding.</b> theta[i] is the value of item i (a real number of either sign), z[i] is 1
 * when item i is packed, else 0. Items with {@code theta[i] <= 0} or a weight above the capacity
 * are never packed, since packing them cannot raise {@code <z, theta>}.
 *
 * <p><b>Back ends and exactness.</b> OR-Tools' {@code KnapsackSolver} takes integer profits, so
 * real theta is handled in one of two ways, both chosen so the argmax is not lost to scaling:
 * <ul>
 *   <li>{@link Backend#DYNAMIC_PROGRAMMING}: the classic table over integer capacities, run on the
 *       doubles themselves, {@code O(n * (capacity + 1))} time and bits. No scaling at all: z is
 *       exact up to the rounding of the floating sums, below {@code n * 2^-52 * sum_i |theta_i|}.</li>
 *   <li>{@link Backend#OR_TOOLS}: branch and bound ({@code KNAPSACK_MULTIDIMENSION_BRANCH_AND_BOUND_SOLVER})
 *       on profits {@code p_i = round(theta_i * s)} with {@code s} the power of two that brings the
 *       sum of positive scores to at most 2^52 (so every integer sum is exact). Items whose profit
 *       rounds to 0 are then added back greedily in index order while they fit (the repair step).
 *       Each rounding moves an item's value by at most {@code 1 / (2s)}, so the returned z is within
 *       {@link #objectiveTolerance} {@code = n / s <= n * 2^-51 * sum_i max(theta_i, 0)} of the
 *       maximum. Exponential in the worst case; a solve that exceeds the time limit raises
 *       {@link SolverTimeoutException}.</li>
 *   <li>{@link Backend#AUTO} (the default): the dynamic programme when {@code n * (capacity + 1)}
 *       is at most 2^22 cells, else OR-Tools.</li>
 * </ul>
 *
 * <p><b>Ties.</b> Deterministic. The dynamic programme admits item i into a set only when it
 * strictly raises the best value of that capacity, so among tied optima it prefers leaving
 * later-indexed items out. OR-Tools decides among ties deterministically but by its own rule.
 *
 * <p>Thread-safe: every thread gets its own table and solver. References: R. Bellman, Dynamic
 * Programming (1957); H. Kellerer, U. Pferschy, D. Pisinger, Knapsack Problems (2004); Google
 * OR-Tools knapsack solver.
 */
public final class KnapsackOracle extends AbstractMapOracle {

    /** Which algorithm solves each instance. */
    public enum Backend {
        /** The dynamic programme when its table is small, else OR-Tools. */
        AUTO,
        /** The exact dynamic programme over integer capacities. */
        DYNAMIC_PROGRAMMING,
        /** OR-Tools branch and bound on scaled profits, then repair. */
        OR_TOOLS
    }

    /** Tables above this many cells go to OR-Tools under {@link Backend#AUTO}. */
    static final long MAX_TABLE_CELLS = 1L << 22;

    /** Positive scores are scaled so that their sum is below 2^52. */
    private static final int PROFIT_BUDGET_EXPONENT = 52;

    private final long[] weights;
    private final long capacity;
    private final Backend backend;
    private final double timeLimitSeconds;
    private final ThreadLocal<Workspace> workspaces;

    private KnapsackOracle(long[] weights, long capacity, Backend backend, double timeLimitSeconds) {
        super(weights.length);
        this.weights = weights;
        this.capacity = capacity;
        this.timeLimitSeconds = Checks.positive("timeLimitSeconds", timeLimitSeconds);
        long cells = (long) weights.length * (capacity + 1);
        Backend chosen = backend;
        if (backend == Backend.AUTO) {
            chosen = cells <= MAX_TABLE_CELLS ? Backend.DYNAMIC_PROGRAMMING : Backend.OR_TOOLS;
        } else if (backend == Backend.DYNAMIC_PROGRAMMING && cells > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("the dynamic programme needs n * (capacity + 1) = " + cells
                    + " cells; use the OR-Tools backend");
        }
        this.backend = chosen;
        if (chosen == Backend.OR_TOOLS) {
            OrToolsNatives.load();
        }
        this.workspaces = ThreadLocal.withInitial(Workspace::new);
    }

    /**
     * A knapsack oracle with the default back end ({@link Backend#AUTO}) and a 10 s time limit.
     *
     * @param weights non-negative integer weights, one per item, at least one item
     * @param capacity a non-negative integer
     */
    public static KnapsackOracle of(long[] weights, long capacity) {
        return of(weights, capacity, Backend.AUTO, 10);
    }

    /** A knapsack oracle with a chosen back end and time limit per OR-Tools solve. */
    public static KnapsackOracle of(long[] weights, long capacity, Backend backend, double timeLimitSeconds) {
        if (weights == null || weights.length == 0) {
            throw new IllegalArgumentException("weights must hold at least one item");
        }
        if (backend == null) {
            throw new IllegalArgumentException("backend is null");
        }
        for (int i = 0; i < weights.length; i++) {
            if (weights[i] < 0) {
                throw new IllegalArgumentException("weights entry " + i + " is " + weights[i] + ", expected >= 0");
            }
        }
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        return new KnapsackOracle(weights.clone(), capacity, backend, timeLimitSeconds);
    }

    /** The back end in use ({@link Backend#AUTO} resolved). */
    public Backend backend() {
        return backend;
    }

    public long capacity() {
        return capacity;
    }

    /** Item i's weight. */
    public long weight(int i) {
        return weights[i];
    }

    @Override
    protected void solveUnchecked(double[] theta, int thetaOffset, double[] z, int zOffset) {
        int n = weights.length;
        Arrays.fill(z, zOffset, zOffset + n, 0.0);
        Workspace w = workspaces.get();
        if (backend == Backend.DYNAMIC_PROGRAMMING) {
            w.dynamicProgramme(theta, thetaOffset, z, zOffset);
        } else {
            w.orTools(theta, thetaOffset, z, zOffset);
        }
    }

    /**
     * How far below the maximum {@code <z, theta>} a returned z may be: {@code n / s} for the
     * OR-Tools back end (see the class comment); the floating-point bound
     * {@code n * 2^-52 * sum_i |theta_i|} for the dynamic programme.
     */
    public double objectiveTolerance(double[] theta) {
        Checks.length("theta", theta, weights.length);
        double positive = 0;
        double absolute = 0;
        for (double t : theta) {
            positive += Math.max(t, 0);
            absolute += Math.abs(t);
        }
        if (backend == Backend.DYNAMIC_PROGRAMMING) {
            return weights.length * Math.ulp(1.0) * absolute;
        }
        return Math.scalb((double) weights.length, -profitExponent(positive));
    }

    /**
     * The exponent e with {@code 2^e * positiveSum < 2^52}; scores are scaled with
     * {@link Math#scalb}, exact even where {@code 2^e} is not a finite double.
     */
    private static int profitExponent(double positiveSum) {
        if (positiveSum == 0) {
            return 0;
        }
        if (positiveSum == Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("the sum of the positive theta overflows a double");
        }
        int exponent = positiveSum < Double.MIN_NORMAL
                ? Math.getExponent(positiveSum * 0x1p64) - 64 : Math.getExponent(positiveSum);
        return PROFIT_BUDGET_EXPONENT - 1 - exponent;
    }

    @Override
    public String infeasibility(double[] z) {
        String len = super.infeasibility(z);
        if (len != null) {
            return len;
        }
        long total = 0;
        for (int i = 0; i < z.length; i++) {
            if (z[i] != 0.0 && z[i] != 1.0) {
                return "z coordinate " + i + " is " + z[i] + ", expected 0 or 1";
            }
            if (z[i] == 1.0) {
                total += weights[i];
            }
        }
        return total <= capacity ? null
                : "packed weight " + total + " exceeds the capacity " + capacity;
    }

    @Override
    public String toString() {
        return "knapsack of " + weights.length + " items, capacity " + capacity + " (" + backend + ")";
    }

    private boolean packable(double t, int i) {
        return t > 0 && weights[i] <= capacity;
    }

    /** One thread's buffers and solver, sized on first use and reused. */
    private final class Workspace {
        private double[] best;
        private boolean[] taken;
        private KnapsackSolver solver;
        private long[] profits;
        private long[] itemWeights;
        private int[] items;

        void dynamicProgramme(double[] theta, int off, double[] z, int zOff) {
            int n = weights.length;
            int cap = (int) capacity;
            if (best == null) {
                best = new double[cap + 1];
                taken = new boolean[n * (cap + 1)];
            }
            Arrays.fill(best, 0.0);
            for (int i = 0; i < n; i++) {
                int row = i * (cap + 1);
                Arrays.fill(taken, row, row + cap + 1, false);
                double t = theta[off + i];
                if (!packable(t, i)) {
                    continue;
                }
                int w = (int) weights[i];
                for (int c = cap; c >= w; c--) {
                    double with = best[c - w] + t;
                    if (with > best[c]) {
                        best[c] = with;
                        taken[row + c] = true;
                    }
                }
            }
            int c = cap;
            for (int i = n - 1; i >= 0; i--) {
                if (taken[i * (cap + 1) + c]) {
                    z[zOff + i] = 1.0;
                    c -= (int) weights[i];
                }
            }
        }

        void orTools(double[] theta, int off, double[] z, int zOff) {
            int n = weights.length;
            if (solver == null) {
                solver = new KnapsackSolver(
                        KnapsackSolver.SolverType.KNAPSACK_MULTIDIMENSION_BRANCH_AND_BOUND_SOLVER, "imle-knapsack");
                items = new int[n];
            }
            double positive = 0;
            for (int i = 0; i < n; i++) {
                positive += Math.max(theta[off + i], 0);
            }
            int exponent = profitExponent(positive);
            int m = 0;
            for (int i = 0; i < n; i++) {
                double t = theta[off + i];
                if (packable(t, i) && Math.round(Math.scalb(t, exponent)) > 0) {
                    items[m++] = i;
                }
            }
            long used = 0;
            if (m > 0) {
                if (profits == null || profits.length != m) {
                    profits = new long[m];
                    itemWeights = new long[m];
                }
                for (int k = 0; k < m; k++) {
                    profits[k] = Math.round(Math.scalb(theta[off + items[k]], exponent));
                    itemWeights[k] = weights[items[k]];
                }
                solver.init(profits, new long[][] {itemWeights}, new long[] {capacity});
                solver.setTimeLimit(timeLimitSeconds);
                solver.solve();
                if (!solver.isSolutionOptimal()) {
                    throw new SolverTimeoutException("knapsack of " + n + " items: OR-Tools proved no optimum within "
                            + timeLimitSeconds + " s");
                }
                for (int k = 0; k < m; k++) {
                    if (solver.bestSolutionContains(k)) {
                        z[zOff + items[k]] = 1.0;
                        used += weights[items[k]];
                    }
                }
            }
            // repair: positive items whose profit rounded to 0 were invisible to the solver
            for (int i = 0; i < n; i++) {
                if (z[zOff + i] == 0.0 && packable(theta[off + i], i) && used + weights[i] <= capacity) {
                    z[zOff + i] = 1.0;
                    used += weights[i];
                }
            }
        }
    }
}
