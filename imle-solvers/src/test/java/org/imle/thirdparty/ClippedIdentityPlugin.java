package org.imle.thirdparty;

import java.util.List;
import org.imle.api.EstimatorPass;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.check.Checks;
import org.imle.api.estimator.AbstractPass;
import org.imle.api.registry.EstimatorBuilder;
import org.imle.api.registry.EstimatorFactory;
import org.imle.api.registry.EstimatorPlugin;
import org.imle.api.registry.Setting;

/**
 * An estimator plug-in as a third party would write it, outside the library's packages and known
 * to it only through {@code META-INF/services/org.imle.api.registry.EstimatorPlugin} on the test
 * class path. Its estimator {@code clipped-identity} samples z = MAP(theta) and passes the upstream
 * gradient back clipped to [-clip, clip] per coordinate.
 */
public final class ClippedIdentityPlugin extends EstimatorPlugin {

    /** The clip bound, declared once: the builder's default and the registry's listing. */
    public static final Setting<Double> CLIP = Setting.real("clip", 1.0, "bound of |dL/dtheta_i| (> 0)");

    @Override
    protected void registerEstimators() {
        register(EstimatorFactory.estimator("clipped-identity", "z = MAP(theta), grad = clip(dLdz, -clip, clip)",
                Builder::new, List.<Setting.Bound<? super Builder>>of(CLIP.on(Builder::clip))));
    }

    /** Builds a {@link ClippedIdentity}. */
    public static final class Builder extends EstimatorBuilder<Builder, ClippedIdentity> {
        private final MapOracle oracle;
        private double clip = CLIP.defaultValue();

        public Builder(MapOracle oracle) {
            this.oracle = oracle;
        }

        public Builder clip(double clip) {
            this.clip = clip;
            return this;
        }

        @Override
        protected ClippedIdentity make() {
            return new ClippedIdentity(oracle, Checks.positive("clip", clip));
        }
    }

    /** The estimator: one MAP solve per row forward, a clipped identity backward. */
    public static final class ClippedIdentity implements GradientEstimator {
        private final MapOracle oracle;
        private final double clip;

        ClippedIdentity(MapOracle oracle, double clip) {
            this.oracle = oracle;
            this.clip = clip;
        }

        public double clip() {
            return clip;
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
            return "clipped-identity";
        }

        @Override
        public EstimatorPass forward(double[] theta, int batchSize, long step) {
            int n = dimension();
            double[] z = new double[batchSize * n];
            for (int b = 0; b < batchSize; b++) {
                oracle.solve(theta, b * n, z, b * n);
            }
            return new AbstractPass(batchSize, 1, n, z) {
                @Override
                public void backward(double[] dLdz, double[] gradTheta) {
                    checkBackward(dLdz, gradTheta);
                    for (int i = 0; i < dLdz.length; i++) {
                        gradTheta[i] = Math.max(-clip, Math.min(clip, dLdz[i]));
                    }
                }
            };
        }
    }
}
