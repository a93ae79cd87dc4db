package org.imle.examples.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.imle.data.MalformedFileException;

/**
 * The fields of a run's {@code summary.json} as the report commands ({@code imle explain-report},
 * {@code imle ilp-report}) read them, and the statistics of a group of runs. A missing or mistyped
 * field is a malformed file, named with the field, so a table is never built from a half-read run.
 */
public final class RunSummaries {

    private RunSummaries() {
    }

    /** The number {@code name} of summary {@code n} read from {@code file}. */
    public static double number(JsonNode n, Path file, String name) throws MalformedFileException {
        JsonNode v = n == null ? null : n.get(name);
        if (v == null || !v.isNumber()) {
            throw new MalformedFileException(file, 1, "field '" + name + "' is missing or not a number");
        }
        return v.asDouble();
    }

    /** The string {@code name} of summary {@code n} read from {@code file}. */
    public static String text(JsonNode n, Path file, String name) throws MalformedFileException {
        JsonNode v = n == null ? null : n.get(name);
        if (v == null || !v.isTextual()) {
            throw new MalformedFileException(file, 1, "field '" + name + "' is missing or not a string");
        }
        return v.asText();
    }

    /** The mean of column {@code c} over the runs {@code v}. */
    public static double mean(List<double[]> v, int c) {
        double s = 0;
        for (double[] x : v) {
            s += x[c];
        }
        return s / v.size();
    }

    /** The sample standard deviation (n - 1) of column {@code c}; 0 for a single run. */
    public static double std(List<double[]> v, int c) {
        if (v.size() < 2) {
            return 0;
        }
        double m = mean(v, c);
        double s = 0;
        for (double[] x : v) {
            s += (x[c] - m) * (x[c] - m);
        }
        return Math.sqrt(s / (v.size() - 1));
    }
}
