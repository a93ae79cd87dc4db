package org.imle.api.loss;

import org.imle.api.MapOracle;
import org.imle.api.check.Checks;
import org.imle.api.pool.SolutionPool;
import org.imle.api.registry.Setting;

/**
 * Pairwise learning to rank over a solution pool (Mandi et al., ICML 2022): the pooled solution that
 * is best under the true objective, {@code b = argmax_{w in P} <theta*, w>}, should outscore every
 * other by a margin m,
 * <pre>{@code
 *   L(theta, theta*) = (1/max(|P| - 1, 1)) sum_{w in P, w != b} max(0, m + <theta, w> - <theta, b>)
 *   dL/dtheta        = (1/max(|P| - 1, 1)) sum_{active w} (w - b)
 * }</pre>
 * With m = 0 this is PyEPO's {@code pairwiseLTR} (costs {@code c = -theta}). Ties for b go to the
 * lowest pool index. Supervised by the true objective; see {@link PoolLoss} for the pool.
 */
public final class PairwiseRankLoss extends PoolLoss {

    private final double margin;

    private PairwiseRankLoss(Builder b) {
        super(b);
        this.margin = Checks.nonNegative("margin", b.margin);
    }

    /** Starts a builder around any oracle. */
    public static Builder builder(MapOracle oracle) {
        return new Builder(oracle);
    }

    @Override
    public String name() {
        return "ltr-pairwise";
    }

    @Override
    public String supervisionName() {
        return "trueTheta";
    }

    @Override
    double rowLoss(double[] theta, double[] trueTheta, int offset, double[][] pool, double[] grad) {
        int n = dimension();
        int b = SolutionPool.bestIndex(pool, trueTheta, offset);
        double[] best = pool[b];
        double bestScore = SolutionPool.dot(best, theta, offset);
        for (int i = 0; i < n; i++) {
            grad[offset + i] = 0;
        }
        double loss = 0;
        for (int c = 0; c < pool.length; c++) {
            if (c == b) {
                continue;
            }
            double hinge = margin + SolutionPool.dot(pool[c], theta, offset) - bestScore;
            if (hinge > 0) {
                loss += hinge;
                for (int i = 0; i < n; i++) {
                    grad[offset + i] += pool[c][i] - best[i];
                }
            }
        }
        int pairs = Math.max(pool.length - 1, 1);
        for (int i = 0; i < n; i++) {
            grad[offset + i] /= pairs;
        }
        return loss / pairs;
    }

    /** Builds a {@link PairwiseRankLoss}. */
    public static final class Builder extends PoolLoss.Builder<Builder, PairwiseRankLoss> {
        /** The margin m by which the true best should outscore the others (PyEPO: 0). */
        public static final Setting<Double> MARGIN = Setting.real("margin", 0.0,
                "m >= 0, how far the truly best pooled solution should outscore each other one (PyEPO: 0)");

        private double margin = MARGIN.defaultValue();

        private Builder(MapOracle oracle) {
            super(oracle);
        }

        /** m ({@link #MARGIN}). */
        public Builder margin(double margin) {
            this.margin = margin;
            return this;
        }

        @Override
        protected PairwiseRankLoss make() {
            return new PairwiseRankLoss(this);
        }
    }
}
