package org.imle.api.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.imle.api.NoiseDistribution;

/**
 * Makes noise distributions of one family from named parameters; registered under its
 * {@link #name()} by a {@link NoisePlugin}, and named by an estimator's {@code noise} parameter.
 */
public interface NoiseFactory {

    /** The name estimators and the command line use, such as {@code gumbel}. */
    String name();

    /** One line saying what the noise is. */
    String description();

    /** The parameters {@link #create} reads. */
    List<ParameterSpec> parameters();

    /**
     * Creates a noise distribution.
     *
     * @throws IllegalArgumentException naming the parameter when one is unknown, missing or out of range
     */
    NoiseDistribution create(Parameters parameters);

    /**
     * A factory whose parameters are the given settings: a parameter none of them declares is
     * refused by name, and {@code create} reads the values with {@link Setting#read(Parameters)}.
     */
    static NoiseFactory of(String name, String description, List<Setting<?>> settings,
            Function<Parameters, NoiseDistribution> create) {
        if (name == null || name.isBlank() || description == null || settings == null || create == null) {
            throw new IllegalArgumentException("a noise factory needs a name, a description, settings and a create function");
        }
        return new Declared(name, description, List.copyOf(settings), create);
    }

    /** The factory {@link #of} makes. */
    record Declared(String name, String description, List<Setting<?>> settings,
            Function<Parameters, NoiseDistribution> make) implements NoiseFactory {

        @Override
        public List<ParameterSpec> parameters() {
            List<ParameterSpec> specs = new ArrayList<>();
            settings.forEach(s -> specs.add(s.spec()));
            return specs;
        }

        @Override
        public NoiseDistribution create(Parameters parameters) {
            List<String> known = settings.stream().map(Setting::name).toList();
            for (String key : parameters.asMap().keySet()) {
                if (!known.contains(key)) {
                    throw new IllegalArgumentException("noise '" + name + "' has no parameter '" + key + "'; known: "
                            + known);
                }
            }
            NoiseDistribution noise = make.apply(parameters);
            if (noise == null) {
                throw new IllegalStateException("noise '" + name + "': the create function returned null");
            }
            return noise;
        }
    }
}
