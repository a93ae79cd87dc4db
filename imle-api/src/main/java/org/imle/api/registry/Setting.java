package org.imle.api.registry;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.imle.api.NoiseDistribution;

/**
 * One parameter of an estimator, a loss or a noise, declared once: its name, type, default and
 * meaning, and how its value is read from {@link Parameters}. The builder that owns it starts from
 * {@link #defaultValue()}, the registries list it as {@link #spec()}, and {@link #on} binds it to
 * the builder's setter so that a registry can apply a parameter map to a builder. Immutable.
 *
 * <pre>{@code
 *   public static final Setting<Double> LAMBDA = Setting.real("lambda", 10.0, "the step towards the target (> 0)");
 *   private double lambda = LAMBDA.defaultValue();
 *   ...
 *   LAMBDA.on(Builder::lambda)                    // in the factory's list of settings
 * }</pre>
 *
 * <p>Some defaults are not one value: AIMLE's lambda is "adaptive", its target fraction is 1/n. Such
 * a setting has a {@link ParameterSpec#defaultValue() default text} and no default value; the
 * builder then keeps its own marker for "not set" and computes the default at {@code build()}, as
 * the text says.
 *
 * @param <V> the value type
 */
public final class Setting<V> {

    /** Reads a present value; errors name the parameter (through {@link Parameters}). */
    @FunctionalInterface
    public interface Reader<V> {
        V read(Parameters parameters, String name, NoiseRegistry noises);
    }

    private final String name;
    private final String type;
    private final String description;
    private final String defaultText;
    private final Supplier<? extends V> defaultValue;
    private final Reader<V> reader;

    private Setting(String name, String type, String defaultText, Supplier<? extends V> defaultValue,
            String description, Reader<V> reader) {
        if (name == null || name.isBlank() || type == null || description == null || reader == null) {
            throw new IllegalArgumentException("a setting needs a name, a type, a description and a reader");
        }
        this.name = name;
        this.type = type;
        this.defaultText = defaultText;
        this.defaultValue = defaultValue;
        this.description = description;
        this.reader = reader;
    }

    /** A general setting: {@code defaultText} null means required; {@code defaultValue} null means computed. */
    public static <V> Setting<V> of(String name, String type, String defaultText, Supplier<? extends V> defaultValue,
            String description, Reader<V> reader) {
        return new Setting<>(name, type, defaultText, defaultValue, description, reader);
    }

    /** A finite real number with a default. */
    public static Setting<Double> real(String name, double defaultValue, String description) {
        return new Setting<>(name, "double", text(defaultValue), () -> defaultValue, description,
                (p, n, noises) -> p.getDouble(n));
    }

    /** A finite real number whose default is computed by the builder, as {@code defaultText} says. */
    public static Setting<Double> real(String name, String defaultText, String description) {
        return new Setting<>(name, "double", defaultText, null, description, (p, n, noises) -> p.getDouble(n));
    }

    /** An integer with a default. */
    public static Setting<Integer> integer(String name, int defaultValue, String description) {
        return new Setting<>(name, "int", Integer.toString(defaultValue), () -> defaultValue, description,
                (p, n, noises) -> p.getInt(n));
    }

    /** An integer without a default: reading it when absent is an error naming it. */
    public static Setting<Integer> requiredInteger(String name, String description) {
        return new Setting<>(name, "int", null, null, description, (p, n, noises) -> p.getInt(n));
    }

    /** {@code true} or {@code false}, with a default. */
    public static Setting<Boolean> bool(String name, boolean defaultValue, String description) {
        return new Setting<>(name, "boolean", Boolean.toString(defaultValue), () -> defaultValue, description,
                (p, n, noises) -> p.getBoolean(n, defaultValue));
    }

    /**
     * A value named by a string, such as a scaling or a perturbation, parsed by {@code parse} (whose
     * errors say the accepted names); {@code defaultValue} null means the builder computes it as
     * {@code defaultText} says.
     */
    public static <E> Setting<E> choice(String name, String defaultText, E defaultValue, Function<String, E> parse,
            String description) {
        Objects.requireNonNull(parse, "parse");
        return new Setting<>(name, "string", defaultText, defaultValue == null ? null : () -> defaultValue,
                description, (p, n, noises) -> parse.apply(p.getString(n)));
    }

