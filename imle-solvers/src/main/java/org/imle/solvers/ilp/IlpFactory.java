package org.imle.solvers.ilp;

import java.util.Arrays;
import java.util.List;
import org.imle.api.MapOracle;
import org.imle.api.registry.OracleFactory;
import org.imle.api.registry.ParameterSpec;
import org.imle.api.registry.Parameters;

/**
 * Registers {@link IlpOracle} over an {@link IlpModel} as
 * {@code ilp {A, b, Aeq, beq, lower, upper, integer, backend, timeLimitSeconds}}. Since JSON has
 * no infinities, bounds also accept the strings {@code "inf"} and {@code "-inf"}.
 */
public final class IlpFactory implements OracleFactory {

    @Override
    public String name() {
        return "ilp";
    }

    @Override
    public String description() {
        return "maximise <theta, z> s.t. A z <= b, Aeq z = beq, lower <= z <= upper, integrality; "
                + "theta and z have one entry per variable";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.optional("n", "int", "from A, Aeq, lower or upper", "number of variables"),
                ParameterSpec.optional("A", "double[][]", "none", "inequality rows, A z <= b"),
                ParameterSpec.optional("b", "double[]", "none", "inequality right-hand sides, one per row of A"),
                ParameterSpec.optional("Aeq", "double[][]", "none", "equality rows, Aeq z = beq"),
                ParameterSpec.optional("beq", "double[]", "none", "equality right-hand sides, one per row of Aeq"),
                ParameterSpec.optional("lower", "double[]", "0 for every variable", "lower bounds; \"-inf\" allowed"),
                ParameterSpec.optional("upper", "double[]", "1 for every variable", "upper bounds; \"inf\" allowed"),
                ParameterSpec.optional("integer", "boolean[]", "true",
                        "integrality per variable, or one boolean for all"),
                ParameterSpec.optional("backend", "string", "cp-sat", "cp-sat | scip"),
                ParameterSpec.optional("timeLimitSeconds", "double", "10.0",
                        "time limit per solve; beyond it a solve fails with a time-out"),
                ParameterSpec.optional("name", "string", "ilp", "model name used in error messages"));
    }

    @Override
    public MapOracle create(Parameters p) {
        double[][] a = p.has("A") ? p.getDoubleMatrix("A") : new double[0][];
        double[] b = p.has("b") ? p.getDoubleArray("b") : new double[0];
        double[][] aeq = p.has("Aeq") ? p.getDoubleMatrix("Aeq") : new double[0][];
        double[] beq = p.has("beq") ? p.getDoubleArray("beq") : new double[0];
        int n = dimension(p, a, aeq);
        IlpModel.Builder builder = IlpModel.builder(n).name(p.getString("name", "ilp"));
        if (a.length != b.length) {
            throw bad("b", "has " + b.length + " entries but A has " + a.length + " rows");
        }
        if (aeq.length != beq.length) {
            throw bad("beq", "has " + beq.length + " entries but Aeq has " + aeq.length + " rows");
        }
        builder.lessOrEqual(a, b).equal(aeq, beq);
        double[] lower = bounds(p, "lower", n, 0.0);
        double[] upper = bounds(p, "upper", n, 1.0);
        builder.bounds(lower, upper);
        builder.integer(integrality(p, n));
        IlpBackend backend = IlpBackend.ofLabel(p.getString("backend", "cp-sat"));
        return IlpOracle.of(builder.build(), backend, p.getDouble("timeLimitSeconds", 10.0));
    }

    private static IllegalArgumentException bad(String name, String what) {
        return new IllegalArgumentException("oracle 'ilp' parameter '" + name + "' " + what);
    }

    private static int dimension(Parameters p, double[][] a, double[][] aeq) {
        if (p.has("n")) {
            return p.getInt("n");
        }
        if (a.length > 0) {
            return a[0].length;
        }
        if (aeq.length > 0) {
            return aeq[0].length;
        }
        for (String name : new String[] {"lower", "upper"}) {
            if (p.has(name) && p.asMap().get(name) instanceof List<?> list) {
                return list.size();
            }
        }
        throw bad("n", "is missing and cannot be read from A, Aeq, lower or upper");
    }

    private static double[] bounds(Parameters p, String name, int n, double fallback) {
        double[] out = new double[n];
        if (!p.has(name)) {
            Arrays.fill(out, fallback);
            return out;
        }
        Object v = p.asMap().get(name);
        if (v instanceof double[] array) {
            if (array.length != n) {
                throw bad(name, "has " + array.length + " entries, expected " + n);
            }
            return array.clone();
        }
        if (!(v instanceof List<?> list)) {
            throw bad(name, "must be a list of numbers, got " + v);
        }
        if (list.size() != n) {
            throw bad(name, "has " + list.size() + " entries, expected " + n);
        }
        for (int i = 0; i < n; i++) {
            Object e = list.get(i);
            if (e instanceof Number num && !Double.isNaN(num.doubleValue())) {
                out[i] = num.doubleValue();
            } else if ("inf".equals(e) || "+inf".equals(e) || "Infinity".equals(e)) {
                out[i] = Double.POSITIVE_INFINITY;
            } else if ("-inf".equals(e) || "-Infinity".equals(e)) {
                out[i] = Double.NEGATIVE_INFINITY;
            } else {
                throw bad(name, "entry " + i + " must be a number, \"inf\" or \"-inf\", got " + e);
            }
        }
        return out;
    }

    private static boolean[] integrality(Parameters p, int n) {
        boolean[] out = new boolean[n];
        if (!p.has("integer")) {
            Arrays.fill(out, true);
            return out;
        }
        Object v = p.asMap().get("integer");
        if (v instanceof Boolean all) {
            Arrays.fill(out, all);
            return out;
        }
        if (v instanceof boolean[] array && array.length == n) {
            return array.clone();
        }
        if (!(v instanceof List<?> list) || list.size() != n) {
            throw bad("integer", "must be a boolean or a list of " + n + " booleans, got " + v);
        }
        for (int i = 0; i < n; i++) {
            Object e = list.get(i);
            if (e instanceof Boolean flag) {
                out[i] = flag;
            } else if (e instanceof Number num && (num.doubleValue() == 0 || num.doubleValue() == 1)) {
                out[i] = num.doubleValue() == 1;
            } else {
                throw bad("integer", "entry " + i + " must be true or false, got " + e);
            }
        }
        return out;
    }
}
