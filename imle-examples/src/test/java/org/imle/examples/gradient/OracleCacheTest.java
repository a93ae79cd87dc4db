package org.imle.examples.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.imle.api.MapOracle;
import org.imle.api.registry.Oracles;
import org.junit.jupiter.api.Test;

/** Oracles are built once per (name, parameters) and the cache stays bounded. */
class OracleCacheTest {

    private static final String K_SUBSET = "test-k-subset";

    private static Map<String, Object> params(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @Test
    void reusesAnOracleWhateverTheOrderOfItsParameters() {
        OracleCache cache = new OracleCache(Oracles.discover(), 4);
        MapOracle a = cache.get(K_SUBSET, params("n", 5, "k", 2));
        assertSame(a, cache.get(K_SUBSET, params("k", 2, "n", 5)));
        assertNotSame(a, cache.get(K_SUBSET, params("n", 5, "k", 3)));
        assertEquals(2, cache.size());
    }

    @Test
    void evictsTheLeastRecentlyUsedBeyondItsCapacity() {
        OracleCache cache = new OracleCache(Oracles.discover(), 2);
        MapOracle one = cache.get(K_SUBSET, params("n", 1));
        MapOracle two = cache.get(K_SUBSET, params("n", 2));
        assertSame(one, cache.get(K_SUBSET, params("n", 1))); // one is now the most recent
        cache.get(K_SUBSET, params("n", 3)); // evicts two
        assertEquals(2, cache.size());
        assertSame(one, cache.get(K_SUBSET, params("n", 1)));
        assertNotSame(two, cache.get(K_SUBSET, params("n", 2)));
    }

    @Test
    void refusesParametersTheFactoryDoesNotDeclare() {
        OracleCache cache = new OracleCache(Oracles.discover(), 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> cache.get(K_SUBSET, params("n", 3, "K", 1)));
        assertEquals("oracle 'test-k-subset' has no parameter 'K'; its parameters: n, k", e.getMessage());
        assertEquals(0, cache.size());
    }
}
