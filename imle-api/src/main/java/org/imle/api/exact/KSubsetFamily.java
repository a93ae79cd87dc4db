package org.imle.api.exact;

import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;
import org.imle.api.check.Checks;

/**
 * The exponential family on the k-subsets of n items (k-hot vectors), computed exactly by dynamic
 * programming over elementary symmetric polynomials, in log space so that any finite theta works.
 *
 * <p>With {@code w_i = exp(theta_i)}, the partition function is the elementary symmetric polynomial
 * {@code e_k(w_1..w_n)}. The table {@code E[i][j] = log e_j(w_1..w_i)} follows
 * {@code E[i][j] = logaddexp(E[i-1][j], E[i-1][j-1] + theta_i)} in O(n k). The marginal of item i is
 * {@code w_i e_{k-1}(w without i) / e_k(w)}, from a prefix and a suffix table in O(n k^2) for all i.
 * Sampling walks the prefix table backwards, taking item i with probability
 * {@code exp(theta_i + E[i-1][j-1] - E[i][j])}, which is exact, in O(n k).
 *
 * <p>k = 1 is the one-hot (softmax) family: {@link #oneHot(int)}. Each call allocates its O(n k)
 * tables, which keeps the class immutable and thread-safe.
 */
public final class KSubsetFamily implements TractableFamily {

    private final int n;
    private final int k;

    private KSubsetFamily(int n, int k) {
        this.n = Checks.atLeast("n", n, 1);
        this.k = Checks.between("k", k, 1, n);
    }

    /** The k-subsets of n items, {@code 1 <= k <= n}. */
    public static KSubsetFamily of(int n, int k) {
        return new KSubsetFamily(n, k);
    }

    /** The one-hot vectors of length n: {@code p = softmax(theta)}. */
    public static KSubsetFamily oneHot(int n) {
        return new KSubsetFamily(n, 1);
    }

    public int k() {
        return k;
    }

    @Override
    public int dimension() {
        return n;
    }

    @Override
    public double logPartition(double[] theta, int offset) {
        check(theta, offset);
        return prefix(theta, offset)[n][k];
    }

    @Override
    public void marginals(double[] theta, int offset, double[] mu, int muOffset) {
        check(theta, offset);
        Checks.range("mu", mu.length, muOffset, n);
        double[][] pre = prefix(theta, offset);
        double[][] suf = suffix(theta, offset);
        double logZ = pre[n][k];
        for (int i = 0; i < n; i++) {
            // subsets containing item i: k-1 further items, j of them before i and k-1-j after
            double rest = Double.NEGATIVE_INFINITY;
            for (int j = 0; j <= k - 1; j++) {
                rest = LogSpace.add(rest, pre[i][j] + suf[i + 1][k - 1 - j]);
            }
            mu[muOffset + i] = Math.min(1.0, Math.exp(theta[offset + i] + rest - logZ));
        }
    }

    @Override
    public void sample(double[] theta, int offset, UniformRandomProvider random, double[] z, int zOffset) {
        check(theta, offset);
        Checks.range("z", z.length, zOffset, n);
        double[][] pre = prefix(theta, offset);
        Arrays.fill(z, zOffset, zOffset + n, 0.0);
        int j = k;
        for (int i = n; i >= 1 && j > 0; i--) {
            // among the subsets of items 1..i with j members, the share that contains item i
            double take = Math.exp(theta[offset + i - 1] + pre[i - 1][j - 1] - pre[i][j]);
            if (j == i || random.nextDouble() < take) {
                z[zOffset + i - 1] = 1.0;
                j--;
            }
        }
    }

    /** {@code pre[i][j] = log e_j(w_1..w_i)}, i in 0..n, j in 0..k. */
    private double[][] prefix(double[] theta, int offset) {
        double[][] e = new double[n + 1][k + 1];
        for (double[] row : e) {
            Arrays.fill(row, Double.NEGATIVE_INFINITY);
        }
        e[0][0] = 0.0;
        for (int i = 1; i <= n; i++) {
            double t = theta[offset + i - 1];
            e[i][0] = 0.0;
            for (int j = 1; j <= Math.min(i, k); j++) {
                e[i][j] = LogSpace.add(e[i - 1][j], e[i - 1][j - 1] + t);
            }
        }
        return e;
    }

    /** {@code suf[i][j] = log e_j} of the weights of the 0-based items i..n-1, i in 0..n+1. */
    private double[][] suffix(double[] theta, int offset) {
        double[][] e = new double[n + 2][k + 1];
        for (double[] row : e) {
            Arrays.fill(row, Double.NEGATIVE_INFINITY);
        }
        e[n][0] = 0.0;
        e[n + 1][0] = 0.0;
        for (int i = n - 1; i >= 0; i--) {
            double t = theta[offset + i];
            e[i][0] = 0.0;
            for (int j = 1; j <= Math.min(n - i, k); j++) {
                e[i][j] = LogSpace.add(e[i + 1][j], e[i + 1][j - 1] + t);
            }
        }
        return e;
    }

    private void check(double[] theta, int offset) {
        if (theta == null) {
            throw new IllegalArgumentException("theta is null");
        }
        Checks.range("theta", theta.length, offset, n);
        for (int i = 0; i < n; i++) {
            if (!Double.isFinite(theta[offset + i])) {
                throw new IllegalArgumentException("theta coordinate " + i + " is " + theta[offset + i]);
            }
        }
    }

    @Override
    public String toString() {
        return "k-subsets(n=" + n + ", k=" + k + ")";
    }
}
