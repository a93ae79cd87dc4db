package org.imle.examples.ilp;

import org.imle.api.MapOracle;
import org.imle.api.check.Checks;

/**
 * A predict-then-optimise task: an exact oracle over a fixed feasible set, and instances made of
 * features x and the true coefficients theta* of the maximisation {@code max <theta*, z>} they
 * should predict (costs already negated: theta* = -c). Training and test instances share the
 * oracle.
 *
 * @param name shown in tables and error messages
 * @param oracle the exact MAP oracle; it maximises
 * @param trainX training features, one row per instance
 * @param trainTheta the true theta of each training instance
 * @param testX test features
 * @param testTheta the true theta of each test instance
 * @param costSign theta* = costSign * c for the coefficients c of the problem as its data give them:
 *     1 for values to maximise, -1 for costs to minimise
 */
public record DecisionProblem(String name, MapOracle oracle, double[][] trainX, double[][] trainTheta,
        double[][] testX, double[][] testTheta, double costSign) {

    /** A problem given by theta* itself (costSign 1). */
    public DecisionProblem(String name, MapOracle oracle, double[][] trainX, double[][] trainTheta,
            double[][] testX, double[][] testTheta) {
        this(name, oracle, trainX, trainTheta, testX, testTheta, 1);
    }

    /** Checks that every row has the oracle's dimension or the features' length, naming the row. */
    public DecisionProblem {
        if (name == null || oracle == null) {
            throw new IllegalArgumentException("a decision problem needs a name and an oracle");
        }
        if (costSign != 1 && costSign != -1) {
            throw new IllegalArgumentException("costSign must be 1 or -1, got " + costSign);
        }
        check("train", trainX, trainTheta, oracle.dimension());
        check("test", testX, testTheta, oracle.dimension());
        if (trainX[0].length != testX[0].length) {
            throw new IllegalArgumentException("train rows have " + trainX[0].length + " features, test rows "
                    + testX[0].length);
        }
    }

    private static void check(String split, double[][] x, double[][] theta, int n) {
        if (x == null || theta == null || x.length == 0 || x.length != theta.length) {
            throw new IllegalArgumentException(split + " split needs as many feature rows as theta rows, at least one");
        }
        for (int r = 0; r < x.length; r++) {
            Checks.length(split + " features row " + r, x[r], x[0].length);
            Checks.finite(split + " features row " + r, x[r]);
            Checks.length(split + " theta row " + r, theta[r], n);
            Checks.finite(split + " theta row " + r, theta[r]);
        }
    }

    /** p, the number of features. */
    public int features() {
        return trainX[0].length;
    }

    /** n, the length of theta and z. */
    public int dimension() {
        return oracle.dimension();
    }
}
