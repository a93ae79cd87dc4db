package org.imle.examples.cli;

import java.util.List;
import org.imle.api.MapOracle;
import org.imle.api.StructuredLoss;
import org.imle.api.registry.EstimatorBuilder;
import org.imle.api.registry.EstimatorFactory;
import org.imle.api.registry.EstimatorPlugin;
import org.imle.api.registry.Setting;

/**
 * A third-party-style estimator plug-in that exists only on the test class path: {@code imle
 * estimators} must list it and {@code imle gradient} must use it, found through
 * {@link java.util.ServiceLoader} with no change to the command line's code. Its one method,
 * {@code test-supervised}, is a structured loss: z = MAP(theta), grad = scale * (z - target),
 * loss = |z - target|_1 per row.
 */
public final class TestEstimatorsPlugin extends EstimatorPlugin {

    static final String SUPERVISED = "test-supervised";
    static final Setting<Double> SCALE = Setting.real("scale", 1.0, "factor of the gradient");

    @Override
    protected void registerEstimators() {
        register(EstimatorFactory.loss(SUPERVISED, "target", "z = MAP(theta), grad = scale (z - target)",
                Builder::new, List.<Setting.Bound<? super Builder>>of(SCALE.on(Builder::scale))));
    }

    static final class Builder extends EstimatorBuilder<Builder, StructuredLoss> {
        private final MapOracle oracle;
        private double scale = SCALE.defaultValue();

        Builder(MapOracle oracle) {
            this.oracle = oracle;
        }

        Builder scale(double scale) {
            this.scale = scale;
            return this;
        }

        @Override
        protected StructuredLoss make() {
            double c = scale;
            return new StructuredLoss() {
                @Override
                public int dimension() {
                    return oracle.dimension();
                }

                @Override
                public String name() {
                    return SUPERVISED;
                }

                @Override
                public String supervisionName() {
                    return "target";
                }

                @Override
                public Evaluation evaluate(double[] theta, double[] target, int batchSize, long step, double[] grad) {
                    int n = dimension();
                    double[] z = new double[batchSize * n];
                    double[] loss = new double[batchSize];
                    for (int r = 0; r < batchSize; r++) {
                        oracle.solve(theta, r * n, z, r * n);
                        for (int i = r * n; i < (r + 1) * n; i++) {
                            grad[i] = c * (z[i] - target[i]);
                            loss[r] += Math.abs(z[i] - target[i]);
                        }
                    }
                    return new Evaluation(loss, z, 1);
                }
            };
        }
    }
}
