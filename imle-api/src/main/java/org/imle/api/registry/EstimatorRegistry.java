package org.imle.api.registry;

import com.google.inject.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.StructuredLoss;

/**
 * The registry of estimators and structured losses, beside {@link Oracles}: lists their names,
 * kinds and parameters, and starts the builder of one from a name, an oracle and parameters. The
 * caller finishes the builder with its seed and executor:
 * <pre>{@code
 *   EstimatorRegistry registry = EstimatorRegistry.discover();
 *   GradientEstimator imle = registry.estimator("imle", oracle,
 *           Map.of("lambda", 20, "noise", Map.of("name", "sum-of-gamma", "k", 5))).seed(1).build();
 *   StructuredLoss spo = registry.loss("spo+", oracle, Map.of()).build();
 * }</pre>
 * Each parameter is declared once, as a {@link Setting} of the builder, so the defaults listed
 * here are the builder's own. A {@code noise} parameter is resolved by name through the registry's
 * {@link #noises()}. Plug-ins ({@link EstimatorPlugin}, {@link NoisePlugin}) are found with
 * {@link java.util.ServiceLoader}, so a method in a user's jar is listed and usable without any
 * change here. Immutable and thread-safe; the builders it returns are not shared.
 */
public final class EstimatorRegistry {

    private final Map<String, EstimatorFactory> factories;
    private final NoiseRegistry noises;

    private EstimatorRegistry(Map<String, EstimatorFactory> factories, NoiseRegistry noises) {
        this.factories = factories;
        this.noises = noises;
    }

    /** Builds the registry from every estimator and noise plug-in {@link java.util.ServiceLoader} finds. */
    public static EstimatorRegistry discover() {
        return discover(EstimatorRegistry.class.getClassLoader());
    }

    /** Builds the registry from the estimator and noise plug-ins visible to one class loader. */
    public static EstimatorRegistry discover(ClassLoader loader) {
        return of(NoiseRegistry.discover(loader),
                PluginMaps.discover(EstimatorPlugin.class, loader).toArray(new Module[0]));
    }

    /** Builds the registry from the given estimator plug-ins only, resolving noises with {@code noises}. */
    public static EstimatorRegistry of(NoiseRegistry noises, Module... plugins) {
        if (noises == null) {
            throw new IllegalArgumentException("noise registry must not be null");
        }
        return new EstimatorRegistry(PluginMaps.assemble("estimator", EstimatorFactory.class, List.of(plugins)),
                noises);
    }

    /** The registered names, sorted. */
    public List<String> names() {
        return new ArrayList<>(factories.keySet());
    }

    /** The noises a {@code noise} parameter can name. */
    public NoiseRegistry noises() {
        return noises;
    }

    /** The factory registered under a name. */
    public EstimatorFactory factory(String name) {
        EstimatorFactory f = name == null ? null : factories.get(name);
        if (f == null) {
            throw new IllegalArgumentException("unknown estimator '" + name + "'; known: " + String.join(", ", names()));
        }
        return f;
    }

    /**
     * Starts the builder of the named method around {@code oracle} with {@code parameters} applied
     * (values as JSON gives them: numbers, strings, booleans, maps for a noise; an absent parameter
     * keeps the builder's default).
     *
     * @throws IllegalArgumentException for an unknown name, an unknown, malformed or invalid
     *     parameter, or an oracle the method cannot use; the message starts with {@code estimator 'NAME'}
     */
    public EstimatorBuilder<?, ?> builder(String name, MapOracle oracle, Map<String, ?> parameters) {
        EstimatorFactory f = factory(name);
        try {
            return f.builder(oracle, Parameters.describedAs("estimator '" + name + "'", parameters), noises);
        } catch (IllegalArgumentException e) {
            throw named("estimator '" + name + "'", e);
        }
    }

    /**
     * {@link #builder} for a method of kind {@link EstimatorFactory.Kind#ESTIMATOR}.
     *
     * @throws IllegalArgumentException also when the method is a structured loss
     */
    @SuppressWarnings("unchecked")
    public EstimatorBuilder<?, ? extends GradientEstimator> estimator(String name, MapOracle oracle,
            Map<String, ?> parameters) {
        EstimatorFactory f = factory(name);
        if (f.kind() != EstimatorFactory.Kind.ESTIMATOR) {
            throw new IllegalArgumentException("estimator '" + name + "' is a structured loss supervised by '"
                    + f.supervision() + "', not an estimator of dL/dz");
        }
        return (EstimatorBuilder<?, ? extends GradientEstimator>) builder(name, oracle, parameters);
    }

    /**
     * {@link #builder} for a method of kind {@link EstimatorFactory.Kind#LOSS}.
     *
     * @throws IllegalArgumentException also when the method is an estimator
     */
    @SuppressWarnings("unchecked")
    public EstimatorBuilder<?, ? extends StructuredLoss> loss(String name, MapOracle oracle,
            Map<String, ?> parameters) {
        EstimatorFactory f = factory(name);
        if (f.kind() != EstimatorFactory.Kind.LOSS) {
            throw new IllegalArgumentException("estimator '" + name + "' is an estimator of dL/dz, not a structured loss");
        }
        return (EstimatorBuilder<?, ? extends StructuredLoss>) builder(name, oracle, parameters);
    }

    /** An error naming the method, unless its message already starts with that name. */
    static IllegalArgumentException named(String label, IllegalArgumentException e) {
        String message = e.getMessage();
        if (label == null || (message != null && message.startsWith(label))) {
            return e;
        }
        return new IllegalArgumentException(label + ": " + message, e);
    }
}
