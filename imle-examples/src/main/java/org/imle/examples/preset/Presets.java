package org.imle.examples.preset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.imle.api.registry.EstimatorRegistry;

/**
 * The estimators of one experiment, as data: a table whose rows name a method and give its
 * parameters as a map. A row of a registered method names it in the {@link EstimatorRegistry}
 * (the parameters are the registry's); a row of the experiment's own method (the {@code mse}
 * baseline, a relaxation) is the experiment's to read. A parameter value may be a {@link Knob},
 * which the command line fills in (the experiment's default unless an option gives it), or
 * {@link #given(String)}, which the experiment fills in (the subset size of its oracle, say). So
 * the command's {@code --estimator} option picks a row, and its estimator options fill the knobs:
 * <pre>{@code
 *   Presets.builder()
 *       .knob(Knob.LAMBDA, 10.0)
 *       .estimator("imle", "noise", "gumbel", "lambda", Knob.LAMBDA)
 *       .estimator("blackbox", "lambda", Knob.LAMBDA)
 *       .method("mse", "the two-stage baseline: squared error to the true costs, no solver")
 *       .build();
 * }</pre>
 * The first row is the default. Immutable.
 */
public final class Presets {

    /** A value the experiment gives when it builds, such as {@code given("k")}. */
    public record Given(String name) {
    }

    /**
     * One method of the table.
     *
     * @param name what {@code --estimator} says
     * @param estimator the registry's name of the method, or null for an experiment's own method
     * @param description for an own method, what it is (registered methods have the registry's)
     * @param parameters the parameters, with {@link Knob} and {@link Given} values still open
     */
    public record Row(String name, String estimator, String description, Map<String, Object> parameters) {

        /** Whether the registry makes this method (else the experiment does). */
        public boolean registered() {
            return estimator != null;
        }

        /** The knobs this row's parameters use, at any depth. */
        public Set<Knob> knobs() {
            Set<Knob> used = new LinkedHashSet<>();
            collect(parameters, used);
            return used;
        }

        private static void collect(Object value, Set<Knob> used) {
            if (value instanceof Knob k) {
                used.add(k);
            } else if (value instanceof Map<?, ?> m) {
                m.values().forEach(v -> collect(v, used));
            }
        }
    }

    private static volatile EstimatorRegistry registry;

    private final Map<String, Row> rows;
    private final Map<Knob, Object> defaults;
    private final Map<Knob, String> defaultTexts;

    private Presets(Map<String, Row> rows, Map<Knob, Object> defaults, Map<Knob, String> defaultTexts) {
        this.rows = rows;
        this.defaults = defaults;
        this.defaultTexts = defaultTexts;
    }

    /** The registry every experiment builds through, discovered once per JVM. */
    public static EstimatorRegistry registry() {
        EstimatorRegistry r = registry;
        if (r == null) {
            synchronized (Presets.class) {
                if (registry == null) {
                    registry = EstimatorRegistry.discover();
                }
                r = registry;
            }
        }
        return r;
    }

