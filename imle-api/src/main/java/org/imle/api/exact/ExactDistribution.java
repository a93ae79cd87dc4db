package org.imle.api.exact;

import java.util.function.ToDoubleFunction;
import org.imle.api.check.Checks;

/**
 * The exponential family {@code p(z; theta) = exp(<z, theta> - A(theta))} on a small
 * {@link StructureSet}, computed exactly by enumeration in O(|C| * n).
 */
public final class ExactDistribution {

    private final StructureSet set;

    public ExactDistribution(StructureSet set) {
        this.set = set;
    }

    public StructureSet structures() {
        return set;
    }

    /** The log-partition {@code A(theta) = log sum_z exp(<z, theta>)}, computed stably. */
    public double logPartition(double[] theta) {
        check(theta);
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < set.size(); i++) {
            max = Math.max(max, set.score(i, theta));
        }
        double sum = 0;
        for (int i = 0; i < set.size(); i++) {
            sum += Math.exp(set.score(i, theta) - max);
        }
        return max + Math.log(sum);
    }

    /** p(z_i; theta) for every structure i, in the set's order. */
    public double[] probabilities(double[] theta) {
        double a = logPartition(theta);
        double[] p = new double[set.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.exp(set.score(i, theta) - a);
        }
        return p;
    }

    /** p(z; theta) of one structure z (0 when z is not in C). */
    public double probability(double[] theta, double[] z) {
        Checks.length("z", z, set.dimension());
        int i = set.indexOf(z);
        return i < 0 ? 0.0 : Math.exp(set.score(i, theta) - logPartition(theta));
    }

    /** The marginals {@code mu(theta) = E[z]}, the gradient of A. */
    public double[] marginals(double[] theta) {
        double[] p = probabilities(theta);
        double[] mu = new double[set.dimension()];
        for (int i = 0; i < p.length; i++) {
            double[] z = set.at(i);
            for (int j = 0; j < mu.length; j++) {
                mu[j] += p[i] * z[j];
            }
        }
        return mu;
    }

    /** {@code E_{z ~ p(theta)}[loss(z)]}. */
    public double expectedLoss(double[] theta, ToDoubleFunction<double[]> loss) {
        double[] p = probabilities(theta);
        double e = 0;
        for (int i = 0; i < p.length; i++) {
            e += p[i] * loss.applyAsDouble(set.get(i));
        }
        return e;
    }

    /**
     * The exact gradient with respect to theta of {@code E_{z ~ p(theta)}[loss(z)]}:
     * {@code sum_z p(z) * loss(z) * (z - mu(theta))}, the covariance of loss(z) and z.
     */
    public double[] expectedLossGradient(double[] theta, ToDoubleFunction<double[]> loss) {
        double[] p = probabilities(theta);
        double[] mu = marginals(theta);
        double[] g = new double[set.dimension()];
        for (int i = 0; i < p.length; i++) {
            double[] z = set.at(i);
            double w = p[i] * loss.applyAsDouble(set.get(i));
            for (int j = 0; j < g.length; j++) {
                g[j] += w * (z[j] - mu[j]);
            }
        }
        return g;
    }

    private void check(double[] theta) {
        Checks.length("theta", theta, set.dimension());
        Checks.finite("theta", theta);
    }
}
