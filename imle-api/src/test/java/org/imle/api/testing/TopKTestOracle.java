package org.imle.api.testing;

import org.imle.api.AbstractMapOracle;
import org.imle.api.check.Checks;

/**
 * A plain top-k oracle for tests: z is the k-hot vector of the k largest entries of theta, the
 * lower index winning ties. O(n * k) by repeated selection, kept simple on purpose so that it is
 * obviously right; tests check it against {@link org.imle.api.exact.EnumeratedOracle}.
 */
public final class TopKTestOracle extends AbstractMapOracle {

    private final int n;
    private final int k;

    public TopKTestOracle(int n, int k) {
        super(Checks.atLeast("n", n, 1));
        this.n = n;
        this.k = Checks.between("k", k, 1, n);
    }

    /** The top-1 (argmax) oracle. */
    public static TopKTestOracle argmax(int n) {
        return new TopKTestOracle(n, 1);
    }

    public int k() {
        return k;
    }

    @Override
    protected void solveUnchecked(double[] theta, int t, double[] z, int o) {
        java.util.Arrays.fill(z, o, o + n, 0.0);
        for (int picked = 0; picked < k; picked++) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (z[o + i] == 0.0 && (best < 0 || theta[t + i] > theta[t + best])) {
                    best = i;
                }
            }
            z[o + best] = 1.0;
        }
    }
}
