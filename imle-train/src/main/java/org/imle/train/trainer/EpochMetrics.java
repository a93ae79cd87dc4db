package org.imle.train.trainer;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics of one epoch, by name, in insertion order: {@code epoch}, {@code train_loss},
 * {@code lr}, {@code seconds}, {@code examples_per_second}, then whatever the hooks returned.
 */
public final class EpochMetrics {

    private final int epoch;
    private final Map<String, Double> values;

    public EpochMetrics(int epoch, Map<String, Double> values) {
        this.epoch = epoch;
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The epoch's number, from 1 (0 for an evaluation before training). */
    public int epoch() {
        return epoch;
    }

    public Map<String, Double> values() {
        return values;
    }

    /** One metric; throws naming it if absent. */
    public double get(String name) {
        Double v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException("no metric " + name + " in epoch " + epoch + ", have " + values.keySet());
        }
        return v;
    }

    @Override
    public String toString() {
        return "epoch " + epoch + " " + values;
    }
}
