package org.imle.examples.plot;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.imle.api.io.AtomicFile;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * A line chart of named curves, each optionally with a band (drawn as two thin dashed lines of the
 * curve's colour at {@code y - band} and {@code y + band}, such as a standard deviation), written as a
 * PNG with XChart. The file is written atomically ({@link AtomicFile}): readers never see half a PNG.
 * Rendering runs headless, so it works on servers without a display.
 *
 * <pre>{@code
 *   LinePlot.titled("Optimality gap").axes("step", "gap").curve("I-MLE", x, mean, std).writePng(path);
 * }</pre>
 */
public final class LinePlot {

    /** A colour-blind-safe palette (Okabe and Ito 2008), cycled when there are more curves. */
    private static final Color[] PALETTE = {
        new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115), new Color(204, 121, 167),
        new Color(230, 159, 0), new Color(86, 180, 233), new Color(0, 0, 0), new Color(240, 228, 66)
    };

    private record Curve(String name, double[] x, double[] y, double[] band) {
    }

    private final String title;
    private String xLabel = "x";
    private String yLabel = "y";
    private Double yMin;
    private Double yMax;
    private int width = 800;
    private int height = 560;
    private final List<Curve> curves = new ArrayList<>();

    private LinePlot(String title) {
        this.title = title;
    }

    /** Starts a plot with a title. */
    public static LinePlot titled(String title) {
        return new LinePlot(title == null ? "" : title);
    }

    /** The axis labels. */
    public LinePlot axes(String x, String y) {
        this.xLabel = x;
        this.yLabel = y;
        return this;
    }

    /** Fixes the y range (default: fitted to the data). */
    public LinePlot yRange(double min, double max) {
        if (!(min < max)) {
            throw new IllegalArgumentException("y range needs min < max, got " + min + " and " + max);
        }
        this.yMin = min;
        this.yMax = max;
        return this;
    }

    /** The image size in pixels (default 800 x 560). */
    public LinePlot size(int width, int height) {
        if (width < 50 || height < 50) {
            throw new IllegalArgumentException("plot size must be at least 50 x 50, got " + width + " x " + height);
        }
        this.width = width;
        this.height = height;
        return this;
    }

    /** Adds a curve without a band. */
    public LinePlot curve(String name, double[] x, double[] y) {
        return curve(name, x, y, null);
    }

    /**
     * Adds a curve; {@code band} (may be null) gives the half-width drawn around it.
     *
     * @throws IllegalArgumentException when lengths differ, a value is not finite or the name repeats
     */
    public LinePlot curve(String name, double[] x, double[] y, double[] band) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("curve name must not be blank");
        }
        for (Curve c : curves) {
            if (c.name.equals(name)) {
                throw new IllegalArgumentException("curve '" + name + "' was added twice");
            }
        }
        if (x == null || y == null || x.length != y.length || x.length == 0
                || (band != null && band.length != y.length)) {
            throw new IllegalArgumentException("curve '" + name + "' needs x, y (and band) of one non-zero length");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i]) || (band != null && !Double.isFinite(band[i]))) {
                throw new IllegalArgumentException("curve '" + name + "' point " + i + " is not finite");
            }
        }
        curves.add(new Curve(name, x.clone(), y.clone(), band == null ? null : band.clone()));
        return this;
    }

    /** Renders the chart to PNG bytes. */
    public byte[] toPng() throws IOException {
        if (curves.isEmpty()) {
            throw new IllegalStateException("plot '" + title + "' has no curves");
        }
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        if (yMin != null) {
            chart.getStyler().setYAxisMin(yMin);
            chart.getStyler().setYAxisMax(yMax);
        }
        BasicStroke dashed = new BasicStroke(0.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
                new float[] {4f, 3f}, 0f);
        for (int c = 0; c < curves.size(); c++) {
            Curve curve = curves.get(c);
            Color color = PALETTE[c % PALETTE.length];
            XYSeries line = chart.addSeries(curve.name, curve.x, curve.y);
            line.setMarker(SeriesMarkers.NONE);
            line.setLineColor(color);
            line.setLineStyle(new BasicStroke(2f));
            if (curve.band != null) {
                for (int sign = -1; sign <= 1; sign += 2) {
                    double[] edge = new double[curve.y.length];
                    for (int i = 0; i < edge.length; i++) {
                        edge[i] = curve.y[i] + sign * curve.band[i];
                    }
                    XYSeries e = chart.addSeries(curve.name + (sign < 0 ? " - band" : " + band"), curve.x, edge);
                    e.setMarker(SeriesMarkers.NONE);
                    e.setLineColor(color);
                    e.setLineStyle(dashed);
                    e.setShowInLegend(false);
                }
            }
        }
        return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    }

    /** Renders and writes the PNG atomically. */
    public void writePng(Path file) throws IOException {
        AtomicFile.write(file, toPng());
    }
}
