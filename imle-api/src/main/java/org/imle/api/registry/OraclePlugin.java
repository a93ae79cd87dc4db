package org.imle.api.registry;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.function.Consumer;

/**
 * A Guice module that contributes named {@link OracleFactory} instances. Plugins are found with
 * {@link java.util.ServiceLoader}: a jar lists its plugin classes in
 * {@code META-INF/services/org.imle.api.registry.OraclePlugin}, and {@link Oracles#discover()} picks them up
 * with no change to this library.
 *
 * <p>Subclasses implement {@link #registerOracles()} and call {@link #register} once per factory.
 */
public abstract class OraclePlugin extends AbstractModule {

    private MapBinder<String, OracleFactory> binder;

    private final DirectRegistration<OracleFactory> direct = new DirectRegistration<>();

    @Override
    protected final void configure() {
        binder = MapBinder.newMapBinder(binder(), String.class, OracleFactory.class);
        registerOracles();
    }

    /** Registers this plugin's factories with {@link #register}. */
    protected abstract void registerOracles();

    /** Registers one factory under its name; two plugins registering one name is an error. */
    protected final void register(OracleFactory factory) {
        if (!direct.offer(factory)) {
            binder.addBinding(factory.name()).toInstance(factory);
        }
    }

    /**
     * Hands this plug-in's factories to {@code to} without Guice: {@link #configure()} is final and
     * does nothing but {@link #registerOracles()}, so the registry can read the factories directly and
     * skip building an injector, which costs a command-line run more than half a second.
     */
    final synchronized void registerInto(Consumer<OracleFactory> to) {
        direct.run(to, this::registerOracles);
    }
}
