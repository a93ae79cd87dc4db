package org.imle.examples.explain;

import org.imle.solvers.topk.TopKOracle;

/**
 * The test-time selection and its precision. Every method, whatever it trained with, selects the
 * hard top-k of the explainer's scores (lower position wins ties, as {@link TopKOracle}); for a
 * review shorter than k that is all of its words.
 *
 * <p>Precision, as in L2X and I-MLE, is the fraction of selected words that are annotated for the
 * aspect, pooled over all reviews: {@code sum_r |S_r and A_r| / sum_r |S_r|} where S_r are the
 * selected real (non-padding) positions of review r and A_r its annotated positions. O(B L).
 */
public final class Selections {

    private Selections() {
    }

    /**
     * The hard top-k of each row of scores (B rows of L), as 0/1 flags restricted to each row's
     * real positions.
     */
    public static boolean[] topK(float[] scores, int[] lengths, int width, int k) {
        int b = lengths.length;
        if (scores.length != b * width) {
            throw new IllegalArgumentException("scores of length " + scores.length + " do not fit " + b + " rows of " + width);
        }
        TopKOracle oracle = new TopKOracle(width, Math.min(k, width));
        double[] row = new double[width];
        double[] z = new double[width];
        boolean[] out = new boolean[b * width];
        for (int r = 0; r < b; r++) {
            for (int i = 0; i < width; i++) {
                row[i] = scores[r * width + i];
            }
            oracle.solve(row, z);
            for (int i = 0; i < lengths[r]; i++) {
                out[r * width + i] = z[i] > 0.5;
            }
        }
        return out;
    }

    /** Counts of selected and of selected-and-annotated positions; {@link #precision()} is their ratio. */
    public record Precision(long selected, long hits) {
        /** hits / selected, or NaN when nothing was selected. */
        public double precision() {
            return selected == 0 ? Double.NaN : hits / (double) selected;
        }

        /** The pooled counts of two parts of a data set. */
        public Precision plus(Precision o) {
            return new Precision(selected + o.selected, hits + o.hits);
        }
    }

    /**
     * The pooled precision of a selection against annotations (both B rows of L flags).
     *
     * @throws IllegalArgumentException if the lengths differ
     */
    public static Precision precision(boolean[] selected, boolean[] annotated) {
        if (selected.length != annotated.length) {
            throw new IllegalArgumentException("selection of length " + selected.length
                    + " does not fit annotations of length " + annotated.length);
        }
        long s = 0;
        long h = 0;
        for (int i = 0; i < selected.length; i++) {
            if (selected[i]) {
                s++;
                if (annotated[i]) {
                    h++;
                }
            }
        }
        return new Precision(s, h);
    }

    /**
     * The best precision any selection of k words per review could reach on these reviews: per
     * review, {@code min(k, annotated real words)} hits out of {@code min(k, real words)} selected,
     * pooled. A rating-driven explainer need not reach it (annotations may include words that do
     * not carry the rating), but no explainer can exceed it.
     */
    public static Precision ceiling(int[] lengths, boolean[] annotated, int width, int k) {
        if (annotated.length != lengths.length * width) {
            throw new IllegalArgumentException("annotations of length " + annotated.length + " do not fit "
                    + lengths.length + " rows of " + width);
        }
        long s = 0;
        long h = 0;
        for (int r = 0; r < lengths.length; r++) {
            int count = 0;
            for (int i = 0; i < lengths[r]; i++) {
                count += annotated[r * width + i] ? 1 : 0;
            }
            s += Math.min(k, lengths[r]);
            h += Math.min(k, count);
        }
        return new Precision(s, h);
    }
}
