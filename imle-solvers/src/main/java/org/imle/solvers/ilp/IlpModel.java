package org.imle.solvers.ilp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.imle.api.check.Checks;

/**
 * An immutable (mixed) integer linear programme over n variables, given as arrays:
 * {@code A z <= b}, {@code Aeq z = beq}, {@code lower <= z <= upper}, and integrality flags.
 * The objective is not part of it: {@link IlpOracle} maximises {@code <theta, z>} with the theta
 * of each solve.
 *
 * <p>Defaults make binary programmes short to write: every variable starts integer with bounds
 * {@code [0, 1]}. Bounds may be infinite (for the SCIP back end); coefficients and right-hand sides
 * must be finite. {@link #violation} checks a candidate z against every constraint.
 */
public final class IlpModel {

    private final String name;
    private final int dimension;
    private final double[][] inequalities;
    private final double[] inequalityBounds;
    private final double[][] equalities;
    private final double[] equalityValues;
    private final double[] lower;
    private final double[] upper;
    private final boolean[] integer;

    private IlpModel(Builder b) {
        this.name = b.name;
        this.dimension = b.dimension;
        this.inequalities = b.inequalities.toArray(new double[0][]);
        this.inequalityBounds = toArray(b.inequalityBounds);
        this.equalities = b.equalities.toArray(new double[0][]);
        this.equalityValues = toArray(b.equalityValues);
        this.lower = b.lower.clone();
        this.upper = b.upper.clone();
        this.integer = b.integer.clone();
    }

