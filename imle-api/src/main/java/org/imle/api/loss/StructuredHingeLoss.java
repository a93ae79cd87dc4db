package org.imle.api.loss;

import org.imle.api.MapOracle;
import org.imle.api.StructuredLoss;
import org.imle.api.check.Checks;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.execution.ThetaRows;
import org.imle.api.registry.EstimatorBuilder;
import org.imle.api.registry.Setting;

/**
 * The structured SVM (hinge) loss with a Hamming margin (Tsochantaridis et al. 2005; InferOpt.jl's
 * {@code StructuredSVMLoss}), which needs nothing but the MAP oracle. For binary structures the
 * Hamming distance is linear in z, {@code Delta(z, z*) = sum_i z_i (1 - 2 z*_i) + sum_i z*_i}, so
 * loss-augmented inference is plain MAP at shifted weights:
 * <pre>{@code
 *   z^   = MAP(theta + alpha (1 - 2 z*))
 *   L    = <theta, z^> + alpha Delta(z^, z*) - <theta, z*>   (>= 0, zero when z* wins by the margin)
 *   dL/dtheta = z^ - z*
 * }</pre>
 * alpha scales the margin (1: the Hamming distance itself). For non-binary z the loss uses the
 * linear Delta above, which is what the shifted MAP maximises. One solve per row, on the executor;
 * the structures returned are z^.
 *
 * <p>Defaults: alpha = 1. Stateless and thread-safe.
 */
public final class StructuredHingeLoss implements StructuredLoss {

    private final MapOracle oracle;
    private final SolveExecutor executor;
    private final double alpha;

    private StructuredHingeLoss(Builder b) {
        this.oracle = b.oracle;
        this.executor = b.executor();
        this.alpha = Checks.nonNegative("margin scale", b.alpha);
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
        return "ssvm";
    }

    @Override
    public String supervisionName() {
        return "target";
    }

    @Override
    public Evaluation evaluate(double[] theta, double[] target, int batchSize, long step, double[] gradTheta) {
        int n = dimension();
        LossArguments.check(this, theta, target, batchSize, gradTheta);
        double[] augmented = new double[batchSize * n];
        for (int i = 0; i < augmented.length; i++) {
            augmented[i] = theta[i] + alpha * (1 - 2 * target[i]);
        }
        double[] zHat = new double[batchSize * n];
        executor.solve(oracle, batchSize, ThetaRows.stored(augmented, n), zHat);
        double[] values = new double[batchSize];
        for (int row = 0; row < batchSize; row++) {
            double v = 0;
            for (int i = row * n; i < (row + 1) * n; i++) {
                v += theta[i] * (zHat[i] - target[i]) + alpha * (zHat[i] * (1 - 2 * target[i]) + target[i]);
                gradTheta[i] = zHat[i] - target[i];
            }
            values[row] = v;
        }
        return new Evaluation(values, zHat, 1);
    }

    /** Builds a {@link StructuredHingeLoss}. */
    public static final class Builder extends EstimatorBuilder<Builder, StructuredHingeLoss> {
        /** alpha, the scale of the Hamming margin. */
        public static final Setting<Double> MARGIN = Setting.real("margin", 1.0,
                "alpha >= 0, the scale of the Hamming margin: z^ = MAP(theta + alpha (1 - 2 target))");

        private final MapOracle oracle;
        private double alpha = MARGIN.defaultValue();

        private Builder(MapOracle oracle) {
            if (oracle == null) {
                throw new IllegalArgumentException("oracle must not be null");
            }
            this.oracle = oracle;
        }

        /** alpha ({@link #MARGIN}). */
        public Builder margin(double alpha) {
            this.alpha = alpha;
            return this;
        }

        @Override
        protected StructuredHingeLoss make() {
            return new StructuredHingeLoss(this);
        }
    }
}
