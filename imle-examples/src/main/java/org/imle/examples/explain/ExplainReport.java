package org.imle.examples.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Aggregates the {@code summary.json} files that {@code imle explain --out DIR} writes, found
 * anywhere under a directory, into a Markdown table: per (k, estimator), the number of runs and
 * the mean and sample standard deviation of test precision and test MSE. Used for
 * docs/EXPERIMENTS.md:
 * <pre>
 *   java -cp ... org.imle.examples.explain.ExplainReport runs/explain
 * </pre>
 */
public final class ExplainReport {

    private ExplainReport() {
    }

    /** Prints the table for the directory given as the only argument. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ExplainReport DIR");
            System.exit(2);
        }
        System.out.print(table(Path.of(args[0])));
    }

    /** The Markdown table of every summary.json under {@code dir}. */
    public static String table(Path dir) throws IOException {
        ObjectMapper json = new ObjectMapper();
        Map<String, List<double[]>> groups = new TreeMap<>();
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.getFileName().toString().equals("summary.json")).sorted().toList();
        }
        for (Path f : files) {
            JsonNode n = json.readTree(f.toFile());
            String key = String.format(Locale.ROOT, "%03d %s", n.get("k").asInt(), n.get("estimator").asText());
            groups.computeIfAbsent(key, x -> new ArrayList<>())
                    .add(new double[] {n.get("test_precision").asDouble(), n.get("test_mse").asDouble()});
        }
        StringBuilder sb = new StringBuilder("| k | estimator | runs | precision (mean) | precision (std) "
                + "| test MSE (mean) | test MSE (std) |\n|---|---|---|---|---|---|---|\n");
        for (Map.Entry<String, List<double[]>> e : groups.entrySet()) {
            List<double[]> v = e.getValue();
            sb.append(String.format(Locale.ROOT, "| %d | %s | %d | %.3f | %.3f | %.4f | %.4f |%n",
                    Integer.parseInt(e.getKey().substring(0, 3)), e.getKey().substring(4), v.size(),
                    mean(v, 0), std(v, 0), mean(v, 1), std(v, 1)));
        }
        return sb.toString();
    }

    private static double mean(List<double[]> v, int c) {
        double s = 0;
        for (double[] x : v) {
            s += x[c];
        }
        return s / v.size();
    }

    /** Sample standard deviation (n - 1); 0 for a single run. */
    private static double std(List<double[]> v, int c) {
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
