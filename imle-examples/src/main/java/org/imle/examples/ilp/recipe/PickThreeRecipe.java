package org.imle.examples.ilp.recipe;

import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.imle.api.MapOracle;
import org.imle.api.estimator.Estimators;
import org.imle.api.registry.OracleFactory;
import org.imle.api.registry.OraclePlugin;
import org.imle.api.registry.Oracles;
import org.imle.noise.GumbelNoise;
import org.imle.solvers.ilp.IlpOracle;
import org.imle.train.nn.Linear;
import org.imle.train.node.DiscreteNode;
import org.imle.train.optim.Adam;
import org.imle.train.tensor.Tensor;

/**
 * The README's recipe "Your own integer program as a layer", runnable: an integer programme written
 * with OR-Tools CP-SAT (choose at most 3 of 6 items, never items 0 and 1 together) becomes a
 * {@link MapOracle} through {@link IlpOracle#cpSat}, is registered as the oracle {@code pick-three}
 * by {@link Plugin} (listed in {@code META-INF/services/org.imle.api.registry.OraclePlugin}, so
 * {@code imle oracles} shows it), and a linear layer is trained through it with I-MLE to choose
 * items of high true value.
 *
 * <p>The code between the two recipe marker comments is the README's code block character for
 * character (after removing its indentation); {@code PickThreeRecipeTest} checks that and runs it.
 */
public final class PickThreeRecipe {

    private PickThreeRecipe() {
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

    /** Learns theta = W x + b through the program with I-MLE, to choose items of high true value v. */
    public static Linear train(Tensor x, Tensor v, int steps) {
        MapOracle oracle = Oracles.discover().create("pick-three", Map.of());
        DiscreteNode layer = new DiscreteNode(Estimators.imle(oracle).noise(GumbelNoise.standard()).build());
        Linear net = new Linear(x.dim(1), 6, new SplittableRandom(1));
        Adam adam = new Adam(net.parameters(), 0.05);
        for (int step = 0; step < steps; step++) {
            adam.zeroGrad();
            Tensor z = layer.apply(net.forward(x), step);          // one solve per row of x
            z.mul(v).sum().mul(-1f / x.dim(0)).backward();         // ascend the mean true value <z, v>
            adam.step();
        }
        return net;
    }
    // recipe:end
}
