package org.imle.examples.shortestpath;

import org.imle.data.warcraft.WarcraftDataset;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.imle.examples.plot.LinePlot;
import org.imle.train.trainer.EpochMetrics;

/**
 * The pictures of a {@link ShortestPathExperiment} run, written as PNG files (atomically):
 * <ul>
 *   <li>{@code learning-curves.png}: validation and test cost-optimal rate and exact match per
 *       epoch;</li>
 *   <li>{@code training-loss.png}: the mean training loss per epoch;</li>
 *   <li>{@code test-maps.png}: the first few test maps, one row each: the map with the labelled
 *       path (white) and the predicted path (red) drawn over it, the predicted cost map (white at
 *       its own largest cost: learned costs are defined up to scale) and the true cost map
 *       (white at the largest true cost; dark blue is cheap in both).</li>
 * </ul>
 */
public final class ShortestPathReport {

    private static final int SCALE = 3;
    private static final int GAP = 8;
    private static final int TITLE = 18;

    private ShortestPathReport() {
    }

    /** Writes every picture of {@code result} into {@code dir}. */
    public static void write(Path dir, ShortestPathConfig config, ShortestPathExperiment.Result result,
            WarcraftDataset test) throws IOException {
        writeCurves(dir, config, result.history(), test.gridSize());
        int maps = Math.min(config.plotMaps(), test.size());
        if (maps > 0) {
            WarcraftImages.writePng(testMaps(test, result.testPredictions(), maps), dir.resolve("test-maps.png"));
        }
    }

    /**
     * Writes the two plots of the epochs in {@code history} (learning curves and training loss),
     * also of a run stopped early.
     */
    public static void writeCurves(Path dir, ShortestPathConfig config, List<EpochMetrics> history, int gridSize)
            throws IOException {
        double[] epochs = column(history, "epoch");
        for (int i = 0; i < epochs.length; i++) {
            epochs[i] += 1;
        }
        String title = config.estimator().name() + ", " + config.network().label() + " network, "
                + gridSize + " x " + gridSize;
        LinePlot.titled("Shortest paths: " + title).axes("epoch", "fraction of maps").yRange(0, 1)
                .curve("val cost-optimal", epochs, column(history, "val_cost_optimal"))
                .curve("test cost-optimal", epochs, column(history, "test_cost_optimal"))
                .curve("val exact match", epochs, column(history, "val_exact_match"))
                .curve("test exact match", epochs, column(history, "test_exact_match"))
                .writePng(dir.resolve("learning-curves.png"));
        LinePlot.titled("Training loss: " + title).axes("epoch", "mean loss per map")
                .curve("train loss", epochs, column(history, "train_loss"))
                .writePng(dir.resolve("training-loss.png"));
    }

    private static double[] column(List<EpochMetrics> history, String name) {
        double[] v = new double[history.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = history.get(i).get(name);
        }
        return v;
    }

    /** One row per map: map with both paths, predicted costs, true costs. */
    static BufferedImage testMaps(WarcraftDataset test, ShortestPathExperiment.Predictions p, int maps) {
        int n = test.cells();
        int k = test.gridSize();
        int side = test.imageSize() * SCALE;
        int cellPx = side / k;
        double maxCost = 0;
        for (float w : test.vertexWeights()) {
            maxCost = Math.max(maxCost, w);
        }
        maxCost = Math.max(maxCost, 1e-6);
        int width = 3 * side + 4 * GAP;
        int height = maps * (side + GAP) + GAP + TITLE;
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, width, height);
            g.setColor(Color.BLACK);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            String[] heads = {"labelled (white) and predicted (red) path", "predicted costs (own scale)", "true costs"};
            for (int c = 0; c < 3; c++) {
                g.drawString(heads[c], GAP + c * (side + GAP), TITLE - 4);
            }
            for (int m = 0; m < maps; m++) {
                double[] gold = new double[n];
                test.copyPath(m, gold, 0);
                double[] pred = new double[n];
                System.arraycopy(p.paths(), m * n, pred, 0, n);
                double[] predCosts = new double[n];
                System.arraycopy(p.costs(), m * n, predCosts, 0, n);
                double[] trueCosts = new double[n];
                test.copyCosts(m, trueCosts, 0);
                int y = TITLE + GAP / 2 + m * (side + GAP);
                g.drawImage(WarcraftImages.render(test, m, SCALE, new WarcraftImages.Overlay(gold, Color.WHITE),
                        new WarcraftImages.Overlay(pred, Color.RED)), GAP, y, null);
                // learned costs are defined up to scale (except for the MSE baseline): own scale
                double predMax = 1e-6;
                for (double c : predCosts) {
                    predMax = Math.max(predMax, c);
                }
                g.drawImage(WarcraftImages.renderCosts(predCosts, k, cellPx, predMax), 2 * GAP + side, y, null);
                g.drawImage(WarcraftImages.renderCosts(trueCosts, k, cellPx, maxCost), 3 * GAP + 2 * side, y, null);
            }
        } finally {
            g.dispose();
        }
        return out;
    }
}
