package org.imle.train.trainer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.imle.api.io.AtomicFile;

/**
 * The one writer of per-epoch metrics for every experiment and command: the whole history is
 * rewritten atomically after every epoch, so each file is always complete and a killed run leaves
 * the epochs it finished.
 *
 * <p>Formats, chosen by the file name: JSON (an array of objects, one per epoch, one line each)
 * when it ends in {@code .json}, CSV with a header row otherwise. Columns are the union of all
 * metric names in first-seen order; a metric missing from an epoch is an empty CSV cell or absent
 * from its JSON object. A value that is not finite (NaN, an infinity) has no number: an empty CSV
 * cell, {@code null} in JSON. Integral values are written without a fraction ({@code 3}, not
 * {@code 3.0}), others in the shortest form that reads back as the same double, so the files are
 * the same bytes for the same numbers. CSV cells are quoted as RFC 4180 says where a name holds a
 * comma, a quote or a line break; JSON strings are escaped as RFC 8259 says.
 *
 * <p>The {@code epoch} column, where an experiment records one, numbers epochs from 1 (0 is the
 * model before training, where an experiment evaluates it).
 */
public final class MetricsLog {

    /** The file names of {@link #csvAndJson}. */
    public static final String CSV = "metrics.csv";
    public static final String JSON = "metrics.json";

    private final List<Path> files;
    /** The metrics written, in this order; null for all. */
    private final List<String> columns;

    /** A log of one file, CSV or JSON by its name. */
    public MetricsLog(Path path) {
        this(List.of(path), null);
    }

    private MetricsLog(List<Path> files, List<String> columns) {
        this.files = List.copyOf(files);
        this.columns = columns == null ? null : List.copyOf(columns);
    }

    /**
     * This log writing only the metrics named, in this order (an epoch without one has an empty
     * cell): for an experiment whose files keep their own columns while the trainer records more.
     */
    public MetricsLog columns(String... names) {
        return new MetricsLog(files, List.of(names));
    }

    /** The log every command writes: {@code metrics.csv} and {@code metrics.json} in {@code dir}. */
    public static MetricsLog csvAndJson(Path dir) {
        return new MetricsLog(List.of(dir.resolve(CSV), dir.resolve(JSON)), null);
    }

    /** The files this log writes. */
    public List<Path> files() {
        return files;
    }

    /** Rewrites every file with the whole history, each atomically. */
    public void write(List<EpochMetrics> history) throws IOException {
        if (columns != null) {
            List<EpochMetrics> cut = new java.util.ArrayList<>(history.size());
            for (EpochMetrics m : history) {
                java.util.Map<String, Double> values = new java.util.LinkedHashMap<>();
                for (String c : columns) {
                    values.put(c, m.values().getOrDefault(c, Double.NaN));
                }
                cut.add(new EpochMetrics(m.epoch(), values));
            }
            history = cut;
        }
        for (Path path : files) {
            String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
            AtomicFile.writeString(path, name.endsWith(".json") ? json(history) : csv(history));
        }
    }

    /** The history as CSV: a header row of metric names, then one row per epoch. */
    public static String csv(List<EpochMetrics> history) {
        Set<String> cols = columns(history);
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        for (String c : cols) {
            sb.append(first ? "" : ",").append(csvCell(c));
            first = false;
        }
        sb.append('\n');
        for (EpochMetrics m : history) {
            first = true;
            for (String c : cols) {
                if (!first) {
                    sb.append(',');
                }
                first = false;
                Double v = m.values().get(c);
                if (v != null && Double.isFinite(v)) {
                    sb.append(number(v));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** The history as a JSON array of one object per epoch, one line each. */
    public static String json(List<EpochMetrics> history) {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < history.size(); i++) {
            sb.append("  {");
            boolean first = true;
            for (var e : history.get(i).values().entrySet()) {
                sb.append(first ? "" : ", ");
                jsonString(e.getKey(), sb);
                double v = e.getValue();
                sb.append(": ").append(Double.isFinite(v) ? number(v) : "null");
                first = false;
            }
            sb.append(i + 1 < history.size() ? "},\n" : "}\n");
        }
        return sb.append("]\n").toString();
    }

    private static Set<String> columns(List<EpochMetrics> history) {
        Set<String> cols = new LinkedHashSet<>();
        history.forEach(m -> cols.addAll(m.values().keySet()));
        return cols;
    }

    /** A finite value: integral ones without a fraction, others as the shortest round-trip form. */
    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** A CSV cell, quoted (quotes doubled) when it holds a comma, a quote or a line break. */
    static String csvCell(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /** Appends {@code text} as a JSON string: quotes, backslashes and control characters escaped. */
    static void jsonString(String text, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
