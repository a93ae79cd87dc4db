package org.imle.api.registry;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Named parameters for an {@link OracleFactory}, read with typed getters whose errors name the
 * parameter. Values may be numbers, strings, booleans, or (nested) lists of numbers, as JSON gives
 * them.
 */
public final class Parameters {

    private final String owner;
    private final Map<String, Object> values;

    /** Parameters of the named oracle; errors read "oracle 'NAME' parameter 'k' ...". */
    public Parameters(String oracle, Map<String, ?> values) {
        this(values, "oracle '" + oracle + "'");
    }

    private Parameters(Map<String, ?> values, String owner) {
        this.owner = owner;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values == null ? Map.of() : values));
    }

    /**
     * Parameters of anything else (noise, estimator); errors read "OWNER parameter 'k' ...", with
     * {@code owner} such as {@code "noise 'gumbel'"}.
     */
    public static Parameters describedAs(String owner, Map<String, ?> values) {
        return new Parameters(values, owner);
    }

    public static Parameters of(String oracle, Object... keyValues) {
        if (keyValues.length % 2 != 0) {
            throw new IllegalArgumentException("keyValues must alternate names and values");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return new Parameters(oracle, map);
    }

    public Map<String, Object> asMap() {
        return values;
    }

    public boolean has(String name) {
        return values.containsKey(name);
    }

    private IllegalArgumentException bad(String name, String what) {
        return new IllegalArgumentException(owner + " parameter '" + name + "' " + what);
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw bad(name, "is missing");
        }
        return v;
    }

    public int getInt(String name) {
        Object v = require(name);
        if (v instanceof Number num) {
            double d = num.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) <= Integer.MAX_VALUE) {
                return (int) d;
            }
        } else if (v instanceof String s) {
            try {
                return Integer.parseInt(s.trim());
            } catch (NumberFormatException e) {
                // fall through to the error below
            }
        }
        throw bad(name, "must be an integer, got " + v);
    }

    public int getInt(String name, int defaultValue) {
        return has(name) ? getInt(name) : defaultValue;
    }

    public double getDouble(String name) {
        Object v = require(name);
        double d;
        if (v instanceof Number num) {
            d = num.doubleValue();
        } else if (v instanceof String s) {
            try {
                d = Double.parseDouble(s.trim());
            } catch (NumberFormatException e) {
                throw bad(name, "must be a number, got '" + s + "'");
            }
        } else {
            throw bad(name, "must be a number, got " + v);
        }
        if (!Double.isFinite(d)) {
            throw bad(name, "must be finite, got " + d);
        }
        return d;
    }

    public double getDouble(String name, double defaultValue) {
        return has(name) ? getDouble(name) : defaultValue;
    }

    public String getString(String name) {
        return String.valueOf(require(name));
    }

    public String getString(String name, String defaultValue) {
        return has(name) ? getString(name) : defaultValue;
    }

    public boolean getBoolean(String name, boolean defaultValue) {
        if (!has(name)) {
            return defaultValue;
        }
        Object v = values.get(name);
        if (v instanceof Boolean b) {
            return b;
        }
        if ("true".equals(v) || "false".equals(v)) {
            return Boolean.parseBoolean((String) v);
        }
        throw bad(name, "must be true or false, got " + v);
    }

    public double[] getDoubleArray(String name) {
        Object v = require(name);
        if (v instanceof double[] a) {
            return a.clone();
        }
        if (v instanceof List<?> list) {
            double[] out = new double[list.size()];
            for (int i = 0; i < out.length; i++) {
                Object e = list.get(i);
                if (!(e instanceof Number num) || !Double.isFinite(num.doubleValue())) {
                    throw bad(name, "entry " + i + " must be a finite number, got " + e);
                }
                out[i] = num.doubleValue();
            }
            return out;
        }
        throw bad(name, "must be a list of numbers, got " + v);
    }

    public int[] getIntArray(String name) {
        Object v = require(name);
        if (v instanceof int[] a) {
            return a.clone();
        }
        double[] d = getDoubleArray(name);
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != Math.rint(d[i]) || Math.abs(d[i]) > Integer.MAX_VALUE) {
                throw bad(name, "entry " + i + " must be an integer, got " + d[i]);
            }
            out[i] = (int) d[i];
        }
        return out;
    }

    public double[][] getDoubleMatrix(String name) {
        Object v = require(name);
        if (v instanceof double[][] a) {
            double[][] copy = new double[a.length][];
            for (int i = 0; i < a.length; i++) {
                copy[i] = a[i].clone();
            }
            return copy;
        }
        if (v instanceof List<?> rows) {
            double[][] out = new double[rows.size()][];
            for (int r = 0; r < out.length; r++) {
                Object row = rows.get(r);
                out[r] = new Parameters(Map.of(name + "[" + r + "]", row == null ? "null" : row), owner)
                        .getDoubleArray(name + "[" + r + "]");
            }
            return out;
        }
        throw bad(name, "must be a list of lists of numbers, got " + v);
    }

    @Override
    public String toString() {
        return owner + values;
    }
}
