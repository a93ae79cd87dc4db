package org.imle.examples.preset;

import java.util.Map;
import java.util.function.Supplier;
import org.imle.api.MapOracle;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.registry.Oracles;

/**
 * The oracles of the experiments, for the executor that solves them: an experiment makes its oracle
 * by hand (the concrete class, with everything it offers, such as exact marginals), unless the
 * executor ships solves to other JVMs ({@link SolveExecutor#shipsSolves()}, {@code --executor
 * spark}); then the same oracle comes from the registry, by the name and parameters that make it,
 * so that it carries the spec those JVMs rebuild it from.
 */
public final class ExperimentOracles {

    private ExperimentOracles() {
    }

    /** The registry, built on first use. */
    private static final class Registry {
        static final Oracles ORACLES = Oracles.discover();
    }

    /**
     * {@code byHand} for an in-process executor, otherwise the registry's {@code name} with
     * {@code parameters}, which must make the same oracle.
     */
    public static MapOracle of(SolveExecutor executor, Supplier<? extends MapOracle> byHand, String name,
            Map<String, ?> parameters) {
        return executor.shipsSolves() ? Registry.ORACLES.create(name, parameters) : byHand.get();
    }
}
