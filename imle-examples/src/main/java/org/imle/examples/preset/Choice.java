package org.imle.examples.preset;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.imle.api.MapOracle;
import org.imle.api.execution.SolveExecutor;

/**
 * The estimator an experiment trains with: a row of its {@link Presets} and the values of the
 * knobs. {@link #build} makes a registered method through the registry; an experiment's own
 * method it reads from {@link #parameters}. Immutable.
 *
 * @param row the chosen row
 * @param knobs the value of every knob the table has a default for
 */
public record Choice(Presets.Row row, Map<Knob, Object> knobs) {

    /** What {@code --estimator} said. */
    public String name() {
        return row.name();
    }

    /** Whether the registry makes the method. */
    public boolean registered() {
        return row.registered();
    }

    /** The value of a knob. */
    public Object knob(Knob knob) {
        Object v = knobs.get(knob);
        if (v == null) {
            throw new IllegalArgumentException("no estimator of this experiment uses " + knob.option());
        }
        return v;
    }

    /**
     * The knobs' values by option name without dashes ({@code lambda}, {@code noise-k}, ...), in
     * {@link Knob} order, for a run's summary.
     */
    public Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        knobs.forEach((k, v) -> values.put(k.option().substring(2), v));
        return values;
    }

    /** This choice with one knob changed (an experiment resolving a default that depends on its data). */
    public Choice with(Knob knob, Object value) {
        Map<Knob, Object> m = new EnumMap<>(knobs);
        m.put(knob, knob.check(value));
        return new Choice(row, java.util.Collections.unmodifiableMap(m));
    }

    /**
     * The row's parameters with every knob and given value filled in.
     *
     * @param given the values of the row's {@link Presets#given} entries
     * @throws IllegalArgumentException when a given value is missing
     */
    public Map<String, Object> parameters(Map<String, ?> given) {
        return fill(row.parameters(), given);
    }

    private Map<String, Object> fill(Map<String, Object> parameters, Map<String, ?> given) {
        Map<String, Object> out = new LinkedHashMap<>();
        parameters.forEach((k, v) -> out.put(k, value(v, given)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private Object value(Object v, Map<String, ?> given) {
        if (v instanceof Knob k) {
            return k.parameterValue(knob(k));
        }
        if (v instanceof Presets.Given g) {
            Object value = given.get(g.name());
            if (value == null) {
                throw new IllegalArgumentException("estimator '" + name() + "' needs '" + g.name()
                        + "' from the experiment");
            }
            return value;
        }
        if (v instanceof Map<?, ?> m) {
            return fill((Map<String, Object>) m, given);
        }
        return v;
    }

    /**
     * Builds the registered method around {@code oracle}: a {@link org.imle.api.GradientEstimator}
     * or a {@link org.imle.api.StructuredLoss}, as the registry lists its kind.
     *
     * @throws IllegalStateException for an experiment's own method, which the experiment makes
     * @throws IllegalArgumentException naming the estimator and parameter when a value is invalid
     */
    public Object build(MapOracle oracle, Map<String, ?> given, long seed, SolveExecutor executor) {
        if (!registered()) {
            throw new IllegalStateException("'" + name() + "' is the experiment's own method, not a registered one");
        }
        return Presets.registry().builder(row.estimator(), oracle, parameters(given)).seed(seed).executor(executor)
                .build();
    }
}