    private static double[] toArray(List<Double> list) {
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
        }
        return out;
    }

    /** A builder for a model over {@code dimension} variables, all binary until told otherwise. */
    public static Builder builder(int dimension) {
        return new Builder(dimension);
    }

    /** The name used in error messages. */
    public String name() {
        return name;
    }

    public int dimension() {
        return dimension;
    }

    public int inequalityCount() {
        return inequalities.length;
    }

    public int equalityCount() {
        return equalities.length;
    }

    /** Row r of A (a copy). */
    public double[] inequality(int r) {
        return inequalities[r].clone();
    }

    public double inequalityBound(int r) {
        return inequalityBounds[r];
    }

    /** Row r of Aeq (a copy). */
    public double[] equality(int r) {
        return equalities[r].clone();
    }

    public double equalityValue(int r) {
        return equalityValues[r];
    }

    public double lower(int i) {
        return lower[i];
    }

    public double upper(int i) {
        return upper[i];
    }

    public boolean isInteger(int i) {
        return integer[i];
    }

    /** Whether every variable is integer with finite bounds and every coefficient is an integer. */
    String cpSatIncompatibility() {
        for (int i = 0; i < dimension; i++) {
            if (!integer[i]) {
                return "variable " + i + " is continuous";
            }
            if (!Double.isFinite(lower[i]) || !Double.isFinite(upper[i])) {
                return "variable " + i + " has an infinite bound [" + lower[i] + ", " + upper[i] + "]";
            }
            if (Math.abs(lower[i]) > 1L << 40 || Math.abs(upper[i]) > 1L << 40) {
                return "variable " + i + " has a bound beyond 2^40";
            }
        }
        String s = nonIntegral("A", inequalities, inequalityBounds, "b");
        return s != null ? s : nonIntegral("Aeq", equalities, equalityValues, "beq");
    }

    private static String nonIntegral(String matrix, double[][] rows, double[] rhs, String vector) {
        for (int r = 0; r < rows.length; r++) {
            for (int i = 0; i < rows[r].length; i++) {
                if (rows[r][i] != Math.rint(rows[r][i]) || Math.abs(rows[r][i]) > 1L << 40) {
                    return matrix + " row " + r + " column " + i + " is " + rows[r][i]
                            + ", not an integer of at most 2^40";
                }
            }
            if (rhs[r] != Math.rint(rhs[r]) || Math.abs(rhs[r]) > 1L << 50) {
                return vector + " entry " + r + " is " + rhs[r] + ", not an integer of at most 2^50";
            }
        }
        return null;
    }

    /**
     * Explains which constraint z violates by more than {@code tolerance}, or returns {@code null}
     * when z satisfies them all (integrality is checked to the same tolerance).
     */
    public String violation(double[] z, double tolerance) {
        if (z.length != dimension) {
            return "z has length " + z.length + ", expected " + dimension;
        }
        for (int i = 0; i < dimension; i++) {
            if (!Double.isFinite(z[i])) {
                return "z coordinate " + i + " is " + z[i];
            }
            if (z[i] < lower[i] - tolerance || z[i] > upper[i] + tolerance) {
                return "z coordinate " + i + " = " + z[i] + " is outside [" + lower[i] + ", " + upper[i] + "]";
            }
            if (integer[i] && Math.abs(z[i] - Math.rint(z[i])) > tolerance) {
                return "z coordinate " + i + " = " + z[i] + " is not an integer";
            }
        }
        for (int r = 0; r < inequalities.length; r++) {
            double a = dot(inequalities[r], z);
            if (a > inequalityBounds[r] + tolerance * (1 + Math.abs(inequalityBounds[r]))) {
                return "row " + r + " of A z <= b: " + a + " > " + inequalityBounds[r];
            }
        }
        for (int r = 0; r < equalities.length; r++) {
            double a = dot(equalities[r], z);
            if (Math.abs(a - equalityValues[r]) > tolerance * (1 + Math.abs(equalityValues[r]))) {
                return "row " + r + " of Aeq z = beq: " + a + " != " + equalityValues[r];
            }
        }
        return null;
    }

    private static double dot(double[] a, double[] z) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * z[i];
        }
        return s;
    }

    @Override
    public String toString() {
        return "ILP '" + name + "' (" + dimension + " variables, " + inequalities.length
                + " inequalities, " + equalities.length + " equalities)";
    }

    /** Collects rows and bounds, validating each as it arrives so errors name the row. */
    public static final class Builder {
        private final int dimension;
        private String name = "ilp";
        private final List<double[]> inequalities = new ArrayList<>();
        private final List<Double> inequalityBounds = new ArrayList<>();
        private final List<double[]> equalities = new ArrayList<>();
        private final List<Double> equalityValues = new ArrayList<>();
        private final double[] lower;
        private final double[] upper;
        private final boolean[] integer;

        private Builder(int dimension) {
            this.dimension = Checks.atLeast("dimension", dimension, 1);
            lower = new double[dimension];
            upper = new double[dimension];
            integer = new boolean[dimension];
            Arrays.fill(upper, 1.0);
            Arrays.fill(integer, true);
        }

        /** The name error messages use. */
        public Builder name(String name) {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name is blank");
            }
            this.name = name;
            return this;
        }

        /** Adds the row {@code <row, z> <= bound}. */
        public Builder lessOrEqual(double[] row, double bound) {
            checkRow("A row " + inequalities.size(), row);
            Checks.finite("b entry " + inequalities.size(), bound);
            inequalities.add(row.clone());
            inequalityBounds.add(bound);
            return this;
        }

        /** Adds the row {@code <row, z> >= bound}, stored as {@code <-row, z> <= -bound}. */
        public Builder greaterOrEqual(double[] row, double bound) {
            checkRow("A row " + inequalities.size(), row);
            double[] negated = new double[row.length];
            for (int i = 0; i < row.length; i++) {
                negated[i] = -row[i];
            }
            return lessOrEqual(negated, -bound);
        }

        /** Adds the row {@code <row, z> == value}. */
        public Builder equal(double[] row, double value) {
            checkRow("Aeq row " + equalities.size(), row);
            Checks.finite("beq entry " + equalities.size(), value);
            equalities.add(row.clone());
            equalityValues.add(value);
            return this;
        }

        /** Adds every row of {@code A z <= b}. */
        public Builder lessOrEqual(double[][] a, double[] b) {
            requireSameRows("A", a, "b", b);
            for (int r = 0; r < a.length; r++) {
                lessOrEqual(a[r], b[r]);
            }
            return this;
        }

        /** Adds every row of {@code Aeq z = beq}. */
        public Builder equal(double[][] aeq, double[] beq) {
            requireSameRows("Aeq", aeq, "beq", beq);
            for (int r = 0; r < aeq.length; r++) {
                equal(aeq[r], beq[r]);
            }
            return this;
        }

        /** Sets the bounds of variable i; either may be infinite, NaN is refused. */
        public Builder bounds(int i, double lo, double hi) {
            Checks.between("variable", i, 0, dimension - 1);
            if (Double.isNaN(lo) || Double.isNaN(hi) || lo > hi
                    || lo == Double.POSITIVE_INFINITY || hi == Double.NEGATIVE_INFINITY) {
                throw new IllegalArgumentException("variable " + i + " bounds [" + lo + ", " + hi
                        + "] are empty or invalid");
            }
            lower[i] = lo;
            upper[i] = hi;
            return this;
        }

        /** Sets every lower and upper bound. */
        public Builder bounds(double[] lo, double[] hi) {
            Checks.length("lower", lo, dimension);
            Checks.length("upper", hi, dimension);
            for (int i = 0; i < dimension; i++) {
                bounds(i, lo[i], hi[i]);
            }
            return this;
        }

        /** Marks variable i integer or continuous. */
        public Builder integer(int i, boolean isInteger) {
            Checks.between("variable", i, 0, dimension - 1);
            integer[i] = isInteger;
            return this;
        }

        /** Sets every integrality flag. */
        public Builder integer(boolean[] flags) {
            if (flags == null || flags.length != dimension) {
                throw new IllegalArgumentException("integer must have length " + dimension);
            }
            System.arraycopy(flags, 0, integer, 0, dimension);
            return this;
        }

        public IlpModel build() {
            return new IlpModel(this);
        }

        private void checkRow(String what, double[] row) {
            Checks.length(what, row, dimension);
            Checks.finite(what, row);
        }

        private static void requireSameRows(String matrix, double[][] a, String vector, double[] b) {
            if (a == null || b == null) {
                throw new IllegalArgumentException(matrix + " or " + vector + " is null");
            }
            if (a.length != b.length) {
                throw new IllegalArgumentException(matrix + " has " + a.length + " rows but "
                        + vector + " has " + b.length + " entries");
            }
        }
    }
}