    /** A value the experiment supplies when it builds the method. */
    public static Given given(String name) {
        return new Given(name);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The names {@code --estimator} accepts, the default first. */
    public List<String> names() {
        return new ArrayList<>(rows.keySet());
    }

    /** The default row's name. */
    public String defaultName() {
        return rows.keySet().iterator().next();
    }

    /**
     * The row of a name (case and surrounding blanks ignored).
     *
     * @throws IllegalArgumentException listing the known names
     */
    public Row row(String name) {
        Row row = name == null ? null : rows.get(name.trim().toLowerCase(Locale.ROOT));
        if (row == null) {
            throw new IllegalArgumentException("unknown estimator '" + name + "'; known: " + String.join(", ", names()));
        }
        return row;
    }

    /** The knobs any row uses, in {@link Knob} order. */
    public Set<Knob> knobs() {
        Set<Knob> used = new java.util.TreeSet<>();
        rows.values().forEach(r -> used.addAll(r.knobs()));
        return used;
    }

    /** The names of the rows that use a knob, in table order. */
    public List<String> users(Knob knob) {
        List<String> users = new ArrayList<>();
        rows.values().stream().filter(r -> r.knobs().contains(knob)).forEach(r -> users.add(r.name()));
        return users;
    }

    /** The experiment's default of a knob it uses. */
    public Object defaultValue(Knob knob) {
        Object v = defaults.get(knob);
        if (v == null) {
            throw new IllegalArgumentException("no estimator of this experiment uses " + knob.option());
        }
        return v;
    }

    /** How help shows a knob's default: its value, or a text such as "about 1.3 x the grid". */
    public String defaultText(Knob knob) {
        return defaultTexts.getOrDefault(knob, String.valueOf(defaultValue(knob)));
    }

    /** The default row at the default knobs. */
    public Choice defaults() {
        return choice(defaultName(), Map.of());
    }

    /**
     * A row with its knobs: those in {@code knobs} as given, the others at the experiment's default.
     *
     * @throws IllegalArgumentException for an unknown name, a knob out of range or one no row uses
     */
    public Choice choice(String name, Map<Knob, ?> knobs) {
        Row row = row(name);
        Map<Knob, Object> values = new EnumMap<>(Knob.class);
        values.putAll(defaults);
        for (Map.Entry<Knob, ?> e : knobs.entrySet()) {
            if (!defaults.containsKey(e.getKey())) {
                throw new IllegalArgumentException("no estimator of this experiment uses " + e.getKey().option());
            }
            values.put(e.getKey(), e.getKey().check(e.getValue()));
        }
        if (row.registered()) {
            registry().factory(row.estimator()); // a plug-in that is not on the class path fails here, early
        }
        return new Choice(row, Collections.unmodifiableMap(values));
    }

    /** Fills a {@link Presets} table; the first row added is the default. */
    public static final class Builder {
        private final Map<String, Row> rows = new LinkedHashMap<>();
        private final Map<Knob, Object> defaults = new EnumMap<>(Knob.class);
        private final Map<Knob, String> defaultTexts = new EnumMap<>(Knob.class);

        private Builder() {
        }

        /** The experiment's default of a knob. */
        public Builder knob(Knob knob, Object defaultValue) {
            defaults.put(knob, knob.check(defaultValue));
            return this;
        }

        /** The experiment's default of a knob, shown in help as {@code text}. */
        public Builder knob(Knob knob, Object defaultValue, String text) {
            defaultTexts.put(knob, text);
            return knob(knob, defaultValue);
        }

        /** A registered method under its registry name, with parameters as alternating names and values. */
        public Builder estimator(String name, Object... parameters) {
            return add(new Row(name, name, null, map(parameters)));
        }

        /**
         * A registered method under a name of the experiment's own (such as {@code aimle-pyepo}: the
         * registry's {@code aimle} with PyEPO's settings), with parameters as alternating names and values.
         */
        public Builder estimatorAs(String name, String estimator, Object... parameters) {
            return add(new Row(name, estimator, null, map(parameters)));
        }

        /** An experiment's own method, with what it is and its parameters. */
        public Builder method(String name, String description, Object... parameters) {
            return add(new Row(name, null, description, map(parameters)));
        }

        private Builder add(Row row) {
            if (rows.putIfAbsent(row.name(), row) != null) {
                throw new IllegalArgumentException("estimator '" + row.name() + "' is in the table twice");
            }
            return this;
        }

        /** A map of alternating names and values; maps and {@link Knob}s nest as they are. */
        public static Map<String, Object> map(Object... keyValues) {
            if (keyValues.length % 2 != 0) {
                throw new IllegalArgumentException("parameters must alternate names and values");
            }
            Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < keyValues.length; i += 2) {
                m.put((String) keyValues[i], keyValues[i + 1]);
            }
            return Collections.unmodifiableMap(m);
        }

        /**
         * The table.
         *
         * @throws IllegalStateException when a row uses a knob without a default
         */
        public Presets build() {
            if (rows.isEmpty()) {
                throw new IllegalStateException("a preset table needs at least one row");
            }
            for (Row r : rows.values()) {
                for (Knob k : r.knobs()) {
                    if (!defaults.containsKey(k)) {
                        throw new IllegalStateException("row '" + r.name() + "' uses " + k.option() + ", which has no default");
                    }
                }
            }
            return new Presets(Collections.unmodifiableMap(new LinkedHashMap<>(rows)), Map.copyOf(defaults),
                    Map.copyOf(defaultTexts));
        }
    }
}
