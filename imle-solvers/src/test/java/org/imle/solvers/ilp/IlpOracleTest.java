package org.imle.solvers.ilp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPVariable;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.imle.api.testing.ConcurrentSolves;
import org.imle.api.exact.EnumeratedOracle;
import org.imle.api.exact.StructureSet;
import org.imle.solvers.InfeasibleProblemException;
import org.imle.solvers.SolverTimeoutException;
import org.imle.solvers.UnboundedProblemException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class IlpOracleTest {

    private static IlpModel randomBinaryModel(SplittableRandom rnd, int n, String name) {
        IlpModel.Builder b = IlpModel.builder(n).name(name);
        int rows = 1 + rnd.nextInt(3);
        for (int r = 0; r < rows; r++) {
            double[] row = new double[n];
            double positive = 0;
            for (int i = 0; i < n; i++) {
                row[i] = rnd.nextInt(-2, 5);
                positive += Math.max(row[i], 0);
            }
            b.lessOrEqual(row, Math.floor(positive * rnd.nextDouble()));
        }
        if (rnd.nextInt(4) == 0) {
            double[] row = new double[n];
            for (int i = 0; i < n; i++) {
                row[i] = rnd.nextInt(0, 2);
            }
            b.equal(row, rnd.nextInt(0, n / 2 + 1));
        }
        return b.build();
    }

    /** Integer-valued scores with small perturbations on some instances create ties and near-ties. */
    private static double[] randomTheta(SplittableRandom rnd, int n) {
        double[] theta = new double[n];
        int kind = rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            theta[i] = switch (kind) {
                case 0 -> rnd.nextDouble(-1, 1);
                case 1 -> rnd.nextInt(-2, 3);
                default -> rnd.nextInt(-2, 3) + 1e-9 * rnd.nextInt(-3, 4);
            };
        }
        return theta;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static int checkAgainstEnumeration(IlpBackend backend, int instances, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int compared = 0;
        for (int t = 0; t < instances; t++) {
            int n = 1 + rnd.nextInt(7);
            IlpModel model = randomBinaryModel(rnd, n, "random-" + t);
            IlpOracle oracle = IlpOracle.of(model, backend, 10);
            StructureSet set;
            try {
                set = StructureSet.binary(n, z -> model.violation(z, 0) == null);
            } catch (IllegalArgumentException empty) {
                assertThrows(InfeasibleProblemException.class,
                        () -> oracle.solve(new double[n], new double[n]));
                continue;
            }
            EnumeratedOracle reference = new EnumeratedOracle(set);
            for (int s = 0; s < 4; s++) {
                double[] theta = randomTheta(rnd, n);
                double[] z = new double[n];
                oracle.solve(theta, z);
                assertNull(oracle.infeasibility(z), () -> model + " " + oracle.infeasibility(z));
                double[] best = new double[n];
                reference.solve(theta, best);
                double tol = oracle.objectiveTolerance(theta) + 1e-12;
                if (backend == IlpBackend.CP_SAT) {
                    // far below the 1e-9 near-ties of randomTheta, so those must be resolved
                    assertTrue(oracle.objectiveTolerance(theta) < 1e-11, "tolerance " + tol);
                }
                assertTrue(dot(z, theta) >= dot(best, theta) - tol,
                        () -> model + ": " + dot(z, theta) + " < " + dot(best, theta));
                compared++;
            }
        }
        return compared;
    }

    @Test
    void cpSatMatchesEnumerationOnRandomBinaryProgrammes() {
        assertTrue(checkAgainstEnumeration(IlpBackend.CP_SAT, 250, 11) >= 800);
    }

    @Test
    void scipMatchesEnumerationOnRandomBinaryProgrammes() {
        assertTrue(checkAgainstEnumeration(IlpBackend.SCIP, 50, 12) >= 150);
    }

    @ParameterizedTest
    @EnumSource(IlpBackend.class)
    void generalIntegerBoundsMatchEnumeration(IlpBackend backend) {
        SplittableRandom rnd = new SplittableRandom(13);
        for (int t = 0; t < 25; t++) {
            int n = 1 + rnd.nextInt(3);
            IlpModel.Builder b = IlpModel.builder(n).name("integer-" + t);
            for (int i = 0; i < n; i++) {
                b.bounds(i, -2, 2);
            }
            double[] row = new double[n];
            for (int i = 0; i < n; i++) {
                row[i] = rnd.nextInt(-3, 4);
            }
            b.lessOrEqual(row, rnd.nextInt(0, 4));
            IlpModel model = b.build();
            List<double[]> all = new ArrayList<>();
            int count = (int) Math.pow(5, n);
            for (int code = 0; code < count; code++) {
                double[] z = new double[n];
                int c = code;
                for (int i = 0; i < n; i++) {
                    z[i] = c % 5 - 2;
                    c /= 5;
                }
                if (model.violation(z, 0) == null) {
                    all.add(z);
                }
            }
            EnumeratedOracle reference = new EnumeratedOracle(StructureSet.of(all));
            IlpOracle oracle = IlpOracle.of(model, backend, 10);
            for (int s = 0; s < 5; s++) {
                double[] theta = randomTheta(rnd, n);
                double[] z = new double[n];
                double[] best = new double[n];
                oracle.solve(theta, z);
                reference.solve(theta, best);
                assertNull(oracle.infeasibility(z));
                assertTrue(dot(z, theta) >= dot(best, theta) - oracle.objectiveTolerance(theta) - 1e-12);
            }
        }
    }

    @Test
    void scipSolvesMixedProgrammesWithContinuousVariables() {
        // max 2x + y, x integer in [0, 3], y continuous in [0, 10], x + y <= 4.5, so x = 3, y = 1.5
        IlpModel model = IlpModel.builder(2).name("mixed").bounds(0, 0, 3).bounds(1, 0, 10)
                .integer(1, false).lessOrEqual(new double[] {1, 1}, 4.5).build();
        IlpOracle oracle = IlpOracle.of(model, IlpBackend.SCIP, 10);
        double[] z = new double[2];
        oracle.solve(new double[] {2, 1}, z);
        assertArrayEquals(new double[] {3, 1.5}, z, 1e-6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IlpOracle.of(model, IlpBackend.CP_SAT, 10));
        assertTrue(e.getMessage().contains("variable 1 is continuous"), e.getMessage());
    }

    @Test
    void cpSatRefusesFractionalCoefficientsNamingTheEntry() {
        IlpModel model = IlpModel.builder(2).name("fractional")
                .lessOrEqual(new double[] {1, 0.5}, 1).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IlpOracle.of(model, IlpBackend.CP_SAT, 10));
        assertTrue(e.getMessage().contains("A row 0 column 1"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(IlpBackend.class)
    void infeasibleModelRaisesNamingTheModel(IlpBackend backend) {
        IlpModel model = IlpModel.builder(3).name("over-full")
                .greaterOrEqual(new double[] {1, 1, 1}, 2).lessOrEqual(new double[] {1, 1, 1}, 1).build();
        IlpOracle oracle = IlpOracle.of(model, backend, 10);
        InfeasibleProblemException e = assertThrows(InfeasibleProblemException.class,
                () -> oracle.solve(new double[] {1, 2, 3}, new double[3]));
        assertTrue(e.getMessage().contains("over-full"), e.getMessage());
    }

    @Test
    void unboundedModelRaisesNamingTheModel() {
        IlpModel model = IlpModel.builder(2).name("ray")
                .bounds(0, 0, Double.POSITIVE_INFINITY).bounds(1, 0, Double.POSITIVE_INFINITY)
                .lessOrEqual(new double[] {1, -1}, 3).build();
        IlpOracle oracle = IlpOracle.of(model, IlpBackend.SCIP, 10);
        UnboundedProblemException e = assertThrows(UnboundedProblemException.class,
                () -> oracle.solve(new double[] {1, 1}, new double[2]));
        assertTrue(e.getMessage().contains("ray"), e.getMessage());
        // the same model is bounded for a theta that points away from the ray
        double[] z = new double[2];
        oracle.solve(new double[] {-1, -1}, z);
        assertArrayEquals(new double[] {0, 0}, z);
        assertThrows(IllegalArgumentException.class, () -> IlpOracle.of(model, IlpBackend.CP_SAT, 10));
    }

    /**
     * A market split instance (Cornuejols and Dawande 1998): a few equality rows with random
     * coefficients in 0..99 over 40 binaries are notoriously hard for branch and bound, so a solve
     * with a 20 ms limit cannot finish.
     */
    private static IlpModel marketSplit() {
        SplittableRandom rnd = new SplittableRandom(99);
        int n = 40;
        IlpModel.Builder b = IlpModel.builder(n).name("market-split");
        for (int r = 0; r < 4; r++) {
            double[] row = new double[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                row[i] = rnd.nextInt(100);
                sum += row[i];
            }
            b.equal(row, Math.floor(sum / 2));
        }
        return b.build();
    }

    @ParameterizedTest
    @EnumSource(IlpBackend.class)
    void hardInstanceWithTinyTimeLimitRaisesTimeout(IlpBackend backend) {
        IlpOracle oracle = IlpOracle.of(marketSplit(), backend, 0.02);
        double[] theta = new double[40];
        java.util.Arrays.fill(theta, 1);
        SolverTimeoutException e = assertThrows(SolverTimeoutException.class,
                () -> oracle.solve(theta, new double[40]));
        assertTrue(e.getMessage().contains("market-split"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(IlpBackend.class)
    void nanThetaAndWrongLengthsAreNamed(IlpBackend backend) {
        IlpOracle oracle = IlpOracle.of(IlpModel.builder(3).name("tiny").build(), backend, 10);
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> oracle.solve(new double[] {0, Double.NaN, 0}, new double[3]));
        assertTrue(nan.getMessage().contains("coordinate 1"), nan.getMessage());
        assertThrows(IllegalArgumentException.class, () -> oracle.solve(new double[2], new double[3]));
        assertThrows(IllegalArgumentException.class, () -> oracle.solve(new double[3], new double[4]));
        assertThrows(IllegalArgumentException.class, () -> IlpOracle.of(
                IlpModel.builder(3).build(), backend, 0));
    }

    @Test
    void cpSatScalingKeepsTheArgmaxAtExtremeMagnitudes() {
        IlpOracle oracle = IlpOracle.of(spacedModel(4, 2), IlpBackend.CP_SAT, 10);
        double[] z = new double[4];
        oracle.solve(new double[] {Double.MIN_VALUE, 0, 0, 2 * Double.MIN_VALUE}, z);
        assertArrayEquals(new double[] {1, 0, 0, 1}, z);
        oracle.solve(new double[] {1e300, 0, 3e300, 2e300}, z);
        assertArrayEquals(new double[] {1, 0, 1, 0}, z);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> oracle.solve(new double[] {Double.MAX_VALUE, Double.MAX_VALUE, 0, 0}, new double[4]));
        assertTrue(e.getMessage().contains("spaced"), e.getMessage());
    }

    @Test
    void builderErrorsNameTheRow() {
        IlpModel.Builder b = IlpModel.builder(2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> b.lessOrEqual(new double[] {1, Double.NaN}, 1));
        assertTrue(e.getMessage().contains("A row 0") && e.getMessage().contains("coordinate 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.equal(new double[3], 1));
        assertTrue(e.getMessage().contains("Aeq row 0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> b.bounds(1, 2, 1));
        assertTrue(e.getMessage().contains("variable 1"), e.getMessage());
    }

    /** "Choose exactly k of n with at most one of each adjacent pair", built both ways. */
    private static IlpModel spacedModel(int n, int k) {
        IlpModel.Builder b = IlpModel.builder(n).name("spaced");
        double[] all = new double[n];
        java.util.Arrays.fill(all, 1);
        b.equal(all, k);
        for (int i = 0; i + 1 < n; i++) {
            double[] row = new double[n];
            row[i] = 1;
            row[i + 1] = 1;
            b.lessOrEqual(row, 1);
        }
        return b.build();
    }

    private static IlpOracle spacedCpSat(int n, int k) {
        return IlpOracle.cpSat("spaced-callback", model -> {
            IntVar[] z = new IntVar[n];
            for (int i = 0; i < n; i++) {
                z[i] = model.newBoolVar("z" + i);
            }
            model.addEquality(LinearExpr.sum(z), k);
            for (int i = 0; i + 1 < n; i++) {
                model.addLessOrEqual(LinearExpr.sum(new IntVar[] {z[i], z[i + 1]}), 1);
            }
            return z;
        }, 10);
    }

    private static IlpOracle spacedScip(int n, int k) {
        return IlpOracle.scip("spaced-callback", solver -> {
            MPVariable[] z = solver.makeBoolVarArray(n);
            MPConstraint sum = solver.makeConstraint(k, k);
            for (MPVariable v : z) {
                sum.setCoefficient(v, 1);
            }
            for (int i = 0; i + 1 < n; i++) {
                MPConstraint pair = solver.makeConstraint(0, 1);
                pair.setCoefficient(z[i], 1);
                pair.setCoefficient(z[i + 1], 1);
            }
            return z;
        }, 10);
    }

    @Test
    void callbackModelsMatchEnumerationAndCheckFeasibility() {
        int n = 7;
        int k = 3;
        IlpModel spec = spacedModel(n, k);
        EnumeratedOracle reference = new EnumeratedOracle(
                StructureSet.binary(n, z -> spec.violation(z, 0) == null));
        IlpOracle[] oracles = {spacedCpSat(n, k), spacedScip(n, k)};
        SplittableRandom rnd = new SplittableRandom(14);
        for (int t = 0; t < 60; t++) {
            double[] theta = randomTheta(rnd, n);
            double[] best = new double[n];
            reference.solve(theta, best);
            for (IlpOracle oracle : oracles) {
                double[] z = new double[n];
                oracle.solve(theta, z);
                assertNull(spec.violation(z, 0), oracle.toString());
                assertTrue(dot(z, theta) >= dot(best, theta) - oracle.objectiveTolerance(theta) - 1e-12);
            }
        }
        for (IlpOracle oracle : oracles) {
            assertNull(oracle.infeasibility(new double[] {1, 0, 1, 0, 1, 0, 0}));
            String why = oracle.infeasibility(new double[] {1, 1, 0, 0, 1, 0, 0});
            assertNotNull(why, oracle.toString());
            assertTrue(why.contains("spaced-callback"), why);
        }
    }

    @Test
    void callbackThatSetsAnObjectiveIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IlpOracle.cpSat("greedy", model -> {
                    IntVar x = model.newBoolVar("x");
                    model.maximize(x);
                    return new IntVar[] {x};
                }, 10));
        assertTrue(e.getMessage().contains("greedy"), e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(IlpBackend.class)
    void concurrentSolvesEqualSequentialOnes(IlpBackend backend) throws Exception {
        int n = 8;
        IlpModel model = spacedModel(n, 3);
        IlpOracle oracle = IlpOracle.of(model, backend, 10);
        SplittableRandom rnd = new SplittableRandom(15);
        double[][] thetas = new double[60][];
        for (int t = 0; t < thetas.length; t++) {
            thetas[t] = randomTheta(rnd, n);
        }
        ConcurrentSolves.assertEqualSequential(oracle, thetas, 4);
    }

    @Test
    void solvesAtOffsetsOfABatch() {
        IlpOracle oracle = IlpOracle.of(spacedModel(4, 2), IlpBackend.CP_SAT, 10);
        double[] batch = {9, 9, 1, 0, 5, 0, 0, 5};
        double[] out = new double[9];
        oracle.solve(batch, 4, out, 5);
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 1, 0, 0, 1}, out);
        assertEquals(4, oracle.dimension());
        // the first row of a batch sits at offset 0 of an array longer than one instance
        double[] first = new double[8];
        oracle.solve(batch, 0, first, 0);
        assertArrayEquals(new double[] {1, 0, 1, 0, 0, 0, 0, 0}, first);
        assertThrows(IllegalArgumentException.class, () -> oracle.solve(batch, new double[4]));
        assertThrows(IllegalArgumentException.class, () -> oracle.solve(new double[4], new double[8]));
    }

    @Test
    void solvesRowZeroOfABatchAtOffsetZero() {
        IlpOracle oracle = IlpOracle.of(spacedModel(4, 2), IlpBackend.CP_SAT, 10);
        double[] batch = {1, 0, 5, 0, 9, 9, 1, 0};
        double[] out = new double[8];
        oracle.solve(batch, 0, out, 0);
        oracle.solve(batch, 4, out, 4);
        double[] first = new double[4];
        double[] second = new double[4];
        oracle.solve(new double[] {1, 0, 5, 0}, first);
        oracle.solve(new double[] {9, 9, 1, 0}, second);
        assertArrayEquals(first, java.util.Arrays.copyOfRange(out, 0, 4));
        assertArrayEquals(second, java.util.Arrays.copyOfRange(out, 4, 8));
        assertThrows(IllegalArgumentException.class, () -> oracle.solve(batch, new double[8]));
    }
}
