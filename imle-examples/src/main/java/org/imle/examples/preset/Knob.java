package org.imle.examples.preset;

/**
 * A number an experiment's {@link Presets} leave to the command line: each knob is one option of
 * {@code EstimatorOptions} ({@code --lambda}, ...), and a preset puts it where it belongs in the
 * parameters of its method (I-MLE's {@code lambda}, the noise's {@code k}, ...). The same knob means
 * the same thing in every command; its default is the experiment's.
 */
public enum Knob {
    /** The step towards the I-MLE target, or the blackbox interpolation step. */
    LAMBDA("--lambda", "Lambda of", Double.class),
    /** The scale of the perturbation noise. */
    TEMPERATURE("--temperature", "Noise scale of", Double.class),
    /** S, structures sampled per example. */
    SAMPLES("--samples", "Samples per example of", Integer.class),
    /** The k of the Sum-of-Gamma noise (0: the experiment's own choice). */
    NOISE_K("--noise-k", "The k of the Sum-of-Gamma noise of", Integer.class),
    /** The temperature of a relaxation (an experiment's own method). */
    TAU("--tau", "Relaxation temperature of", Double.class),
    /**
     * How Sum-of-Gamma noise is drawn: {@code exact} (s Gamma draws a value) or {@code tabulated}
     * (one uniform a value from the tabulated law, within 2.5e-4 of it in Kolmogorov distance); a
     * preset puts it into the noise's {@code tabulated} parameter ({@link #parameterValue}).
     */
    NOISE_SAMPLER("--noise-sampler", "Sum-of-Gamma draws (exact: s Gamma draws a value; tabulated: one"
            + " uniform a value, within 2.5e-4 in Kolmogorov distance) of", String.class);

    /** The values of {@link #NOISE_SAMPLER}. */
    public static final String EXACT = "exact";
    public static final String TABULATED = "tabulated";

    private final String option;
    private final String phrase;
    private final Class<?> type;

    Knob(String option, String phrase, Class<?> type) {
        this.option = option;
        this.phrase = phrase;
        this.type = type;
    }

    /** The command-line option, such as {@code --lambda}. */
    public String option() {
        return option;
    }

    /** What it is, followed by the methods that use it in a help line: "Lambda of imle, blackbox". */
    public String phrase() {
        return phrase;
    }

    /** {@code Double}, {@code Integer} or {@code String}. */
    public Class<?> type() {
        return type;
    }

    /**
     * Checks a value given for this knob.
     *
     * @return the value
     * @throws IllegalArgumentException naming the option when it is out of range
     */
    public Object check(Object value) {
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException(option + " must be a " + type.getSimpleName() + ", got " + value);
        }
        if (this == NOISE_SAMPLER) {
            if (!value.equals(EXACT) && !value.equals(TABULATED)) {
                throw new IllegalArgumentException(option + " must be " + EXACT + " or " + TABULATED + ", got "
                        + value);
            }
            return value;
        }
        double v = ((Number) value).doubleValue();
        boolean ok = switch (this) {
            case LAMBDA, TAU -> v > 0 && Double.isFinite(v);
            case TEMPERATURE -> v >= 0 && Double.isFinite(v);
            case SAMPLES -> v >= 1 && v <= 1000;
            case NOISE_K -> v >= 0;
            case NOISE_SAMPLER -> throw new AssertionError(this);
        };
        if (!ok) {
            String range = switch (this) {
                case LAMBDA, TAU -> "> 0 and finite";
                case TEMPERATURE -> ">= 0 and finite";
                case SAMPLES -> "in 1..1000";
                case NOISE_K -> ">= 1 (or 0 for the experiment's default)";
                case NOISE_SAMPLER -> throw new AssertionError(this);
            };
            throw new IllegalArgumentException(option + " must be " + range + ", got " + value);
        }
        return value;
    }

    /**
     * What a preset's parameter receives for this knob's value: the value itself, except
     * {@link #NOISE_SAMPLER}, which becomes the noise's boolean {@code tabulated}.
     */
    public Object parameterValue(Object value) {
        return this == NOISE_SAMPLER ? (Object) TABULATED.equals(value) : value;
    }
}
