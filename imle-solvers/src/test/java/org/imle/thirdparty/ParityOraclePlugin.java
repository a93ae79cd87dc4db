package org.imle.thirdparty;

import java.util.List;
import org.imle.api.MapOracle;
import org.imle.api.check.Checks;
import org.imle.api.registry.OracleFactory;
import org.imle.api.registry.OraclePlugin;
import org.imle.api.registry.ParameterSpec;
import org.imle.api.registry.Parameters;

/**
 * A plugin as a third party would write it, outside the library's packages and known to it only
 * through {@code META-INF/services/org.imle.api.registry.OraclePlugin} on the test class path. Its oracle
 * {@code parity} maximises {@code <z, theta>} over the 0/1 vectors with an even number of ones.
 */
public final class ParityOraclePlugin extends OraclePlugin {

    @Override
    protected void registerOracles() {
        register(new OracleFactory() {
            @Override
            public String name() {
                return "parity";
            }

            @Override
            public String description() {
                return "best 0/1 vector with an even number of ones";
            }

            @Override
            public List<ParameterSpec> parameters() {
                return List.of(ParameterSpec.required("n", "int", "length of theta"));
            }

            @Override
            public MapOracle create(Parameters parameters) {
                return new ParityOracle(parameters.getInt("n"));
            }
        });
    }

    /**
     * Selects every positive entry, then, if that is an odd number, either drops the weakest
     * selected entry or adds the strongest unselected one, whichever loses less. O(n).
     */
    public static final class ParityOracle implements MapOracle {

        private final int n;

        public ParityOracle(int n) {
            this.n = Checks.atLeast("n", n, 1);
        }

        @Override
        public int dimension() {
            return n;
        }

        @Override
        public void solve(double[] theta, double[] z) {
            Checks.length("theta", theta, n);
            Checks.length("z", z, n);
            Checks.finite("theta", theta);
            int ones = 0;
            int weakestIn = -1;
            int strongestOut = -1;
            for (int i = 0; i < n; i++) {
                if (theta[i] > 0) {
                    z[i] = 1.0;
                    ones++;
                    if (weakestIn < 0 || theta[i] < theta[weakestIn]) {
                        weakestIn = i;
                    }
                } else {
                    z[i] = 0.0;
                    if (strongestOut < 0 || theta[i] > theta[strongestOut]) {
                        strongestOut = i;
                    }
                }
            }
            if (ones % 2 == 1) {
                if (strongestOut >= 0 && -theta[strongestOut] < theta[weakestIn]) {
                    z[strongestOut] = 1.0;
                } else {
                    z[weakestIn] = 0.0;
                }
            }
        }
    }
}
