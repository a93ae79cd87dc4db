package org.imle.api.registry;

import com.google.inject.AbstractModule;
import com.google.inject.multibindings.MapBinder;
import java.util.function.Consumer;

/**
 * A Guice module that contributes named {@link NoiseFactory} instances, found with
 * {@link java.util.ServiceLoader} through {@code META-INF/services/org.imle.api.registry.NoisePlugin}
 * as oracle and estimator plug-ins are. imle-noise registers Gumbel, Sum-of-Gamma and Gaussian
 * noise this way, so that an estimator's {@code noise} parameter can name them although imle-api
 * cannot see that module.
 *
 * <p>Subclasses implement {@link #registerNoises()} and call {@link #register} once per factory.
 */
public abstract class NoisePlugin extends AbstractModule {

    private MapBinder<String, NoiseFactory> binder;

    private final DirectRegistration<NoiseFactory> direct = new DirectRegistration<>();

    @Override
    protected final void configure() {
        binder = MapBinder.newMapBinder(binder(), String.class, NoiseFactory.class);
        registerNoises();
    }

    /** Registers this plug-in's factories with {@link #register}. */
    protected abstract void registerNoises();

    /** Registers one factory under its name; two plug-ins registering one name is an error. */
    protected final void register(NoiseFactory factory) {
        if (!direct.offer(factory)) {
            binder.addBinding(factory.name()).toInstance(factory);
        }
    }

    /**
     * Hands this plug-in's factories to {@code to} without Guice: {@link #configure()} is final and
     * does nothing but {@link #registerNoises()}, so the registry can read the factories directly and
     * skip building an injector, which costs a command-line run more than half a second.
     */
    final synchronized void registerInto(Consumer<NoiseFactory> to) {
        direct.run(to, this::registerNoises);
    }
}
