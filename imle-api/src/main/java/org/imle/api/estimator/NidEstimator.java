package org.imle.api.estimator;

import org.imle.api.EstimatorPass;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.check.Checks;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.registry.EstimatorBuilder;

/**
 * The negative identity (Sahoo, Paulus, Vlastelica, Musil, Kuleshov, Martius, "Backpropagation
 * through combinatorial algorithms: identity with projection works", ICLR 2023; PyEPO's {@code NID}):
 * the forward pass is plain {@code z = MAP(theta)} and the backward pass replaces the solver's
 * Jacobian by an identity. The paper and PyEPO minimise costs c, where the useful direction is
 * {@code dL/dc = -dL/dz}, hence "negative". Here oracles maximise and costs enter as
 * {@code theta = -c}, so the same update is {@code dL/dtheta = -dL/dc = +dL/dz}: in this convention
 * NID is the identity backward (which is also what {@link StraightThroughEstimator} does at zero
 * noise), with no solve in the backward pass.
 *
 * <p>B solves per forward pass, on the executor. Stateless and thread-safe.
 */
public final class NidEstimator implements GradientEstimator {

    private final MapOracle oracle;
    private final SolveExecutor executor;

    private NidEstimator(Builder b) {
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
    public int samples() {
        return 1;
    }

    @Override
    public String name() {
        return "nid";
    }

    @Override
    public EstimatorPass forward(double[] theta, int batchSize, long step) {
        int n = dimension();
        Checks.atLeast("batch size", batchSize, 1);
        Checks.length("theta", theta, batchSize * n);
        Checks.finiteRows("theta", theta, n);
        double[] z = new double[batchSize * n];
        executor.run(batchSize, row -> oracle.solve(theta, row * n, z, row * n));
        return new AbstractPass(batchSize, 1, n, z) {
            @Override
            public void backward(double[] dLdz, double[] gradTheta) {
                checkBackward(dLdz, gradTheta);
                System.arraycopy(dLdz, 0, gradTheta, 0, dLdz.length);
            }
        };
    }

    /** Builds a {@link NidEstimator}; it has no settings beyond the executor. */
    public static final class Builder extends EstimatorBuilder<Builder, NidEstimator> {
        private final MapOracle oracle;

        private Builder(MapOracle oracle) {
            if (oracle == null) {
                throw new IllegalArgumentException("oracle must not be null");
            }
            this.oracle = oracle;
        }

        @Override
        protected NidEstimator make() {
            return new NidEstimator(this);
        }
    }
}
