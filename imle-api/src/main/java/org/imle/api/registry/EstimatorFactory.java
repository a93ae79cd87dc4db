package org.imle.api.registry;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.StructuredLoss;

/**
 * Makes the builder of one estimator or structured loss from an oracle and named parameters;
 * registered under its {@link #name()} by an {@link EstimatorPlugin}. The registry lists its
 * {@link #parameters()} (for {@code imle estimators}) and callers finish the builder it returns
 * with their own seed and executor.
 *
 * <p>Most factories are {@link #estimator} or {@link #loss}: a name, a description, a function
 * that starts the builder around the oracle, and the builder's {@link Setting}s. A parameter no
 * setting declares is refused by name, so a misspelt parameter never falls back to a default.
 */
public interface EstimatorFactory {

    /** What a registered method is. */
    enum Kind {
        /**
         * A {@link GradientEstimator}: samples structures forward and turns dL/dz into dL/dtheta
         * backward, so any loss of the structures can follow it.
         */
        ESTIMATOR,
        /**
         * A {@link StructuredLoss}: a loss of theta against a supervision row (a gold structure or
         * the true objective) whose gradient comes from the solver, without dL/dz.
         */
        LOSS;

        /** {@code estimator} or {@code loss}, as listings show it. */
        public String label() {
            return this == ESTIMATOR ? "estimator" : "loss";
        }
    }

    /** The name the registry and the command line use, such as {@code imle}. */
    String name();

    /** One line saying what it computes, with its reference. */
    String description();

    Kind kind();

    /**
     * For a {@link Kind#LOSS}, what its supervision row holds, as {@link StructuredLoss#supervisionName()}
     * says it ({@code target}: gold structures; {@code trueTheta}: the true objective, costs negated);
     * {@code null} for an estimator.
     */
    String supervision();

    /** The parameters {@link #builder} reads, in the order they are applied. */
    List<ParameterSpec> parameters();

    /**
     * Starts a builder around {@code oracle} with {@code parameters} applied; the caller sets the
     * seed and the executor and builds.
     *
     * @param noises resolves a {@code noise} parameter given by name
     * @throws IllegalArgumentException naming the parameter when one is unknown, malformed or out
     *     of range, or when the method cannot work with this oracle
     */
    EstimatorBuilder<?, ?> builder(MapOracle oracle, Parameters parameters, NoiseRegistry noises);

    /**
     * A factory of a {@link GradientEstimator}.
     *
     * @param start the builder of the method around an oracle, at its defaults
     * @param settings the builder's settings the registry may set, in the order they are applied
     */
    static <B extends EstimatorBuilder<B, ? extends GradientEstimator>> EstimatorFactory estimator(String name,
            String description, Function<MapOracle, B> start, List<Setting.Bound<? super B>> settings) {
        return new Declared<>(name, description, Kind.ESTIMATOR, null, start, settings);
    }

    /**
     * A factory of a {@link StructuredLoss} supervised by rows named {@code supervision}.
     *
     * @param start the builder of the loss around an oracle, at its defaults
     * @param settings the builder's settings the registry may set, in the order they are applied
     */
    static <B extends EstimatorBuilder<B, ? extends StructuredLoss>> EstimatorFactory loss(String name,
            String supervision, String description, Function<MapOracle, B> start,
            List<Setting.Bound<? super B>> settings) {
        if (supervision == null || supervision.isBlank()) {
            throw new IllegalArgumentException("loss '" + name + "' needs the name of its supervision");
        }
        return new Declared<>(name, description, Kind.LOSS, supervision, start, settings);
    }

    /**
     * The factory {@link #estimator} and {@link #loss} make: settings applied in their order.
     *
     * @param start the builder of the method around an oracle, at its defaults
     * @param settings what the registry may set, in the order it applies them
     */
    record Declared<B extends EstimatorBuilder<B, ?>>(String name, String description, Kind kind, String supervision,
            Function<MapOracle, B> start, List<Setting.Bound<? super B>> settings) implements EstimatorFactory {

        public Declared {
            if (name == null || name.isBlank() || description == null || start == null || settings == null) {
                throw new IllegalArgumentException("an estimator factory needs a name, a description, a builder "
                        + "and its settings");
            }
            settings = List.copyOf(settings);
        }

        @Override
        public List<ParameterSpec> parameters() {
            List<ParameterSpec> specs = new ArrayList<>();
            for (Setting.Bound<? super B> s : settings) {
                specs.add(s.setting().spec());
            }
            return specs;
        }

        @Override
        public EstimatorBuilder<?, ?> builder(MapOracle oracle, Parameters parameters, NoiseRegistry noises) {
            if (oracle == null) {
                throw new IllegalArgumentException("oracle must not be null");
            }
            List<String> declared = new ArrayList<>();
            for (Setting.Bound<? super B> s : settings) {
                declared.add(s.setting().name());
            }
            for (String given : parameters.asMap().keySet()) {
                if (!declared.contains(given)) {
                    throw new IllegalArgumentException("estimator '" + name + "' has no parameter '" + given + "'; "
                            + (declared.isEmpty() ? "it takes none" : "its parameters: " + String.join(", ", declared)));
                }
            }
            B builder = start.apply(oracle);
            for (Setting.Bound<? super B> s : settings) {
                s.apply(builder, parameters, noises);
            }
            builder.label("estimator '" + name + "'");
            return builder;
        }

        @Override
        public String toString() {
            return kind.label() + " " + name;
        }
    }
}
