package org.imle.train.trainer;

import java.io.PrintStream;
import java.util.Locale;

/**
 * Training progress on a stream (the trainer uses stderr). On a terminal it redraws one line
 * ({@code \r}) with a bar, the running mean loss and the throughput; otherwise (a pipe or a file)
 * it prints a plain line at each quarter of an epoch, so logs stay readable.
 */
public final class ProgressBar {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean terminal;
    private int lastQuarter = -1;
    private int epochs;
    private long lastDraw;

    public ProgressBar(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** A bar on stderr, redrawn in place when a console is attached. */
    public static ProgressBar stderr() {
        return new ProgressBar(System.err, System.console() != null);
    }

    /** Reports {@code done} of {@code total} batches of epoch number {@code epoch} (from 1) of {@code epochs}. */
    public void update(int epoch, int epochs, int done, int total, double meanLoss, double examplesPerSecond) {
        this.epochs = epochs;
        if (terminal) {
            long now = System.nanoTime();
            if (done < total && now - lastDraw < 100_000_000L) {
                return;
            }
            lastDraw = now;
            int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
            String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
            out.printf(Locale.ROOT, "\repoch %d/%d [%s] %d/%d loss %.5f %.1f ex/s", epoch, epochs, bar, done,
                    total, meanLoss, examplesPerSecond);
            out.flush();
        } else {
            int quarter = total == 0 ? 4 : 4 * done / total;
            if (quarter > lastQuarter && (quarter > 0)) {
                lastQuarter = quarter;
                out.printf(Locale.ROOT, "epoch %d/%d batch %d/%d loss %.5f %.1f ex/s%n", epoch, epochs, done,
                        total, meanLoss, examplesPerSecond);
            }
        }
    }

    /**
     * Ends an epoch's line, printing its summary: {@code epoch N/E} as the tables number it, then
     * every other metric, integral ones as integers and the others to five significant digits.
     */
    public void endEpoch(EpochMetrics m) {
        StringBuilder sb = new StringBuilder("epoch ").append(m.epoch());
        if (epochs > 0) {
            sb.append('/').append(epochs);
        }
        m.values().forEach((k, v) -> {
            if (!k.equals("epoch")) {
                sb.append(' ').append(k).append(' ').append(format(v));
            }
        });
        if (terminal) {
            out.print("\r\033[K");
        }
        out.println(sb);
        out.flush();
        lastQuarter = -1;
    }

    private static String format(double v) {
        if (!Double.isFinite(v)) {
            return "-";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.5g", v);
    }
}
