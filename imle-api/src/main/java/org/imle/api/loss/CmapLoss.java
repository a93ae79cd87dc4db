package org.imle.api.loss;

import org.imle.api.MapOracle;
import org.imle.api.pool.SolutionPool;

/**
 * Contrastive MAP over a solution pool (Mulamba et al., IJCAI 2021), in the maximisation convention:
 * the most violating pooled solution is the only negative,
 * <pre>{@code
 *   CMAP(theta, z*) = max_{w in P} <theta, w> - <theta, z*>
 *   dCMAP/dtheta    = w^ - z*,   w^ = argmax_{w in P} <theta, w>  (the lowest pool index among ties)
 * }</pre>
 * (PyEPO's {@code CMAP} with costs {@code c = -theta}). Since z* is in the pool of a
 * {@code target}-supervised loss, the loss is non-negative and zero exactly when z* scores best.
 * See {@link PoolLoss} for the pool and its cost.
 */
public final class CmapLoss extends PoolLoss {

    private CmapLoss(Builder b) {
        super(b);
    }

    /** Starts a builder around any oracle. */
    public static Builder builder(MapOracle oracle) {
        return new Builder(oracle);
    }

    @Override
    public String name() {
        return "cmap";
    }

    @Override
    public String supervisionName() {
        return "target";
    }

    @Override
    double rowLoss(double[] theta, double[] target, int offset, double[][] pool, double[] grad) {
        int n = dimension();
        double[] best = pool[SolutionPool.bestIndex(pool, theta, offset)];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            loss += theta[offset + i] * (best[i] - target[offset + i]);
            grad[offset + i] = best[i] - target[offset + i];
        }
        return loss;
    }

    /** Builds a {@link CmapLoss}; its only setting is the pool. */
    public static final class Builder extends PoolLoss.Builder<Builder, CmapLoss> {
        private Builder(MapOracle oracle) {
            super(oracle);
        }

        @Override
        protected CmapLoss make() {
            return new CmapLoss(this);
        }
    }
}
