package org.imle.examples.gradient;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Strict, typed reading of one JSON object of a request, with errors that name the field, the row
 * and the coordinate: a number must be a JSON number (the string {@code "NaN"} is rejected, and so
 * is a literal too large for a double, such as {@code 1e400}), an integer must be integral, and
 * {@link #rejectUnknown()} refuses fields nobody asked for, so that a misspelt option is an error
 * rather than a silently used default. A JSON {@code null} counts as absent.
 */
final class JsonFields {

    private final JsonNode node;
    private final String owner;
    private final Set<String> known = new LinkedHashSet<>();

    private JsonFields(JsonNode node, String owner) {
        this.node = node;
        this.owner = owner;
    }

    /**
     * Wraps a JSON object; {@code owner} starts every error message, such as {@code "estimator"}.
     *
     * @throws IllegalArgumentException when {@code node} is not an object
     */
    static JsonFields of(JsonNode node, String owner) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException(owner + " must be a JSON object, got " + describe(node));
        }
        return new JsonFields(node, owner);
    }

    /** An object with no fields, for an optional object that is absent. */
    static JsonFields empty(String owner) {
        return new JsonFields(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), owner);
    }

    /** The same object and known fields, with another owner in error messages. */
    JsonFields renamed(String newOwner) {
        JsonFields f = new JsonFields(node, newOwner);
        f.known.addAll(known);
        return f;
    }

    String owner() {
        return owner;
    }

    /** Marks a field read elsewhere (a streamed array) as known, for {@link #rejectUnknown()}. */
    void known(String name) {
        known.add(name);
    }

    boolean has(String name) {
        known.add(name);
        JsonNode v = node.get(name);
        return v != null && !v.isNull();
    }

    /** The raw value, or {@code null} when absent. */
    JsonNode raw(String name) {
        return has(name) ? node.get(name) : null;
    }

    private JsonNode require(String name) {
        JsonNode v = raw(name);
        if (v == null) {
            throw new IllegalArgumentException(owner + " field '" + name + "' is missing");
        }
        return v;
    }

    private IllegalArgumentException bad(String name, String what) {
        return new IllegalArgumentException(owner + " field '" + name + "' " + what);
    }

    String string(String name) {
        JsonNode v = require(name);
        if (!v.isTextual()) {
            throw bad(name, "must be a string, got " + describe(v));
        }
        return v.textValue();
    }

    String string(String name, String defaultValue) {
        return has(name) ? string(name) : defaultValue;
    }

    double number(String name, double defaultValue) {
        if (!has(name)) {
            return defaultValue;
        }
        return finite(node.get(name), "field '" + name + "'");
    }

    int integer(String name, int defaultValue) {
        if (!has(name)) {
            return defaultValue;
        }
        JsonNode v = node.get(name);
        if (v.isNumber() && v.canConvertToInt() && isIntegral(v)) {
            return v.intValue();
        }
        throw bad(name, "must be an integer (32 bits), got " + describe(v));
    }

    long longInteger(String name, long defaultValue) {
        if (!has(name)) {
            return defaultValue;
        }
        JsonNode v = node.get(name);
        if (v.isNumber() && v.canConvertToLong() && isIntegral(v)) {
            return v.longValue();
        }
        throw bad(name, "must be an integer (64 bits), got " + describe(v));
    }

    private static boolean isIntegral(JsonNode v) {
        if (v.isIntegralNumber()) {
            return true;
        }
        double d = v.doubleValue();
        return Double.isFinite(d) && d == Math.rint(d);
    }

    /** A nested object, or {@code null} when absent. */
    JsonFields object(String name) {
        JsonNode v = raw(name);
        if (v == null) {
            return null;
        }
        if (!v.isObject()) {
            throw bad(name, "must be a JSON object, got " + describe(v));
        }
        return new JsonFields(v, owner + " field '" + name + "'");
    }

    /**
     * Reads a list of rows of exactly {@code n} finite numbers into one flat row-major array.
     *
     * @param why appended to a wrong-length message, saying where n comes from
     */
    double[] rows(String name, int n, String why) {
        JsonNode v = require(name);
        if (!v.isArray()) {
            throw bad(name, "must be a list of rows (lists of numbers), got " + describe(v));
        }
        int rows = v.size();
        if (rows == 0) {
            throw bad(name, "has no rows");
        }
        if ((long) rows * n > Integer.MAX_VALUE - 8) {
            throw bad(name, "has " + rows + " rows of " + n + ", too many numbers for one request");
        }
        double[] out = new double[rows * n];
        for (int r = 0; r < rows; r++) {
            JsonNode row = v.get(r);
            if (!row.isArray()) {
                throw bad(name, "row " + r + " must be a list of numbers, got " + describe(row));
            }
            if (row.size() != n) {
                throw bad(name, "row " + r + " has " + row.size() + " entries, expected " + n + why);
            }
            for (int i = 0; i < n; i++) {
                out[r * n + i] = finite(row.get(i), "field '" + name + "' row " + r + " coordinate " + i);
            }
        }
        return out;
    }

    private double finite(JsonNode v, String where) {
        if (!v.isNumber()) {
            throw new IllegalArgumentException(owner + " " + where + " must be a number, got " + describe(v));
        }
        double d = v.doubleValue();
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException(owner + " " + where
                    + " is outside the range of a double (JSON numbers must be finite doubles)");
        }
        return d;
    }

    /**
     * Every field except the named ones, as plain Java values (numbers, strings, booleans, lists,
     * maps), for factories that take a parameter map; marks them all as known.
     */
    Map<String, Object> toMap(String... except) {
        Set<String> skip = Set.of(except);
        Map<String, Object> map = new LinkedHashMap<>();
        node.fieldNames().forEachRemaining(name -> {
            if (!skip.contains(name)) {
                known.add(name);
                map.put(name, plain(node.get(name)));
            }
        });
        return map;
    }

    /** The names of the fields present, in their order. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Converts a JSON value into numbers, strings, booleans, lists and maps. */
    static Object plain(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            long l = v.longValue();
            return l == (int) l ? (Object) (int) l : (Object) l;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        if (v.isBoolean()) {
            return v.booleanValue();
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isArray()) {
            List<Object> list = new ArrayList<>(v.size());
            v.forEach(e -> list.add(plain(e)));
            return list;
        }
        Map<String, Object> map = new LinkedHashMap<>();
        v.properties().forEach(e -> map.put(e.getKey(), plain(e.getValue())));
        return map;
    }

    /**
     * Refuses fields that no reader asked for.
     *
     * @throws IllegalArgumentException naming the first unknown field and listing the known ones
     */
    void rejectUnknown() {
        for (String name : names()) {
            if (!known.contains(name)) {
                throw new IllegalArgumentException(owner + " has no field '" + name
                        + "'; known fields: " + String.join(", ", known));
            }
        }
    }

    /** A short description of a JSON value for error messages, such as {@code string "NaN"}. */
    static String describe(JsonNode v) {
        if (v == null || v.isNull()) {
            return "null";
        }
        if (v.isTextual()) {
            String t = v.textValue();
            return "string \"" + (t.length() > 40 ? t.substring(0, 40) + "..." : t) + "\"";
        }
        if (v.isArray()) {
            return "a list of " + v.size();
        }
        if (v.isObject()) {
            return "an object";
        }
        String t = v.toString();
        return t.length() > 40 ? t.substring(0, 40) + "..." : t;
    }
}
