package org.imle.api.registry;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.function.Consumer;

/**
 * A Guice module that contributes named {@link EstimatorFactory} instances, as
 * {@link OraclePlugin} does for oracles. Plug-ins are found with {@link java.util.ServiceLoader}: a
 * jar lists its plug-in classes in {@code META-INF/services/org.imle.api.registry.EstimatorPlugin},
 * and {@link EstimatorRegistry#discover()} picks them up with no change to this library.
 *
 * <p>Subclasses implement {@link #registerEstimators()} and call {@link #register} once per factory.
 */
public abstract class EstimatorPlugin extends AbstractModule {

    private MapBinder<String, EstimatorFactory> binder;

    private final DirectRegistration<EstimatorFactory> direct = new DirectRegistration<>();

    @Override
    protected final void configure() {
        binder = MapBinder.newMapBinder(binder(), String.class, EstimatorFactory.class);
        registerEstimators();
    }

    /** Registers this plug-in's factories with {@link #register}. */
    protected abstract void registerEstimators();

    /** Registers one factory under its name; two plug-ins registering one name is an error. */
    protected final void register(EstimatorFactory factory) {
        if (!direct.offer(factory)) {
            binder.addBinding(factory.name()).toInstance(factory);
        }
    }

    /**
     * Hands this plug-in's factories to {@code to} without Guice: {@link #configure()} is final and
     * does nothing but {@link #registerEstimators()}, so the registry can read the factories directly and
     * skip building an injector, which costs a command-line run more than half a second.
     */
    final synchronized void registerInto(Consumer<EstimatorFactory> to) {
        direct.run(to, this::registerEstimators);
    }
}
