package org.imle.solvers.knapsack;

import org.imle.api.check.Checks;
import org.imle.solvers.ilp.IlpBackend;
import org.imle.solvers.ilp.IlpModel;
import org.imle.solvers.ilp.IlpOracle;

/**
 * The multi-dimensional 0/1 knapsack with fractional weights (PyEPO's {@code knapsackModel}):
 * maximise {@code <theta, z>} subject to {@code W z <= capacity} in each of D resources.
 *
 * <p><b>Exactly, by decimal scaling.</b> CP-SAT needs integer constraints. The weights and
 * capacities are multiplied by the smallest {@code 10^q}, q = 0..6, that makes every weight an
 * integer (to 1e-7 relative, which absorbs the float32 rounding of data such as PyEPO's
 * weights.npy), the weights are rounded to those integers and each capacity is floored. For
 * integer weights {@code sum_i w_i z_i <= C} holds exactly when {@code sum_i w_i z_i <= floor(C)}, so
 * the feasible set is exactly that of the decimal weights: PyEPO's weights, uniform on
 * {3.00, 3.01, ..., 7.99}, take q = 2. Weights that need more than 6 decimals are refused, naming
 * the entry, rather than rounded.
 *
 * <p>Solved by CP-SAT ({@link IlpOracle}, one worker, the given time limit); thread-safe.
 */
public final class MultiKnapsack {

    private static final int MAX_DECIMALS = 6;

    private MultiKnapsack() {
    }

    /**
     * The oracle.
     *
     * @param weights D rows of n non-negative finite weights
     * @param capacity D non-negative finite capacities
     * @throws IllegalArgumentException naming the entry that is negative, not finite, or has more
     *     than 6 decimals, or a row of the wrong length
     */
    public static IlpOracle of(double[][] weights, double[] capacity, double timeLimitSeconds) {
        if (weights == null || weights.length == 0 || capacity == null || capacity.length != weights.length) {
            throw new IllegalArgumentException("a knapsack needs D >= 1 rows of weights and D capacities, got "
                    + (weights == null ? 0 : weights.length) + " rows and "
                    + (capacity == null ? 0 : capacity.length) + " capacities");
        }
        int n = weights[0].length;
        Checks.atLeast("items", n, 1);
        for (int d = 0; d < weights.length; d++) {
            Checks.length("weights row " + d, weights[d], n);
            for (int i = 0; i < n; i++) {
                if (!(weights[d][i] >= 0) || Double.isInfinite(weights[d][i])) {
                    throw new IllegalArgumentException("weight [" + d + "][" + i + "] must be finite and >= 0, got "
                            + weights[d][i]);
                }
            }
            if (!(capacity[d] >= 0) || Double.isInfinite(capacity[d])) {
                throw new IllegalArgumentException("capacity " + d + " must be finite and >= 0, got " + capacity[d]);
            }
        }
        int q = decimals(weights);
        double scale = Math.pow(10, q);
        IlpModel.Builder model = IlpModel.builder(n).name("knapsack-" + weights.length + "d-" + n);
        for (int d = 0; d < weights.length; d++) {
            double[] row = new double[n];
            for (int i = 0; i < n; i++) {
                row[i] = Math.rint(weights[d][i] * scale);
            }
            double c = capacity[d] * scale;
            model.lessOrEqual(row, Math.floor(c + tolerance(c)));
        }
        return IlpOracle.of(model.build(), IlpBackend.CP_SAT, timeLimitSeconds);
    }

    /** The smallest q <= 6 with every {@code w 10^q} an integer. */
    static int decimals(double[][] weights) {
        for (int q = 0; q <= MAX_DECIMALS; q++) {
            double scale = Math.pow(10, q);
            if (allIntegral(weights, scale)) {
                return q;
            }
        }
        for (int d = 0; d < weights.length; d++) {
            for (int i = 0; i < weights[d].length; i++) {
                double s = weights[d][i] * Math.pow(10, MAX_DECIMALS);
                if (Math.abs(s - Math.rint(s)) > tolerance(s)) {
                    throw new IllegalArgumentException("weight [" + d + "][" + i + "] = " + weights[d][i]
                            + " has more than " + MAX_DECIMALS + " decimals; the knapsack scales weights to integers"
                            + " exactly and refuses to round");
                }
            }
        }
        throw new AssertionError("unreachable");
    }

    private static boolean allIntegral(double[][] weights, double scale) {
        for (double[] row : weights) {
            for (double w : row) {
                double s = w * scale;
                if (Math.abs(s - Math.rint(s)) > tolerance(s)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static double tolerance(double scaled) {
        return 1e-7 * Math.max(1, Math.abs(scaled));
    }
}
