package org.imle.thirdparty;

import java.util.List;
import org.imle.api.AbstractMapOracle;
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
     * selected entry or adds the strongest unselected one, whichever loses less. O(n). Written
     * as the README tells a third party to: the base checks the arguments, so this class only
     * solves, on the row at an offset.
     */
    public static final class ParityOracle extends AbstractMapOracle {

        private final int n;

        public ParityOracle(int n) {
            super(Checks.atLeast("n", n, 1));
            this.n = n;
        }

        @Override
        protected void solveUnchecked(double[] theta, int off, double[] z, int zOff) {
            // the row is theta[off .. off + n), its structure z[zOff .. zOff + n)
            int ones = 0;
            int weakestIn = -1;
            int strongestOut = -1;
            for (int i = 0; i < n; i++) {
                if (theta[off + i] > 0) {
                    z[zOff + i] = 1.0;
                    ones++;
                    if (weakestIn < 0 || theta[off + i] < theta[off + weakestIn]) {
                        weakestIn = i;
                    }
                } else {
                    z[zOff + i] = 0.0;
                    if (strongestOut < 0 || theta[off + i] > theta[off + strongestOut]) {
                        strongestOut = i;
                    }
                }
            }
            if (ones % 2 == 1) {
                if (strongestOut >= 0 && -theta[off + strongestOut] < theta[off + weakestIn]) {
                    z[zOff + strongestOut] = 1.0;
                } else {
                    z[zOff + weakestIn] = 0.0;
                }
            }
        }
    }
}
