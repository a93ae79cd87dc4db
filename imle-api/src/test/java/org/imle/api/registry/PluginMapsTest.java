package org.imle.api.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Module;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.imle.api.estimator.EstimatorsPlugin;
import org.imle.api.loss.LossesPlugin;
import org.junit.jupiter.api.Test;

/**
 * The registries read plug-ins built on this package's bases without Guice, and only modules of
 * another kind make them build an injector; both paths must give the same registry and the same
 * conflicts. A plain Guice module that binds nothing forces the injector path here.
 */
class PluginMapsTest {

    private static final Module PLAIN_GUICE_MODULE = binder -> { };

    /** Names to factory classes: the factories are new instances each time a plug-in registers. */
    private static Map<String, Class<?>> classes(Map<String, ?> factories) {
        Map<String, Class<?>> out = new LinkedHashMap<>();
        factories.forEach((name, f) -> out.put(name, f.getClass()));
        return out;
    }

    @Test
    void readsEstimatorPluginsDirectlyAsGuiceAssemblesThem() {
        Map<String, EstimatorFactory> direct = PluginMaps.assemble("estimator", EstimatorFactory.class,
                List.of(new EstimatorsPlugin(), new LossesPlugin()));
        Map<String, EstimatorFactory> guice = PluginMaps.assemble("estimator", EstimatorFactory.class,
                List.of(new EstimatorsPlugin(), new LossesPlugin(), PLAIN_GUICE_MODULE));
        assertTrue(direct.size() > 10, direct.keySet().toString());
        assertEquals(List.copyOf(guice.keySet()), List.copyOf(direct.keySet()), "same names, sorted");
        assertEquals(classes(guice), classes(direct));
        assertTrue(direct.containsKey("spo+") && direct.containsKey("imle"), direct.keySet().toString());
    }

    @Test
    void readsNoiseAndOraclePluginsDirectlyAsGuiceAssemblesThem() {
        NoisePlugin noises = new NoisePlugin() {
            @Override
            protected void registerNoises() {
                register(NoiseRegistry.NONE);
            }
        };
        assertEquals(Map.of("none", NoiseRegistry.NONE),
                PluginMaps.assemble("noise", NoiseFactory.class, List.of(noises)));
        assertEquals(Map.of("none", NoiseRegistry.NONE),
                PluginMaps.assemble("noise", NoiseFactory.class, List.of(noises, PLAIN_GUICE_MODULE)));
        OracleFactory top = OracleFactory.of("test-top", "a test oracle", p -> null);
        OraclePlugin oracles = new OraclePlugin() {
            @Override
            protected void registerOracles() {
                register(top);
            }
        };
        assertEquals(List.of("test-top"), Oracles.of(oracles).names());
        assertEquals(List.of("test-top"), Oracles.of(oracles, PLAIN_GUICE_MODULE).names());
    }

    @Test
    void aPluginOfAnotherKindAddsNothingOnEitherPath() {
        assertEquals(List.of(), Oracles.of(new EstimatorsPlugin()).names());
        assertEquals(List.of(), Oracles.of(new EstimatorsPlugin(), PLAIN_GUICE_MODULE).names());
    }

    @Test
    void twoPluginsRegisteringOneNameConflictOnEitherPath() {
        IllegalStateException direct = assertThrows(IllegalStateException.class,
                () -> PluginMaps.assemble("estimator", EstimatorFactory.class,
                        List.of(new EstimatorsPlugin(), new EstimatorsPlugin())));
        assertTrue(direct.getMessage().startsWith("estimator plugins conflict: '"), direct.getMessage());
        assertTrue(direct.getMessage().contains("is registered by both org.imle.api.estimator.EstimatorsPlugin and "
                + "org.imle.api.estimator.EstimatorsPlugin"), direct.getMessage());
        IllegalStateException guice = assertThrows(IllegalStateException.class,
                () -> PluginMaps.assemble("estimator", EstimatorFactory.class,
                        List.of(new EstimatorsPlugin(), new EstimatorsPlugin(), PLAIN_GUICE_MODULE)));
        assertTrue(guice.getMessage().startsWith("estimator plugins conflict"), guice.getMessage());
    }

    @Test
    void aPluginCanBeReadAgainAndStillWorksAsAGuiceModule() {
        EstimatorsPlugin plugin = new EstimatorsPlugin();
        Map<String, EstimatorFactory> first = PluginMaps.assemble("estimator", EstimatorFactory.class, List.of(plugin));
        Map<String, EstimatorFactory> again = PluginMaps.assemble("estimator", EstimatorFactory.class, List.of(plugin));
        Map<String, EstimatorFactory> guice = PluginMaps.assemble("estimator", EstimatorFactory.class,
                List.of(plugin, PLAIN_GUICE_MODULE));
        assertEquals(first.keySet(), again.keySet());
        assertEquals(first.keySet(), guice.keySet());
    }
}
