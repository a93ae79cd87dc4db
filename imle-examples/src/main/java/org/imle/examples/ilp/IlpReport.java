package org.imle.examples.ilp;

import static org.imle.examples.report.RunSummaries.mean;
import static org.imle.examples.report.RunSummaries.number;
import static org.imle.examples.report.RunSummaries.std;
import static org.imle.examples.report.RunSummaries.text;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.imle.data.MalformedFileException;
import org.imle.data.MissingDatasetException;
import org.imle.examples.report.RunSummaries;

/**
 * Aggregates the {@code summary.json} files that {@code imle ilp --out DIR} writes, found anywhere
 * under a directory, into the Markdown table of docs/EXPERIMENTS.md: per (problem, estimator,
 * solve ratio), the number of runs, the mean and sample standard deviation of the final
 * normalised test regret (in percent), the mean training seconds (epochs only) and the mean
 * seconds from the start of the process to the end of training. A problem read from files
 * ({@code --data DIR}) is named without its directory, so the seeds' directories group together.
 */
public final class IlpReport {

    /** One group's runs: regret, training seconds, process seconds. */
    private record Runs(String problem, String estimator, double solveRatio, List<double[]> values) {
    }

    private IlpReport() {
    }

    /**
     * The Markdown table of every summary.json under {@code dir}, rows sorted by problem, then in
     * the order estimators first appear in {@link DecisionFocusedTraining#PRESETS}, then by solve ratio.
     *
     * @throws MissingDatasetException if {@code dir} is not a directory or holds no summary.json
     * @throws MalformedFileException naming the file when a summary is not JSON or lacks a field
     */
    public static String table(Path dir) throws IOException {
        Map<String, Runs> groups = groups(dir);
        StringBuilder sb = new StringBuilder("| problem | estimator | solve ratio | runs | regret % (mean) "
                + "| regret % (std) | training s | process s |\n|---|---|---|---|---|---|---|---|\n");
        for (Runs r : groups.values()) {
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %.2f | %.2f | %.2f | %.2f |%n", r.problem(),
                    r.estimator(), r.solveRatio(), r.values().size(), 100 * mean(r.values(), 0),
                    100 * std(r.values(), 0), mean(r.values(), 1), mean(r.values(), 2)));
        }
        return sb.toString();
    }

    private static Map<String, Runs> groups(Path dir) throws IOException {
        List<String> order = DecisionFocusedTraining.PRESETS.names();
        Map<String, Runs> groups = new TreeMap<>();
        for (RunSummaries.Summary summary : RunSummaries.under(dir, "imle ilp")) {
            Path f = summary.file();
            JsonNode n = summary.json();
            String problem = text(n, f, "problem").replaceFirst(" \\(.*\\)$", "");
            String name = text(n, f, "estimator");
            int rank = order.indexOf(name);
            // Tabulated Sum-of-Gamma draws are other numbers than exact ones: a row of each, named by
            // its sampler (summaries written before the sampler was recorded were all exact draws).
            String sampler = n.path("noise_sampler").asText("");
            String estimator = sampler.isEmpty() ? name : name + " (" + sampler + " noise)";
            double ratio = number(n, f, "solve_ratio");
            String key = String.format(Locale.ROOT, "%s %03d %s %.6f %s", problem, rank < 0 ? 999 : rank, name, ratio,
                    estimator);
            groups.computeIfAbsent(key, k -> new Runs(problem, estimator, ratio, new ArrayList<>())).values()
                    .add(new double[] {number(n, f, "final_test_regret"), number(n, f, "training_seconds"),
                        number(n, f, "process_seconds")});
        }
        return new LinkedHashMap<>(groups);
    }
}
