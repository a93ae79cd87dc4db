package org.imle.examples.cli;

import java.util.List;
import org.imle.api.MapOracle;
import org.imle.api.exact.EnumeratedOracle;
import org.imle.api.exact.StructureSet;
import org.imle.api.registry.OracleFactory;
import org.imle.api.registry.OraclePlugin;
import org.imle.api.registry.ParameterSpec;
import org.imle.api.registry.Parameters;

/**
 * A third-party-style plug-in that exists only on the test class path: the CLI must find it
 * through {@link java.util.ServiceLoader} with no change to its code. Its names start with
 * {@code test-} so that they never clash with the real oracles.
 */
public final class TestOraclesPlugin extends OraclePlugin {

    static final String K_SUBSET = "test-k-subset";
    static final String FAILING = "test-failing";

    @Override
    protected void registerOracles() {
        register(new OracleFactory() {
            @Override
            public String name() {
                return K_SUBSET;
            }

            @Override
            public String description() {
                return "k-subsets of n items by enumeration (lowest indices win ties); z is k-hot";
            }

            @Override
            public List<ParameterSpec> parameters() {
                return List.of(ParameterSpec.required("n", "int", "number of items"),
                        ParameterSpec.optional("k", "int", "1", "items picked"));
            }

            @Override
            public MapOracle create(Parameters p) {
                int n = p.getInt("n");
                int k = p.getInt("k", 1);
                if (n < 1 || n > 12) {
                    throw new IllegalArgumentException("oracle 'test-k-subset' parameter 'n' must be in 1..12, got " + n);
                }
                if (k < 1 || k > n) {
                    throw new IllegalArgumentException("oracle 'test-k-subset' parameter 'k' must be in 1.." + n + ", got " + k);
                }
                return new EnumeratedOracle(StructureSet.kSubsets(n, k));
            }
        });
        register(new OracleFactory() {
            @Override
            public String name() {
                return FAILING;
            }

            @Override
            public String description() {
                return "a solver that always times out, to test per-line solver failures";
            }

            @Override
            public List<ParameterSpec> parameters() {
                return List.of(ParameterSpec.required("n", "int", "dimension"));
            }

            @Override
            public MapOracle create(Parameters p) {
                int n = p.getInt("n");
                return new MapOracle() {
                    @Override
                    public int dimension() {
                        return n;
                    }

                    @Override
                    public void solve(double[] theta, double[] z) {
                        throw new IllegalStateException("solver timed out after 0.0 s");
                    }
                };
            }
        });
    }
}
