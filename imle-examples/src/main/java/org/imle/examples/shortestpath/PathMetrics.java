package org.imle.examples.shortestpath;

import org.imle.data.warcraft.WarcraftDataset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.imle.api.check.Checks;

/**
 * The scores of predicted paths against a {@link WarcraftDataset}, as the Warcraft experiments
 * report them (Vlastelica et al. 2020; Niepert et al. 2021), averaged over the maps:
 * <ul>
 *   <li>{@code cost_optimal}: the fraction of maps whose predicted path, priced with the TRUE cell
 *       costs, costs at most {@code (1 + 1e-4)} times the optimum. Ties make this the main score:
 *       two different paths of equal cost are both right.</li>
 *   <li>{@code exact_match}: the fraction of maps whose predicted cells equal the labelled path's.</li>
 *   <li>{@code cell_accuracy}: the fraction of all cells on which prediction and label agree.</li>
 *   <li>{@code regret}: the mean of {@code (cost(pred) - cost(opt)) / cost(opt)}, the normalised
 *       regret (0 for an optimal path; an optimum of cost 0 counts as regret 0 when matched and
 *       as the absolute excess otherwise).</li>
 * </ul>
 * A path is K*K cell indicators; cells above 0.5 are on it. O(N K^2).
 */
public final class PathMetrics {

    /** The relative tolerance of {@code cost_optimal}. */
    public static final double COST_TOLERANCE = 1e-4;

    /**
     * One split's scores.
     *
     * @param costOptimal fraction of cost-optimal predictions
     * @param exactMatch fraction of predictions equal to the label
     * @param cellAccuracy fraction of cells predicted right
     * @param regret mean normalised regret
     */
    public record Scores(double costOptimal, double exactMatch, double cellAccuracy, double regret) {

        /** The scores as named metrics {@code <prefix>cost_optimal}, ... in a fixed order. */
        public Map<String, Double> named(String prefix) {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put(prefix + "cost_optimal", costOptimal);
            m.put(prefix + "exact_match", exactMatch);
            m.put(prefix + "cell_accuracy", cellAccuracy);
            m.put(prefix + "regret", regret);
            return m;
        }
    }

    private PathMetrics() {
    }

    /**
     * Scores {@code paths} (N rows of K*K, row i for map i of {@code data}) against the labels
     * and true costs of {@code data}.
     *
     * @throws IllegalArgumentException when {@code paths} is not N rows of K*K or data is empty
     */
    public static Scores score(WarcraftDataset data, double[] paths) {
        int n = data.cells();
        int maps = data.size();
        if (maps == 0) {
            throw new IllegalArgumentException("cannot score an empty data set");
        }
        Checks.length("paths", paths, maps * n);
        byte[] gold = data.shortestPaths();
        int optimal = 0;
        int exact = 0;
        long rightCells = 0;
        double regret = 0;
        for (int m = 0; m < maps; m++) {
            int off = m * n;
            int wrong = 0;
            for (int i = 0; i < n; i++) {
                boolean on = paths[off + i] > 0.5;
                if (on != (gold[off + i] != 0)) {
                    wrong++;
                }
            }
            rightCells += n - wrong;
            exact += wrong == 0 ? 1 : 0;
            double best = data.optimalCost(m);
            double cost = data.pathCost(m, paths, off);
            double excess = cost - best;
            if (excess <= COST_TOLERANCE * best) {
                optimal++;
            }
            regret += best > 0 ? excess / best : Math.max(0, excess);
        }
        return new Scores((double) optimal / maps, (double) exact / maps, (double) rightCells / ((long) maps * n),
                regret / maps);
    }
}
