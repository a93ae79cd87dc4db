package org.imle.api.loss;

import org.imle.api.MapOracle;

/**
 * Noise-contrastive estimation over a solution pool (Mulamba, Mandi, Diligenti, Lombardi, Bucarey,
 * Guns, "Contrastive losses and solution caching for predict-and-optimize", IJCAI 2021), in the
 * maximisation convention: with the gold structure z* and the pooled solutions P,
 * <pre>{@code
 *   NCE(theta, z*) = (1/|P|) sum_{w in P} (<theta, w> - <theta, z*>)
 *   dNCE/dtheta    = (1/|P|) sum_{w in P} w - z*
 * }</pre>
 * (PyEPO's {@code NCE} with costs {@code c = -theta}). It pushes the score of z* above the pool's
 * mean; no solve in the backward pass. See {@link PoolLoss} for the pool and its cost.
 *
 * <p>Stateless apart from the pool; thread-safe as {@link PoolLoss} says.
 */
public final class NceLoss extends PoolLoss {

    private NceLoss(Builder b) {
        super(b);
    }

    /** Starts a builder around any oracle. */
    public static Builder builder(MapOracle oracle) {
        return new Builder(oracle);
    }

    @Override
    public String name() {
        return "nce";
    }

    @Override
    public String supervisionName() {
        return "target";
    }

    @Override
    double rowLoss(double[] theta, double[] target, int offset, double[][] pool, double[] grad) {
        int n = dimension();
        double gold = 0;
        for (int i = 0; i < n; i++) {
            gold += theta[offset + i] * target[offset + i];
            grad[offset + i] = 0;
        }
        double sum = 0;
        for (double[] w : pool) {
            for (int i = 0; i < n; i++) {
                sum += w[i] * theta[offset + i];
                grad[offset + i] += w[i];
            }
        }
        for (int i = 0; i < n; i++) {
            grad[offset + i] = grad[offset + i] / pool.length - target[offset + i];
        }
        return sum / pool.length - gold;
    }

    /** Builds an {@link NceLoss}; its only setting is the pool. */
    public static final class Builder extends PoolLoss.Builder<Builder, NceLoss> {
        private Builder(MapOracle oracle) {
            super(oracle);
        }

        @Override
        protected NceLoss make() {
            return new NceLoss(this);
        }
    }
}
