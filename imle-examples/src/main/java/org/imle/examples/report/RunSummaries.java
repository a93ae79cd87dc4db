package org.imle.examples.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.imle.data.MalformedFileException;
import org.imle.data.MissingDatasetException;

/**
 * The fields of a run's {@code summary.json} as the report commands ({@code imle explain-report},
 * {@code imle ilp-report}) read them, and the statistics of a group of runs. A missing or mistyped
 * field is a malformed file, named with the field, so a table is never built from a half-read run.
 */
public final class RunSummaries {

    private RunSummaries() {
    }

    /** One run's {@code summary.json}: where it is and what it holds. */
    public record Summary(Path file, JsonNode json) {
    }

    /**
     * Every {@code summary.json} under {@code dir}, in path order, as {@code command --out} wrote them.
     *
     * @throws MissingDatasetException if {@code dir} is not a directory or holds no summary
     * @throws MalformedFileException naming the file when a summary is not JSON
     */
    public static List<Summary> under(Path dir, String command) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new MissingDatasetException("'" + dir + "' " + (Files.exists(dir) ? "is not a directory"
                    : "does not exist") + "; give the --out directory of " + command + " runs");
        }
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.getFileName().toString().equals("summary.json")).sorted().toList();
        }
        if (files.isEmpty()) {
            throw new MissingDatasetException("'" + dir + "' holds no summary.json (" + command
                    + " --out DIR writes one)");
        }
        ObjectMapper json = new ObjectMapper();
        List<Summary> summaries = new ArrayList<>();
        for (Path f : files) {
            try {
                summaries.add(new Summary(f, json.readTree(f.toFile())));
            } catch (JsonProcessingException e) {
                throw new MalformedFileException(f, e.getLocation() == null ? 0 : e.getLocation().getLineNr(),
                        e.getOriginalMessage());
            }
        }
        return summaries;
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
