package org.imle.api.registry;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;
import org.imle.api.MapOracle;

/**
 * What makes an oracle again in another JVM: its registry name and parameters, as
 * {@code imle gradient} requests name it. Parameter values are numbers, strings, booleans,
 * {@code double[]}/{@code int[]} and (nested) lists of these, so a spec is {@link Serializable}
 * and any JVM with the same plug-ins on its class path rebuilds the same oracle with
 * {@link #create(Oracles)}.
 *
 * <p>{@link Oracles#create} records the spec of every oracle it makes, and {@link #of(MapOracle)}
 * finds it again: this is how an executor that ships solves learns what to ship without the oracle
 * classes knowing about it. An oracle made by hand (a constructor, a lambda) has no spec; it works
 * on every in-process executor and is refused by one that must ship it.
 *
 * @param name the registry name, such as {@code top-k}
 * @param parameters the factory's parameters, in the order given
 */
public record OracleSpec(String name, Map<String, Object> parameters) implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Specs of the oracles {@link Oracles#create} made, held only as long as the oracle lives. */
    private static final Map<MapOracle, OracleSpec> RECORDED = Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * Checks the name and copies the parameters into serialisable collections.
     *
     * @throws IllegalArgumentException naming the parameter whose value cannot be shipped
     */
    public OracleSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("an oracle spec needs a registry name");
        }
        Map<String, Object> copy = new LinkedHashMap<>();
        if (parameters != null) {
            for (Map.Entry<String, Object> e : parameters.entrySet()) {
                copy.put(e.getKey(), shippable(name, e.getKey(), e.getValue()));
            }
        }
        parameters = Collections.unmodifiableMap(copy);
    }

    /** A spec from a name and parameters of any map type. */
    public static OracleSpec of(String name, Map<String, ?> parameters) {
        return new OracleSpec(name, parameters == null ? Map.of() : new LinkedHashMap<>(parameters));
    }

    /** The spec of an oracle made by {@link Oracles#create}, or empty for one made by hand. */
    public static Optional<OracleSpec> of(MapOracle oracle) {
        return Optional.ofNullable(oracle == null ? null : RECORDED.get(oracle));
    }

    /**
     * The spec of an oracle that {@code executor} must ship to another JVM.
     *
     * @throws IllegalArgumentException saying that the oracle was not made by the registry
     */
    public static OracleSpec required(MapOracle oracle, String executor) {
        return of(oracle).orElseThrow(() -> new IllegalArgumentException("the " + executor
                + " executor solves in other JVMs and rebuilds the oracle there from its registry name and"
                + " parameters, but oracle " + oracle + " was made by hand, not by the oracle registry"
                + " (Oracles.create); register it in an OraclePlugin, or use an in-process executor"));
    }

    /** Makes the oracle this spec names, through {@code registry}. */
    public MapOracle create(Oracles registry) {
        return registry.create(name, parameters);
    }

    static void record(MapOracle oracle, OracleSpec spec) {
        RECORDED.put(oracle, spec);
    }

    private static Object shippable(String oracle, String key, Object value) {
        if (value instanceof Number || value instanceof String || value instanceof Boolean) {
            return value;
        }
        if (value instanceof double[] a) {
            return a.clone();
        }
        if (value instanceof int[] a) {
            return a.clone();
        }
        if (value instanceof double[][] a) {
            double[][] copy = new double[a.length][];
            for (int i = 0; i < a.length; i++) {
                copy[i] = a[i].clone();
            }
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(shippable(oracle, key, item));
            }
            return copy;
        }
        throw new IllegalArgumentException("oracle '" + oracle + "' parameter '" + key + "' is a "
                + (value == null ? "null" : value.getClass().getName())
                + ", which a spec cannot carry to another JVM (numbers, strings, booleans and lists only)");
    }

    @Override
    public String toString() {
        return name + parameters;
    }
}
