package org.imle.api.loss;

import org.imle.api.MapOracle;
import org.imle.api.StructuredLoss;
import org.imle.api.check.Checks;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.execution.ThetaRows;
import org.imle.api.registry.EstimatorBuilder;
import org.imle.api.registry.Setting;

/**
 * The perturbation-gradient losses (Gupta and Huang, "Decision-focused learning with directional
 * gradients", NeurIPS 2024; PyEPO's {@code PG}): a finite difference of the optimal value
 * {@code V(theta) = max_z <theta, z>} in the direction of the true objective, which approximates
 * minus the true value of the decision {@code <theta*, MAP(theta)>} and has a useful gradient where
 * the decision itself is piecewise constant. With width sigma, in the maximisation convention
 * ({@code theta = -c}; PyEPO's formulas with the sign flipped, which gives the same loss):
 * <pre>{@code
 *   backward: PG(theta) = (V(theta - sigma theta*) - V(theta)) / sigma,
 *             dPG/dtheta = (MAP(theta - sigma theta*) - MAP(theta)) / sigma
 *   central:  PG(theta) = (V(theta - sigma theta*) - V(theta + sigma theta*)) / (2 sigma),
 *             dPG/dtheta = (MAP(theta - sigma theta*) - MAP(theta + sigma theta*)) / (2 sigma)
 * }</pre>
 * (Danskin: the gradient of V at x is MAP(x)). Two solves per row, on the executor; the structures
 * returned are {@code MAP(theta)} (backward) or {@code MAP(theta + sigma theta*)} (central).
 * Supervised by the true objective, not by optimal solutions.
 *
 * <p>Defaults: sigma = 0.1, backward differences (PyEPO's). Stateless and thread-safe.
 */
public final class PerturbationGradientLoss implements StructuredLoss {

    private final MapOracle oracle;
    private final SolveExecutor executor;
    private final double sigma;
    private final boolean central;

    private PerturbationGradientLoss(Builder b) {
        this.oracle = b.oracle;
        this.executor = b.executor();
        this.sigma = Checks.positive("sigma", b.sigma);
        this.central = b.central;
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
        return "pg";
    }

    @Override
    public String supervisionName() {
        return "trueTheta";
    }

    @Override
    public Evaluation evaluate(double[] theta, double[] trueTheta, int batchSize, long step, double[] gradTheta) {
        int n = dimension();
        LossArguments.check(this, theta, trueTheta, batchSize, gradTheta);
        double[] minus = new double[batchSize * n];
        double[] other = new double[batchSize * n];
        double otherStep = central ? sigma : 0;
        for (int i = 0; i < minus.length; i++) {
            minus[i] = theta[i] - sigma * trueTheta[i];
            other[i] = theta[i] + otherStep * trueTheta[i];
        }
        // one request of 2 B rows: [0, B) theta - sigma c, [B, 2 B) the other side
        double[] solved = new double[2 * batchSize * n];
        executor.solve(oracle, 2 * batchSize, (r, target, off) ->
                System.arraycopy(r < batchSize ? minus : other, (r % batchSize) * n, target, off, n), solved);
        double[] zMinus = java.util.Arrays.copyOf(solved, batchSize * n);
        double[] zOther = java.util.Arrays.copyOfRange(solved, batchSize * n, 2 * batchSize * n);
        double width = central ? 2 * sigma : sigma;
        double[] values = new double[batchSize];
        for (int row = 0; row < batchSize; row++) {
            double v = 0;
            for (int i = row * n; i < (row + 1) * n; i++) {
                v += minus[i] * zMinus[i] - other[i] * zOther[i];
                gradTheta[i] = (zMinus[i] - zOther[i]) / width;
            }
            values[row] = v / width;
        }
        return new Evaluation(values, zOther, 1);
    }

    /** Builds a {@link PerturbationGradientLoss}. */
    public static final class Builder extends EstimatorBuilder<Builder, PerturbationGradientLoss> {
        /** sigma, the finite-difference width (PyEPO: 0.1). */
        public static final Setting<Double> SIGMA = Setting.real("sigma", 0.1,
                "sigma > 0, the finite-difference width along the true objective (PyEPO: 0.1)");
        /** Central instead of backward differences (PyEPO's {@code two_sides}). */
        public static final Setting<Boolean> CENTRAL = Setting.bool("central", false,
                "true: central differences (PGC), false: backward differences (PGB), PyEPO's two_sides");

        private final MapOracle oracle;
        private double sigma = SIGMA.defaultValue();
        private boolean central = CENTRAL.defaultValue();

        private Builder(MapOracle oracle) {
            if (oracle == null) {
                throw new IllegalArgumentException("oracle must not be null");
            }
            this.oracle = oracle;
        }

        /** sigma ({@link #SIGMA}). */
        public Builder sigma(double sigma) {
            this.sigma = sigma;
            return this;
        }

        /** Central differences ({@link #CENTRAL}). */
        public Builder central(boolean central) {
            this.central = central;
            return this;
        }

        @Override
        protected PerturbationGradientLoss make() {
            return new PerturbationGradientLoss(this);
        }
    }
}
