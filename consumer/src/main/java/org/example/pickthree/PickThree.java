package org.example.pickthree;

import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import java.util.Map;
import java.util.stream.IntStream;
import org.imle.api.EstimatorPass;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.estimator.Estimators;
import org.imle.api.registry.OracleFactory;
import org.imle.api.registry.OraclePlugin;
import org.imle.api.registry.Oracles;
import org.imle.noise.GumbelNoise;
import org.imle.solvers.ilp.IlpOracle;

/**
 * The README's integer-programme recipe as a user writes it with imle-api, imle-noise and
 * imle-solvers only: the oracle and its plug-in are the recipe's text, and the training loop is
 * the README's plain-array one ("Use it from Maven"), since this project has no imle-train.
 * {@code PickThreeTest} checks both against the README and runs them.
 */
public final class PickThree {

    private PickThree() {
    }

    // recipe:start
    /** My integer program in OR-Tools CP-SAT: at most 3 of 6 items, never items 0 and 1 together. */
    public static MapOracle pickThree() {
        return IlpOracle.cpSat("pick-three", model -> {
            IntVar[] z = IntStream.range(0, 6).mapToObj(i -> model.newBoolVar("z" + i)).toArray(IntVar[]::new);
            model.addLessOrEqual(LinearExpr.sum(z), 3);
            model.addLessOrEqual(LinearExpr.sum(new IntVar[] {z[0], z[1]}), 1);
            return z;
        }, 10.0);
    }
    public static final class Plugin extends OraclePlugin { // in META-INF/services: `imle oracles` lists it
        @Override
        protected void registerOracles() {
            register(OracleFactory.of("pick-three", "at most 3 of 6 items, not 0 and 1 together", p -> pickThree()));
        }
    }
    // recipe:end

    // arrays:start
    /** Learns scores theta, by gradient descent through the program with I-MLE, whose MAP has high value v. */
    public static double[] learn(double[] v, int steps) {
        MapOracle oracle = Oracles.discover().create("pick-three", Map.of());
        GradientEstimator imle = Estimators.imle(oracle).noise(GumbelNoise.standard()).build();
        double[] theta = new double[oracle.dimension()];
        double[] dLdz = new double[theta.length];
        for (int i = 0; i < v.length; i++) {
            dLdz[i] = -v[i];                                   // the loss is -<z, v>
        }
        for (int step = 0; step < steps; step++) {
            EstimatorPass pass = imle.forward(theta, 1, step); // z = MAP(theta + noise), one row
            double[] grad = pass.backward(dLdz);               // dL/dtheta for that row
            for (int i = 0; i < theta.length; i++) {
                theta[i] -= 0.1 * grad[i];
            }
        }
        return theta;
    }
    // arrays:end
}
