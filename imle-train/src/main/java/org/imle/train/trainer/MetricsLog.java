package org.imle.train.trainer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.imle.api.io.AtomicFile;

/**
 * Writes the metrics history, rewritten atomically after every epoch so the file is always
 * complete: JSON (an array of objects, one per epoch) when the file name ends in {@code .json},
 * CSV with a header row otherwise. Columns are the union of all metric names in first-seen
 * order; a metric missing from an epoch is an empty CSV cell or absent from its JSON object.
 */
public final class MetricsLog {

    private final Path path;

    public MetricsLog(Path path) {
        this.path = path;
    }

    public Path path() {
        return path;
    }

    public void write(List<EpochMetrics> history) throws IOException {
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        AtomicFile.writeString(path, name.endsWith(".json") ? json(history) : csv(history));
    }

    static String csv(List<EpochMetrics> history) {
        Set<String> cols = new LinkedHashSet<>();
        history.forEach(m -> cols.addAll(m.values().keySet()));
        StringBuilder sb = new StringBuilder(String.join(",", cols)).append('\n');
        for (EpochMetrics m : history) {
            boolean first = true;
            for (String c : cols) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                Double v = m.values().get(c);
                if (v != null) {
                    sb.append(number(v));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String json(List<EpochMetrics> history) {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < history.size(); i++) {
            sb.append("  {");
            boolean first = true;
            for (var e : history.get(i).values().entrySet()) {
                sb.append(first ? "" : ", ").append('"').append(e.getKey().replace("\\", "\\\\").replace("\"", "\\\""))
                        .append("\": ");
                double v = e.getValue();
                sb.append(Double.isFinite(v) ? number(v) : "null");
                first = false;
            }
            sb.append(i + 1 < history.size() ? "},\n" : "}\n");
        }
        return sb.append("]\n").toString();
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
