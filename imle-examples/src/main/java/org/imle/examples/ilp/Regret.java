package org.imle.examples.ilp;

import org.imle.api.MapOracle;
import org.imle.api.check.Checks;
import org.imle.api.execution.SolveExecutor;

/**
 * Regret, the decision quality of predicted coefficients, in the maximisation convention: for true
 * theta* with optimum {@code z* = MAP(theta*)} and a decision {@code z^ = MAP(theta^)} taken with
 * predicted theta^, {@code regret = <theta*, z*> - <theta*, z^> >= 0}. The normalised regret of a
 * set of instances is PyEPO's: {@code sum_i regret_i / (sum_i |<theta*_i, z*_i>| + 1e-7)}. For a
 * minimisation with costs c (theta* = -c) this is {@code (c z^ - c z*) / |c z*|}, the usual form.
 *
 * <p>Cost: one oracle call per instance, run on the executor.
 */
public final class Regret {

    private Regret() {
    }

    /** {@code <theta*, optimal> - <theta*, chosen>}. */
    public static double of(double[] trueTheta, double[] optimal, double[] chosen) {
        Checks.length("optimal", optimal, trueTheta.length);
        Checks.length("chosen", chosen, trueTheta.length);
        return dot(trueTheta, optimal) - dot(trueTheta, chosen);
    }

    /** The normalised regret of decisions already taken. */
    public static double normalised(double[][] trueTheta, double[][] optimal, double[][] chosen) {
        if (trueTheta.length != optimal.length || trueTheta.length != chosen.length || trueTheta.length == 0) {
            throw new IllegalArgumentException("regret needs as many true, optimal and chosen rows, at least one; got "
                    + trueTheta.length + ", " + optimal.length + ", " + chosen.length);
        }
        double regret = 0;
        double scale = 0;
        for (int r = 0; r < trueTheta.length; r++) {
            regret += of(trueTheta[r], optimal[r], chosen[r]);
            scale += Math.abs(dot(trueTheta[r], optimal[r]));
        }
        return regret / (scale + 1e-7);
    }

    /** Solves every predicted row with the oracle, then returns the normalised regret. */
    public static double normalised(MapOracle oracle, double[][] predicted, double[][] trueTheta, double[][] optimal,
            SolveExecutor executor) {
        return normalised(trueTheta, optimal, solveAll(oracle, predicted, executor));
    }

    /** {@code MAP(theta)} of every row, in parallel; row order is kept. */
    public static double[][] solveAll(MapOracle oracle, double[][] theta, SolveExecutor executor) {
        double[][] z = new double[theta.length][oracle.dimension()];
        executor.run(theta.length, r -> oracle.solve(theta[r], z[r]));
        return z;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }
}
