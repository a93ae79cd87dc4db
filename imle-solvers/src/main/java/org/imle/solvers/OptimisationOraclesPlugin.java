package org.imle.solvers;

import org.imle.api.registry.OraclePlugin;
import org.imle.solvers.ilp.IlpFactory;
import org.imle.solvers.knapsack.KnapsackFactory;
import org.imle.solvers.matching.AssignmentFactory;
import org.imle.solvers.matching.GeneralMatchingFactory;

/**
 * Registers the optimisation-based oracles: {@code assignment}, {@code matching},
 * {@code knapsack} and {@code ilp}. Listed in {@code META-INF/services/org.imle.api.registry.OraclePlugin},
 * so {@link org.imle.api.registry.Oracles#discover()} finds it.
 */
public final class OptimisationOraclesPlugin extends OraclePlugin {

    @Override
    protected void registerOracles() {
        register(new AssignmentFactory());
        register(new GeneralMatchingFactory());
        register(new KnapsackFactory());
        register(new IlpFactory());
    }
}
