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
        List<Setting<?>> declared = List.copyOf(settings);
        return new NoiseFactory() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public String description() {
                return description;
            }

            @Override
            public List<ParameterSpec> parameters() {
                List<ParameterSpec> specs = new ArrayList<>();
                declared.forEach(s -> specs.add(s.spec()));
                return specs;
            }

            @Override
            public NoiseDistribution create(Parameters parameters) {
                List<String> known = declared.stream().map(Setting::name).toList();
                for (String key : parameters.asMap().keySet()) {
                    if (!known.contains(key)) {
                        throw new IllegalArgumentException("noise '" + name + "' has no parameter '" + key
                                + "'; known: " + known);
                    }
                }
                NoiseDistribution noise = create.apply(parameters);
                if (noise == null) {
                    throw new IllegalStateException("noise '" + name + "': the create function returned null");
                }
                return noise;
            }
        };
    }
}
