package org.imle.examples.gradient;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imle.api.MapOracle;
import org.imle.api.registry.OracleFactory;
import org.imle.api.registry.Oracles;
import org.imle.api.registry.ParameterSpec;

/**
 * Oracles made from (name, parameters), kept across the lines of one {@code imle gradient} run so
 * that an oracle with costly set-up (an OR-Tools model, a graph) is built once, not per line.
 * Two parameter maps with the same entries in another order share an entry. The cache holds the
 * {@code capacity} most recently used oracles (least recently used evicted first), so a stream of
 * ever different instances cannot exhaust memory. Not thread-safe: one run reads its lines in order.
 *
 * <p>Before creating an oracle it refuses parameters that its factory does not declare, so that a
 * misspelt parameter is an error rather than a silently used default.
 */
public final class OracleCache {

    private record Key(String name, Map<String, Object> parameters) {
    }

    private final Oracles registry;
    private final Map<Key, MapOracle> cache;

    /** A cache of the {@code capacity} most recently used oracles of {@code registry}. */
    public OracleCache(Oracles registry, int capacity) {
        this.registry = registry;
        this.cache = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, MapOracle> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The oracle for a name and parameters, created on first use.
     *
     * @throws IllegalArgumentException for an unknown oracle, an undeclared, missing or invalid
     *     parameter (the message names it)
     */
    public MapOracle get(String name, Map<String, Object> parameters) {
        Key key = new Key(name, parameters);
        MapOracle oracle = cache.get(key);
        if (oracle == null) {
            OracleFactory factory = registry.factory(name);
            rejectUndeclared(factory, parameters);
            oracle = registry.create(name, parameters);
            cache.put(key, oracle);
        }
        return oracle;
    }

    int size() {
        return cache.size();
    }

    private static void rejectUndeclared(OracleFactory factory, Map<String, Object> parameters) {
        List<String> declared = factory.parameters().stream().map(ParameterSpec::name).toList();
        for (String given : parameters.keySet()) {
            if (!declared.contains(given)) {
                throw new IllegalArgumentException("oracle '" + factory.name() + "' has no parameter '"
                        + given + "'; its parameters: " + String.join(", ", declared));
            }
        }
    }
}
