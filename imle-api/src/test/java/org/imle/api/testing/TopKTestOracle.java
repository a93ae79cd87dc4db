package org.imle.api.testing;

import org.imle.api.MapOracle;
import org.imle.api.check.Checks;

/**
 * A plain top-k oracle for tests: z is the k-hot vector of the k largest entries of theta, the
 * lower index winning ties. O(n * k) by repeated selection, kept simple on purpose so that it is
 * obviously right; tests check it against {@link org.imle.api.exact.EnumeratedOracle}.
 */
public final class TopKTestOracle implements MapOracle {

    private final int n;
    private final int k;

    public TopKTestOracle(int n, int k) {
        this.n = Checks.atLeast("n", n, 1);
        this.k = Checks.between("k", k, 1, n);
    }

    /** The top-1 (argmax) oracle. */
    public static TopKTestOracle argmax(int n) {
        return new TopKTestOracle(n, 1);
    }

    @Override
    public int dimension() {
        return n;
    }

    public int k() {
        return k;
    }

    @Override
    public void solve(double[] theta, double[] z) {
        Checks.length("theta", theta, n);
        Checks.length("z", z, n);
        Checks.finite("theta", theta);
        java.util.Arrays.fill(z, 0.0);
        for (int picked = 0; picked < k; picked++) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (z[i] == 0.0 && (best < 0 || theta[i] > theta[best])) {
                    best = i;
                }
            }
            z[best] = 1.0;
        }
    }
}
