package org.imle.api.registry;

import java.util.List;
import java.util.function.Function;
import org.imle.api.MapOracle;

/**
 * Makes oracles of one family from named parameters; registered under its {@link #name()} by an
 * {@link OraclePlugin}.
 */
public interface OracleFactory {

    /** The name the registry and the command line use, such as {@code top-k}. */
    String name();

    /** One line saying what the oracle solves and how theta and z encode it. */
    String description();

    /** The parameters {@link #create} reads. */
    List<ParameterSpec> parameters();

    /**
     * Creates an oracle.
     *
     * @throws IllegalArgumentException naming the parameter when one is missing, of the wrong type
     *     or out of range
     */
    MapOracle create(Parameters parameters);

    /**
     * A factory without parameters, for the common case of a plugin that offers one fixed oracle:
     * {@code register(OracleFactory.of("my-ilp", "what it solves", p -> myOracle()))}. Parameters
     * passed to {@link #create} are refused by name, since the factory reads none.
     *
     * @throws IllegalArgumentException if the name is blank or an argument is null
     */
    static OracleFactory of(String name, String description, Function<Parameters, MapOracle> create) {
        if (name == null || name.isBlank() || description == null || create == null) {
            throw new IllegalArgumentException("an oracle factory needs a name, a description and a create function");
        }
        return new OracleFactory() {
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
                return List.of();
            }

            @Override
            public MapOracle create(Parameters parameters) {
                if (!parameters.asMap().isEmpty()) {
                    throw new IllegalArgumentException("oracle '" + name + "' takes no parameters, got "
                            + parameters.asMap().keySet());
                }
                MapOracle oracle = create.apply(parameters);
                if (oracle == null) {
                    throw new IllegalStateException("oracle '" + name + "': the create function returned null");
                }
                return oracle;
            }
        };
    }
}
