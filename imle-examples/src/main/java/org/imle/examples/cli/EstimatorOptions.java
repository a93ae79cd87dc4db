package org.imle.examples.cli;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.imle.examples.preset.Choice;
import org.imle.examples.preset.Knob;
import org.imle.examples.preset.Presets;
import picocli.CommandLine.Command;
import picocli.CommandLine.IModelTransformer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The estimator options of a training command, one mixin for all: {@code --estimator} picks a row
 * of the experiment's {@link Presets} table, and {@code --lambda}, {@code --temperature},
 * {@code --samples}, {@code --noise-k}, {@code --tau} and {@code --noise-sampler} fill its {@link Knob}s. A command creates it
 * from its table,
 * <pre>{@code
 *   @Mixin private final EstimatorOptions estimator = new EstimatorOptions(PathEstimators.PRESETS);
 * }</pre>
 * so that every default comes from the table, and the command's help lists only the options its
 * table uses, each saying which estimators it affects ({@link Fit} trims and describes them when
 * picocli builds the command). {@link #choice()} checks the values and gives the {@link Choice}
 * the experiment builds its estimator from.
 */
@Command(modelTransformer = EstimatorOptions.Fit.class)
public final class EstimatorOptions {

    private final Presets presets;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--estimator", paramLabel = "NAME")
    private String estimator;

    @Option(names = "--lambda", paramLabel = "LAMBDA")
    private Double lambda;

    @Option(names = "--temperature", paramLabel = "T")
    private Double temperature;

    @Option(names = "--samples", paramLabel = "S")
    private Integer samples;

    @Option(names = "--noise-k", paramLabel = "K")
    private Integer noiseK;

    @Option(names = "--tau", paramLabel = "TAU")
    private Double tau;

    @Option(names = "--noise-sampler", paramLabel = "NAME")
    private String noiseSampler;

    /** The options of a command whose estimators are the rows of {@code presets}, at its defaults. */
    public EstimatorOptions(Presets presets) {
        this.presets = presets;
        this.estimator = presets.defaultName();
        for (Knob k : presets.knobs()) {
            set(k, presets.defaultValue(k));
        }
    }

    private void set(Knob knob, Object value) {
        switch (knob) {
            case LAMBDA -> lambda = (Double) value;
            case TEMPERATURE -> temperature = (Double) value;
            case SAMPLES -> samples = (Integer) value;
            case NOISE_K -> noiseK = (Integer) value;
            case TAU -> tau = (Double) value;
            case NOISE_SAMPLER -> noiseSampler = (String) value;
            default -> throw new IllegalStateException(knob.toString());
        }
    }

    private Object get(Knob knob) {
        return switch (knob) {
            case LAMBDA -> lambda;
            case TEMPERATURE -> temperature;
            case SAMPLES -> samples;
            case NOISE_K -> noiseK;
            case TAU -> tau;
            case NOISE_SAMPLER -> noiseSampler;
        };
    }

    /** The table the options choose from. */
    public Presets presets() {
        return presets;
    }

    /**
     * The table's name of the estimator {@code --estimator} gave (which may differ in case).
     *
     * @throws ParameterException for a name not in the table
     */
    public String name() {
        return choice().name();
    }

    /**
     * The knobs' values by option name without dashes ({@code lambda}, {@code noise-k}, ...), in
     * {@link Knob} order, for a run's summary.
     */
    public Map<String, Object> values() {
        return choice().values();
    }

    /**
     * The chosen row and the knobs' values.
     *
     * @throws ParameterException naming the option for an unknown estimator or a value out of range,
     *     reported as a bad option of the command
     */
    public Choice choice() {
        try {
            presets.row(estimator);
        } catch (IllegalArgumentException e) {
            throw bad("--estimator: " + e.getMessage(), e);
        }
        Map<Knob, Object> values = new EnumMap<>(Knob.class);
        for (Knob k : presets.knobs()) {
            values.put(k, get(k));
        }
        try {
            return presets.choice(estimator, values);
        } catch (IllegalArgumentException e) {
            throw bad(e.getMessage(), e);
        }
    }

    private RuntimeException bad(String message, IllegalArgumentException cause) {
        if (command == null) {
            return new BadInputException(message, cause);
        }
        ParameterException e = new ParameterException(command.commandLine(), message);
        e.initCause(cause);
        return e;
    }

    /**
     * Keeps, of this mixin's options, those the command's table uses, and writes their help from
     * the table: which estimators an option affects and its default. Picocli applies it when it
     * builds the command (a mixin's model transformer becomes the command's; a command with its own
     * transformer must call {@link #fit(CommandSpec)} from it).
     */
    public static final class Fit implements IModelTransformer {
        @Override
        public CommandSpec transform(CommandSpec command) {
            return fit(command);
        }
    }

    /** What {@link Fit} does, for a command that has a model transformer of its own. */
    public static CommandSpec fit(CommandSpec command) {
        for (CommandSpec mixin : command.mixins().values()) {
            if (mixin.userObject() instanceof EstimatorOptions options) {
                options.fit(command, mixin);
            }
        }
        return command;
    }

    private void fit(CommandSpec command, CommandSpec mixin) {
        for (OptionSpec option : new ArrayList<>(mixin.options())) {
            command.remove(option);
            String description = describe(option.longestName());
            if (description != null) {
                command.addOption(OptionSpec.builder(option).description(description).build());
            }
        }
    }

    /** The help line of an option, or null when the table does not use it. */
    private String describe(String option) {
        if (option.equals("--estimator")) {
            return "One of " + String.join(", ", presets.names()) + " (default: " + presets.defaultName() + "); "
                    + "'imle estimators' lists the registered ones and their parameters.";
        }
        for (Knob k : presets.knobs()) {
            if (k.option().equals(option)) {
                List<String> users = presets.users(k);
                String who = users.size() == 1 ? users.get(0) : String.join(", ", users.subList(0, users.size() - 1))
                        + " and " + users.get(users.size() - 1);
                return k.phrase() + " " + who + " (default: " + presets.defaultText(k) + ").";
            }
        }
        return null;
    }
}
