package org.imle.api.loss;

import org.imle.api.MapOracle;
import org.imle.api.StructuredLoss;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.registry.EstimatorBuilder;

/**
 * The SPO+ loss (Elmachtoub and Grigas, "Smart Predict, then Optimize", Management Science 2022) for
 * problems whose true objective is known at training time, translated to the maximisation convention.
 *
 * <p>The paper minimises costs: with predicted cost c^, true cost c and {@code w*(c) = argmin <c, w>},
 * {@code SPO+(c^, c) = max_w <c - 2 c^, w> + 2 <c^, w*(c)> - <c, w*(c)>}, with subgradient
 * {@code 2 (w*(c) - w*(2 c^ - c))}. Our oracles maximise, and costs enter as {@code theta = -c}: with
 * predicted theta, true theta* and {@code w* = MAP(theta*)}, {@code w' = MAP(2 theta - theta*)},
 * <pre>{@code
 *   SPO+(theta, theta*) = <w', 2 theta - theta*> - 2 <theta, w*> + <theta*, w*>
 *   dSPO+/dtheta        = 2 (w' - w*)
 * }</pre>
 * (the cost-space subgradient with its sign flipped, since {@code theta = -c^}). The loss is convex in
 * theta, non-negative, zero at {@code theta = theta*}, and bounds the regret
 * {@code <theta*, w*> - <theta*, MAP(theta)>} from above. 3B solves per batch, run on the executor:
 * the two above and the decision {@code MAP(theta)} returned as the evaluation's structures.
 *
 * <p>Defaults: all cores. Stateless and thread-safe.
 */
public final class SpoPlusLoss implements StructuredLoss {

    private final MapOracle oracle;
    private final SolveExecutor executor;

    private SpoPlusLoss(Builder b) {
        this.oracle = b.oracle;
        this.executor = b.executor();
    }

    /** Starts a builder around any oracle. */
    public static Builder builder(MapOracle oracle) {
        return new Builder(oracle);
    }

    @Override
    public int dimension() {
        return oracle.dimension();
    }

    @Override
    public String name() {
        return "spo+";
    }

    @Override
    public String supervisionName() {
        return "trueTheta";
    }

    @Override
    public Evaluation evaluate(double[] theta, double[] trueTheta, int batchSize, long step, double[] gradTheta) {
        int n = dimension();
        LossArguments.check(this, theta, trueTheta, batchSize, gradTheta);
        double[] shifted = new double[batchSize * n];
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] = 2 * theta[i] - trueTheta[i];
        }
        // one request of 3 B rows: [0, B) the true costs, [B, 2 B) the shifted ones, [2 B, 3 B) theta
        double[] solved = new double[3 * batchSize * n];
        executor.solve(oracle, 3 * batchSize, (r, target, off) -> {
            double[] source = r < batchSize ? trueTheta : r < 2 * batchSize ? shifted : theta;
            System.arraycopy(source, (r % batchSize) * n, target, off, n);
        }, solved);
        double[] best = solved;
        double[] worst = java.util.Arrays.copyOfRange(solved, batchSize * n, 2 * batchSize * n);
        double[] decision = java.util.Arrays.copyOfRange(solved, 2 * batchSize * n, 3 * batchSize * n);
        double[] values = new double[batchSize];
        for (int row = 0; row < batchSize; row++) {
            double v = 0;
            for (int i = row * n; i < (row + 1) * n; i++) {
                v += worst[i] * shifted[i] - 2 * theta[i] * best[i] + trueTheta[i] * best[i];
                gradTheta[i] = 2 * (worst[i] - best[i]);
            }
            values[row] = v;
        }
        return new Evaluation(values, decision, 1);
    }

    /** Builds a {@link SpoPlusLoss}; it has no settings beyond the executor. */
    public static final class Builder extends EstimatorBuilder<Builder, SpoPlusLoss> {
        private final MapOracle oracle;

        private Builder(MapOracle oracle) {
            if (oracle == null) {
                throw new IllegalArgumentException("oracle must not be null");
            }
            this.oracle = oracle;
        }

        @Override
        protected SpoPlusLoss make() {
            return new SpoPlusLoss(this);
        }
    }
}
