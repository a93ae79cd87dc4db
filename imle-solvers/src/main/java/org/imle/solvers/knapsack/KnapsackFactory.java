package org.imle.solvers.knapsack;

import java.util.List;
import org.imle.api.MapOracle;
import org.imle.api.registry.OracleFactory;
import org.imle.api.registry.ParameterSpec;
import org.imle.api.registry.Parameters;

/** Registers {@link KnapsackOracle} as {@code knapsack {weights, capacity}}. */
public final class KnapsackFactory implements OracleFactory {

    @Override
    public String name() {
        return "knapsack";
    }

    @Override
    public String description() {
        return "0/1 knapsack with fixed integer weights: theta[i] is item i's value, z[i] = 1 when it is packed; "
                + "items with theta <= 0 are never packed";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.required("weights", "int[]", "non-negative integer weight of each item"),
                ParameterSpec.required("capacity", "int", "non-negative integer capacity"),
                ParameterSpec.optional("backend", "string", "auto",
                        "auto | dp (exact table on doubles) | or-tools (branch and bound on scaled profits)"),
                ParameterSpec.optional("timeLimitSeconds", "double", "10.0",
                        "time limit of an OR-Tools solve; beyond it a solve fails with a time-out"));
    }

    @Override
    public MapOracle create(Parameters p) {
        double[] raw = p.getDoubleArray("weights");
        long[] weights = new long[raw.length];
        for (int i = 0; i < raw.length; i++) {
            if (raw[i] != Math.rint(raw[i]) || Math.abs(raw[i]) > 0x1p53) {
                throw new IllegalArgumentException("oracle 'knapsack' parameter 'weights' entry " + i
                        + " must be an integer, got " + raw[i]);
            }
            weights[i] = (long) raw[i];
        }
        double capacity = p.getDouble("capacity");
        if (capacity != Math.rint(capacity) || Math.abs(capacity) > 0x1p53) {
            throw new IllegalArgumentException("oracle 'knapsack' parameter 'capacity' must be an integer, got "
                    + capacity);
        }
        String backend = p.getString("backend", "auto");
        KnapsackOracle.Backend chosen = switch (backend) {
            case "auto" -> KnapsackOracle.Backend.AUTO;
            case "dp" -> KnapsackOracle.Backend.DYNAMIC_PROGRAMMING;
            case "or-tools" -> KnapsackOracle.Backend.OR_TOOLS;
            default -> throw new IllegalArgumentException("oracle 'knapsack' parameter 'backend' must be "
                    + "auto, dp or or-tools, got '" + backend + "'");
        };
        return KnapsackOracle.of(weights, (long) capacity, chosen, p.getDouble("timeLimitSeconds", 10.0));
    }
}
