package org.imle.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.registry.Oracles;
import org.junit.jupiter.api.Test;

/**
 * The extension point of {@code imle gradient}: an estimator added as one entry gets its fields,
 * the supervision and the oracle, and its loss reaches the response.
 */
class EstimatorFactoryTest {

    /** A supervised test estimator: z = MAP(theta), grad = scale * (z - target), loss = |z - target|_1. */
    private static EstimatorFactory withSupervisedEstimator() {
        EstimatorFactory factory = new EstimatorFactory();
        factory.register("test-supervised", (fields, oracle, seed, executor) -> {
            double scale = fields.number("scale", 1.0);
            return batch -> {
                batch.rejectSupervision("test-supervised", true, false);
                if (batch.target() == null) {
                    throw new IllegalArgumentException("estimator 'test-supervised' needs 'target'");
                }
                int n = batch.dimension();
                double[] z = new double[batch.rows() * n];
                double[] grad = new double[z.length];
                double[] loss = new double[batch.rows()];
                for (int r = 0; r < batch.rows(); r++) {
                    oracle.solve(batch.theta(), r * n, z, r * n);
                    for (int i = 0; i < n; i++) {
                        double d = z[r * n + i] - batch.target()[r * n + i];
                        grad[r * n + i] = scale * d;
                        loss[r] += Math.abs(d);
                    }
                }
                return new EstimatorFactory.Result(z, grad, loss);
            };
        });
        return factory;
    }

    private static List<String> answer(EstimatorFactory factory, String requests) throws Exception {
        GradientStream stream = new GradientStream(Oracles.discover(), factory, SolveExecutor.sequential());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        stream.run(new ByteArrayInputStream(requests.getBytes(StandardCharsets.UTF_8)), out, 1 << 20);
        return out.toString(StandardCharsets.UTF_8).lines().toList();
    }

    @Test
    void anAddedEstimatorGetsItsFieldsAndSupervisionAndReturnsALoss() throws Exception {
        EstimatorFactory factory = withSupervisedEstimator();
        assertEquals(List.of("imle", "aimle", "blackbox", "perturbed", "fenchel-young", "straight-through",
                "score-function", "spo+", "test-supervised"), factory.names());
        String base = "{\"oracle\":\"test-k-subset\",\"params\":{\"n\":3,\"k\":1},\"theta\":[[1,3,2],[5,0,0]],";
        List<String> out = answer(factory,
                base + "\"target\":[[0,0,1],[1,0,0]],\"estimator\":{\"name\":\"test-supervised\",\"scale\":0.5}}\n"
                + base + "\"estimator\":{\"name\":\"test-supervised\"}}\n"
                + base + "\"target\":[[0,0,1],[1,0,0]],\"estimator\":{\"name\":\"test-supervised\",\"scael\":2}}\n"
                + base + "\"trueTheta\":[[0,0,1],[1,0,0]],\"estimator\":{\"name\":\"test-supervised\"}}\n");
        assertEquals(List.of(
                "{\"z\":[[0,1,0],[1,0,0]],\"grad\":[[0,0.5,-0.5],[0,0,0]],\"loss\":[2,0]}",
                "{\"error\":\"line 2: estimator 'test-supervised' needs 'target'\"}",
                "{\"error\":\"line 3: estimator 'test-supervised' has no field 'scael'; known fields: name, scale\"}",
                "{\"error\":\"line 4: estimator 'test-supervised' does not use 'trueTheta'\"}"), out);
    }

    @Test
    void aNameCannotBeRegisteredTwice() {
        EstimatorFactory factory = new EstimatorFactory();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> factory.register("imle", (f, o, s, x) -> null));
        assertEquals("estimator 'imle' is already registered", e.getMessage());
    }
}
