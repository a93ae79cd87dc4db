package org.imle.api.estimator;

import org.imle.api.EstimatorPass;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.registry.EstimatorBuilder;
import org.imle.api.registry.Setting;

/**
 * Differentiation of blackbox combinatorial solvers (DBB; Vlastelica, Paulus, Musil, Martius,
 * Rolinek, ICLR 2020): the gradient of a piecewise-linear interpolation of {@code L(MAP(theta))}.
 *
 * <p>Signs, derived for our maximisation convention. The paper's solver minimises a cost w,
 * {@code y(w) = argmin <y, w>}, and its backward pass is {@code w' = w + lambda dL/dy},
 * {@code dL/dw = -(y(w) - y(w')) / lambda}. With {@code theta = -w}, {@code MAP(theta) = y(w)},
 * {@code theta' = -w' = theta - lambda dL/dz}, and {@code dL/dtheta = -dL/dw}, so
 * <pre>
 *   z = MAP(theta),   dL/dtheta = ( MAP(theta) - MAP(theta - lambda dL/dz) ) / lambda
 * </pre>
 * which is I-MLE with alpha = 1, no noise and {@link Scaling#DIVIDE_BY_LAMBDA}; this class is that
 * configuration of {@link ImleEstimator} under its own name, with one sample per row (noise-free
 * samples would all be equal). Default lambda = 10 (the paper uses 5 to 20); stateless and thread-safe.
 */
public final class BlackboxEstimator implements GradientEstimator {

    private final ImleEstimator imle;

    private BlackboxEstimator(ImleEstimator imle) {
        this.imle = imle;
    }

    /** Starts a builder around any oracle. */
    public static Builder builder(MapOracle oracle) {
        return new Builder(oracle);
    }

    @Override
    public int dimension() {
        return imle.dimension();
    }

    @Override
    public int samples() {
        return 1;
    }

    @Override
    public String name() {
        return "blackbox";
    }

    public double lambda() {
        return imle.target().lambda();
    }

    @Override
    public EstimatorPass forward(double[] theta, int batchSize, long step) {
        return imle.forward(theta, batchSize, step);
    }

    /** Builds a {@link BlackboxEstimator}; lambda is validated at {@link #build()}. */
    public static final class Builder extends EstimatorBuilder<Builder, BlackboxEstimator> {

        public static final Setting<Double> LAMBDA = Setting.real("lambda", 10.0,
                "the interpolation step (> 0): grad = (MAP(theta) - MAP(theta - lambda dLdz)) / lambda");

        private final MapOracle oracle;
        private double lambda = LAMBDA.defaultValue();

        private Builder(MapOracle oracle) {
            if (oracle == null) {
                throw new IllegalArgumentException("oracle must not be null");
            }
            this.oracle = oracle;
        }

        /** The interpolation step lambda > 0 ({@link #LAMBDA}). */
        public Builder lambda(double lambda) {
            this.lambda = lambda;
            return this;
        }

        @Override
        protected BlackboxEstimator make() {
            return new BlackboxEstimator(ImleEstimator.builder(oracle).alpha(1.0).lambda(lambda)
                    .scaling(Scaling.DIVIDE_BY_LAMBDA).seed(seed()).executor(executor()).build());
        }
    }
}
