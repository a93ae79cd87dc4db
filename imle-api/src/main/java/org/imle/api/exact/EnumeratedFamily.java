package org.imle.api.exact;

import org.apache.commons.rng.UniformRandomProvider;
import org.imle.api.check.Checks;

/**
 * The exponential family on any small {@link StructureSet}, by enumeration: O(|C| * n) per call.
 * Samples by inversion of the cumulative distribution in the set's order. The reference the
 * dynamic programs are tested against, and the fallback for any small C.
 */
public final class EnumeratedFamily implements TractableFamily {

    private final StructureSet set;

    public EnumeratedFamily(StructureSet set) {
        if (set == null) {
            throw new IllegalArgumentException("structure set must not be null");
        }
        this.set = set;
    }

    public StructureSet structures() {
        return set;
    }

    @Override
    public int dimension() {
        return set.dimension();
    }

    @Override
    public double logPartition(double[] theta, int offset) {
        double[] row = row(theta, offset);
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < set.size(); i++) {
            max = Math.max(max, set.score(i, row));
        }
        double sum = 0;
        for (int i = 0; i < set.size(); i++) {
            sum += Math.exp(set.score(i, row) - max);
        }
        return max + Math.log(sum);
    }

    @Override
    public void marginals(double[] theta, int offset, double[] mu, int muOffset) {
        int n = dimension();
        Checks.range("mu", mu.length, muOffset, n);
        double[] row = row(theta, offset);
        double a = logPartition(theta, offset);
        java.util.Arrays.fill(mu, muOffset, muOffset + n, 0.0);
        for (int i = 0; i < set.size(); i++) {
            double p = Math.exp(set.score(i, row) - a);
            double[] z = set.at(i);
            for (int j = 0; j < n; j++) {
                mu[muOffset + j] += p * z[j];
            }
        }
    }

    @Override
    public void sample(double[] theta, int offset, UniformRandomProvider random, double[] z, int zOffset) {
        int n = dimension();
        Checks.range("z", z.length, zOffset, n);
        double[] row = row(theta, offset);
        double a = logPartition(theta, offset);
        double u = random.nextDouble();
        int chosen = set.size() - 1; // rounding can leave the total a hair below u
        double cumulative = 0;
        for (int i = 0; i < set.size(); i++) {
            cumulative += Math.exp(set.score(i, row) - a);
            if (u < cumulative) {
                chosen = i;
                break;
            }
        }
        System.arraycopy(set.at(chosen), 0, z, zOffset, n);
    }

    private double[] row(double[] theta, int offset) {
        int n = dimension();
        if (theta == null) {
            throw new IllegalArgumentException("theta is null");
        }
        Checks.range("theta", theta.length, offset, n);
        double[] row = new double[n];
        System.arraycopy(theta, offset, row, 0, n);
        Checks.finite("theta", row);
        return row;
    }
}
