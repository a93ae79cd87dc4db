package org.imle.examples.explain;

import static org.imle.examples.report.RunSummaries.mean;
import static org.imle.examples.report.RunSummaries.number;
import static org.imle.examples.report.RunSummaries.std;
import static org.imle.examples.report.RunSummaries.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.imle.data.MalformedFileException;
import org.imle.data.MissingDatasetException;
import org.imle.examples.report.RunSummaries;

/**
 * Aggregates the {@code summary.json} files that {@code imle explain --out DIR} writes, found
 * anywhere under a directory, into a Markdown table: per (k, estimator), the number of runs and
 * the mean and sample standard deviation of test precision and test MSE. Used for
 * docs/EXPERIMENTS.md through {@code imle explain-report runs/explain}.
 */
public final class ExplainReport {

    private ExplainReport() {
    }

    /**
     * The Markdown table of every summary.json under {@code dir}.
     *
     * @throws MissingDatasetException if {@code dir} is not a directory or holds no summary.json
     * @throws MalformedFileException naming the file when a summary is not JSON or lacks a field
     */
    public static String table(Path dir) throws IOException {
        Map<String, List<double[]>> groups = new TreeMap<>();
        for (RunSummaries.Summary summary : RunSummaries.under(dir, "imle explain")) {
            Path f = summary.file();
            JsonNode n = summary.json();
            String key = String.format(Locale.ROOT, "%03d %s", (int) number(n, f, "k"), text(n, f, "estimator"));
            groups.computeIfAbsent(key, x -> new ArrayList<>())
                    .add(new double[] {number(n, f, "test_precision"), number(n, f, "test_mse")});
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
}
