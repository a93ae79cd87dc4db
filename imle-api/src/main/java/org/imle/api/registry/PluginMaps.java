package org.imle.api.registry;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.util.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * What the oracle, estimator and noise registries share: plug-ins are Guice modules found with
 * {@link ServiceLoader}, each contributing named factories to one {@link MapBinder}; the registry
 * is the sorted map of them, and two plug-ins registering one name is an error.
 *
 * <p>When every module is one of this package's plug-in bases ({@link OraclePlugin},
 * {@link EstimatorPlugin}, {@link NoisePlugin}), whose {@code configure()} is final and only
 * registers factories, the map is read from them directly; Guice assembles it only when some
 * other module is among them. The map is the same either way, and so are the conflicts.
 */
final class PluginMaps {

    private PluginMaps() {
    }

    /** Every plug-in of {@code type} that {@link ServiceLoader} finds through {@code loader}. */
    static <P extends Module> List<Module> discover(Class<P> type, ClassLoader loader) {
        List<Module> modules = new ArrayList<>();
        for (P plugin : ServiceLoader.load(type, loader)) {
            modules.add(plugin);
        }
        return modules;
    }

    /**
     * The factories the plug-ins register, by name, sorted.
     *
     * @param what names the plug-ins in a conflict message, such as {@code "estimator"}
     * @throws IllegalStateException when two plug-ins register one name
     */
    @SuppressWarnings("unchecked")
    static <F> Map<String, F> assemble(String what, Class<F> factory, List<? extends Module> plugins) {
        if (plugins.stream().allMatch(PluginMaps::readable)) {
            return direct(what, factory, plugins);
        }
        List<Module> modules = new ArrayList<>(plugins);
        // an empty MapBinder so that a registry without plug-ins is valid
        modules.add(binder -> MapBinder.newMapBinder(binder, String.class, factory));
        Map<String, F> map;
        try {
            map = (Map<String, F>) Guice.createInjector(modules)
                    .getInstance(Key.get(Types.mapOf(String.class, factory)));
        } catch (CreationException e) {
            throw new IllegalStateException(what + " plugins conflict: " + e.getErrorMessages(), e);
        }
        return Collections.unmodifiableMap(new TreeMap<>(map));
    }

    private static boolean readable(Module plugin) {
        return plugin instanceof OraclePlugin || plugin instanceof EstimatorPlugin || plugin instanceof NoisePlugin;
    }

    /** The factories of {@code factory}'s type that the plug-ins register; plug-ins of other kinds add none. */
    @SuppressWarnings("unchecked")
    private static <F> Map<String, F> direct(String what, Class<F> factory, List<? extends Module> plugins) {
        Map<String, F> map = new TreeMap<>();
        Map<String, Module> owners = new HashMap<>();
        for (Module plugin : plugins) {
            Consumer<Object> sink = f -> {
                if (f == null) {
                    throw new IllegalStateException(what + " plugin " + plugin.getClass().getName()
                            + " registered null");
                }
                String name = nameOf(f);
                Module before = owners.putIfAbsent(name, plugin);
                if (before != null) {
                    throw new IllegalStateException(what + " plugins conflict: '" + name + "' is registered by both "
                            + before.getClass().getName() + " and " + plugin.getClass().getName());
                }
                map.put(name, (F) f);
            };
            if (plugin instanceof OraclePlugin p && factory == OracleFactory.class) {
                p.registerInto(sink::accept);
            } else if (plugin instanceof EstimatorPlugin p && factory == EstimatorFactory.class) {
                p.registerInto(sink::accept);
            } else if (plugin instanceof NoisePlugin p && factory == NoiseFactory.class) {
                p.registerInto(sink::accept);
            }
        }
        return Collections.unmodifiableMap(map);
    }

    private static String nameOf(Object factory) {
        String name;
        if (factory instanceof OracleFactory f) {
            name = f.name();
        } else if (factory instanceof EstimatorFactory f) {
            name = f.name();
        } else {
            name = ((NoiseFactory) factory).name();
        }
        if (name == null) {
            throw new IllegalStateException("a plugin registered a factory without a name: " + factory);
        }
        return name;
    }
}
