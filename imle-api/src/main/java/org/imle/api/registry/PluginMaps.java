package org.imle.api.registry;

import com.google.inject.CreationException;
import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.Module;
import com.google.inject.multibindings.MapBinder;
import com.google.inject.util.Types;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * What the estimator and noise registries share: plug-ins are Guice modules found with
 * {@link ServiceLoader}, each contributing named factories to one {@link MapBinder}; the registry
 * is the sorted map Guice assembles, and two plug-ins registering one name is an error.
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
}
