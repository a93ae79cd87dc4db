package org.imle.api.loss;

import org.imle.api.MapOracle;
import org.imle.api.check.Checks;
import org.imle.api.pool.SolutionPool;
import org.imle.api.registry.Setting;

/**
 * Listwise learning to rank over a solution pool (Mandi et al., ICML 2022): the cross-entropy
 * between the softmax of the true scores and the softmax of the predicted scores of the pooled
 * solutions, at temperature tau,
 * <pre>{@code
 *   p_w = softmax_w(<theta, w> / tau),   q_w = max(softmax_w(<theta*, w> / tau), 1e-8)
 *   L(theta, theta*) = -sum_{w in P} q_w log p_w
 *   dL/dtheta        = (1/tau) sum_{w in P} (p_w Q - q_w) w,   Q = sum_w q_w
 * }</pre>
 * With tau = 1 this is PyEPO's {@code listwiseLTR} (costs {@code c = -theta}, the clamp included).
 * Softmaxes are computed from the largest score, so any finite theta works. Supervised by the true
 * objective; see {@link PoolLoss} for the pool.
 */
public final class ListwiseRankLoss extends PoolLoss {

    private static final double CLAMP = 1e-8;

    private final double temperature;

    private ListwiseRankLoss(Builder b) {
        super(b);
        this.temperature = Checks.positive("temperature", b.temperature);
    }

    /** Starts a builder around any oracle. */
    public static Builder builder(MapOracle oracle) {
        return new Builder(oracle);
    }

    @Override
    public String name() {
        return "ltr-listwise";
    }

    @Override
    public String supervisionName() {
        return "trueTheta";
    }

    @Override
    double rowLoss(double[] theta, double[] trueTheta, int offset, double[][] pool, double[] grad) {
        int n = dimension();
        int m = pool.length;
        double[] predicted = new double[m];
        double[] truth = new double[m];
        for (int c = 0; c < m; c++) {
            predicted[c] = SolutionPool.dot(pool[c], theta, offset) / temperature;
            truth[c] = SolutionPool.dot(pool[c], trueTheta, offset) / temperature;
        }
        double logNorm = logSumExp(predicted);
        double truthNorm = logSumExp(truth);
        double q = 0;
        double[] qs = new double[m];
        for (int c = 0; c < m; c++) {
            qs[c] = Math.max(Math.exp(truth[c] - truthNorm), CLAMP);
            q += qs[c];
        }
        for (int i = 0; i < n; i++) {
            grad[offset + i] = 0;
        }
        double loss = 0;
        for (int c = 0; c < m; c++) {
            double logP = predicted[c] - logNorm;
            loss -= qs[c] * logP;
            double dScore = (Math.exp(logP) * q - qs[c]) / temperature;
            for (int i = 0; i < n; i++) {
                grad[offset + i] += dScore * pool[c][i];
            }
        }
        return loss;
    }

    private static double logSumExp(double[] v) {
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            max = Math.max(max, x);
        }
        double s = 0;
        for (double x : v) {
            s += Math.exp(x - max);
        }
        return max + Math.log(s);
    }

    /** Builds a {@link ListwiseRankLoss}. */
    public static final class Builder extends PoolLoss.Builder<Builder, ListwiseRankLoss> {
        /** tau, the softmax temperature of both rankings (PyEPO: 1). */
        public static final Setting<Double> TEMPERATURE = Setting.real("temperature", 1.0,
                "tau > 0, the softmax temperature of the true and predicted rankings (PyEPO: 1)");

        private double temperature = TEMPERATURE.defaultValue();

        private Builder(MapOracle oracle) {
            super(oracle);
        }

        /** tau ({@link #TEMPERATURE}). */
        public Builder temperature(double temperature) {
            this.temperature = temperature;
            return this;
        }

        @Override
        protected ListwiseRankLoss make() {
            return new ListwiseRankLoss(this);
        }
    }
}
