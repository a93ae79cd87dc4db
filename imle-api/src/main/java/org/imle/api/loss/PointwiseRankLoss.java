package org.imle.api.loss;

import org.imle.api.MapOracle;

/**
 * Pointwise learning to rank over a solution pool (Mandi, Bucarey, Tchomba, Guns, "Decision-focused
 * learning: through the lens of learning to rank", ICML 2022): the predicted objective of every
 * pooled solution regresses onto its true objective,
 * <pre>{@code
 *   L(theta, theta*) = (1/|P|) sum_{w in P} <theta* - theta, w>^2
 *   dL/dtheta        = -(2/|P|) sum_{w in P} <theta* - theta, w> w
 * }</pre>
 * (PyEPO's {@code pointwiseLTR}; the sign convention does not matter for a square). Supervised by
 * the true objective; see {@link PoolLoss} for the pool and its cost.
 */
public final class PointwiseRankLoss extends PoolLoss {

    private PointwiseRankLoss(Builder b) {
        super(b);
    }

    /** Starts a builder around any oracle. */
    public static Builder builder(MapOracle oracle) {
        return new Builder(oracle);
    }

    @Override
    public String name() {
        return "ltr-pointwise";
    }

    @Override
    public String supervisionName() {
        return "trueTheta";
    }

    @Override
    double rowLoss(double[] theta, double[] trueTheta, int offset, double[][] pool, double[] grad) {
        int n = dimension();
        for (int i = 0; i < n; i++) {
            grad[offset + i] = 0;
        }
        double loss = 0;
        for (double[] w : pool) {
            double r = 0;
            for (int i = 0; i < n; i++) {
                r += (trueTheta[offset + i] - theta[offset + i]) * w[i];
            }
            loss += r * r;
            for (int i = 0; i < n; i++) {
                grad[offset + i] -= 2 * r * w[i];
            }
        }
        for (int i = 0; i < n; i++) {
            grad[offset + i] /= pool.length;
        }
        return loss / pool.length;
    }

    /** Builds a {@link PointwiseRankLoss}; its only setting is the pool. */
    public static final class Builder extends PoolLoss.Builder<Builder, PointwiseRankLoss> {
        private Builder(MapOracle oracle) {
            super(oracle);
        }

        @Override
        protected PointwiseRankLoss make() {
            return new PointwiseRankLoss(this);
        }
    }
}