    /**
     * A noise distribution, given as a name ({@code "gumbel"}), a map with a {@code name} and the
     * noise's parameters, or a {@link NoiseDistribution} itself; resolved by the registry's
     * {@link NoiseRegistry}. The default is a name: {@code none} is {@link NoiseDistribution#none()},
     * any other is resolved through {@link NoiseRegistry#standard()} when first asked for, so that a
     * builder whose noise is set never looks for plug-ins.
     *
     * @param kind the type the estimator needs ({@link NoiseDistribution}, or a narrower one such as
     *     {@link org.imle.api.DifferentiableNoise}); a noise of another type is refused by name
     */
    public static <N extends NoiseDistribution> Setting<N> noise(String name, String defaultNoise, Class<N> kind,
            String description) {
        Objects.requireNonNull(kind, "kind");
        Supplier<N> byDefault = () -> narrow(name, kind, "none".equals(defaultNoise) ? NoiseDistribution.none()
                : standardNoise(name, defaultNoise));
        return new Setting<>(name, "noise", defaultNoise, byDefault, description,
                (p, n, noises) -> narrow(n, kind, (noises == null ? NoiseRegistry.standard() : noises)
                        .create(p.asMap().get(n))));
    }

    private static NoiseDistribution standardNoise(String parameter, String noise) {
        NoiseRegistry standard = NoiseRegistry.standard();
        if (!standard.names().contains(noise)) {
            throw new IllegalArgumentException("the default " + parameter + " '" + noise + "' is not on the class path "
                    + "(imle-noise registers it; known: " + standard.names() + "); set one explicitly");
        }
        return standard.create(noise, java.util.Map.of());
    }

    private static <N extends NoiseDistribution> N narrow(String name, Class<N> kind, NoiseDistribution noise) {
        if (!kind.isInstance(noise)) {
            throw new IllegalArgumentException(name + " must be a " + kindName(kind) + ", got '" + noise.name() + "'");
        }
        return kind.cast(noise);
    }

    private static String kindName(Class<?> kind) {
        return kind == org.imle.api.DifferentiableNoise.class ? "noise with a smooth density (gaussian or gumbel)"
                : kind.getSimpleName();
    }

    /** 10 for 10.0, 0.9, 1e-4 for 1.0E-4: the shortest form that reads back as the same double. */
    private static String text(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v).replace('E', 'e').replaceAll("\\.0(?=e)", "");
    }

    public String name() {
        return name;
    }

    /** Whether the setting has no default at all. */
    public boolean required() {
        return defaultText == null;
    }

    /** The listing of this setting: name, type, required or default text, meaning. */
    public ParameterSpec spec() {
        return required() ? ParameterSpec.required(name, type, description)
                : ParameterSpec.optional(name, type, defaultText, description);
    }

    /**
     * The default value, which a builder starts from.
     *
     * @throws IllegalStateException when the setting is required or its default is computed by the builder
     */
    public V defaultValue() {
        if (defaultValue == null) {
            throw new IllegalStateException("setting '" + name + "' has no default value"
                    + (required() ? "" : " (its default is " + defaultText + ")"));
        }
        return defaultValue.get();
    }

    /**
     * The value in {@code parameters}, or the default when it is absent ({@code null} when the
     * default is computed by the builder).
     *
     * @throws IllegalArgumentException naming the parameter when it is malformed, or missing and required
     */
    public V read(Parameters parameters, NoiseRegistry noises) {
        if (parameters.has(name) || required()) {
            return reader.read(parameters, name, noises);
        }
        return defaultValue == null ? null : defaultValue.get();
    }

    /** {@link #read(Parameters, NoiseRegistry)} for settings that are not noises. */
    public V read(Parameters parameters) {
        return read(parameters, null);
    }

    /** This setting applied through a builder's setter, for a factory's list of settings. */
    public <B> Bound<B> on(BiConsumer<? super B, ? super V> setter) {
        return new Bound<>(this, setter);
    }

    @Override
    public String toString() {
        return name + " (" + type + (required() ? ", required" : ", default " + defaultText) + ")";
    }

    /**
     * A setting and the builder setter it goes through. {@link #apply} sets the value only when the
     * parameters hold it: an absent parameter leaves the builder's own default in place.
     *
     * @param <B> the builder type
     */
    public static final class Bound<B> {
        private final Setting<?> setting;
        private final BiConsumer<? super B, Object> setter;

        @SuppressWarnings("unchecked")
        private <V> Bound(Setting<V> setting, BiConsumer<? super B, ? super V> setter) {
            this.setting = setting;
            this.setter = (BiConsumer<? super B, Object>) Objects.requireNonNull(setter, "setter");
        }

        public Setting<?> setting() {
            return setting;
        }

        /** Sets the value of {@code parameters} on the builder, if present. */
        public void apply(B builder, Parameters parameters, NoiseRegistry noises) {
            if (parameters.has(setting.name())) {
                setter.accept(builder, setting.reader.read(parameters, setting.name(), noises));
            }
        }
    }
}
