package org.imle.examples.explain;

import java.util.SplittableRandom;
import org.imle.data.reviews.Vocabulary;
import org.imle.train.nn.Linear;
import org.imle.train.nn.Module;
import org.imle.train.ops.Shaping;
import org.imle.train.tensor.Tensor;

/**
 * The learning-to-explain model of L2X (Chen et al. 2018) as used in the I-MLE paper's
 * BeerAdvocate experiment, in two halves that meet at a k-subset mask:
 * <ul>
 *   <li>the <b>explainer</b> gives one score theta_i per word: a width-3 convolution over the
 *       (fixed) word vectors, {@code relu(W1 [e_{i-1}; e_i; e_{i+1}] + b1)}, then a linear map to one
 *       number. Padding positions get {@value #PADDING_SCORE} so that no top-k picks them while a
 *       real word is left;</li>
 *   <li>the <b>predictor</b> sees only the masked words: {@code h_i = relu(W2 e_i + b2)}, pooled as
 *       {@code (1/k) sum_i z_i h_i}, then a linear map to the rating.</li>
 * </ul>
 * Word vectors are a constant table (GloVe, or random for generated data), as in the reference
 * experiments. Cost per batch: O(B L D H) for both halves.
 */
public final class ExplainModel extends Module {

    /** The score of a padding position: far below any learnt score, yet finite for the solvers. */
    public static final float PADDING_SCORE = -1e4f;

    private final Tensor table;
    private final int dimension;
    private final int k;
    private final Linear conv;
    private final Linear scoreOut;
    private final Linear wordFeatures;
    private final Linear ratingOut;

    /**
     * @param table the word vectors, {@code vocabulary size x dimension}, row-major (not copied)
     * @param dimension D
     * @param hidden H, the width of both hidden layers
     * @param k the number of selected words (scales the pooled sum)
     * @param rng initialises the weights
     */
    public ExplainModel(float[] table, int dimension, int hidden, int k, SplittableRandom rng) {
        if (dimension < 1 || table.length % dimension != 0) {
            throw new IllegalArgumentException("embedding table of " + table.length + " values does not hold rows of "
                    + dimension);
        }
        if (hidden < 1 || k < 1) {
            throw new IllegalArgumentException("hidden and k must be >= 1, got " + hidden + " and " + k);
        }
        this.table = Tensor.of(table, table.length / dimension, dimension);
        this.dimension = dimension;
        this.k = k;
        this.conv = child("explainer.conv", new Linear(3 * dimension, hidden, rng));
        this.scoreOut = child("explainer.out", new Linear(hidden, 1, rng));
        this.wordFeatures = child("predictor.words", new Linear(dimension, hidden, rng));
        this.ratingOut = child("predictor.out", new Linear(hidden, 1, rng));
    }

    /** The subset size the pooling divides by. */
    public int k() {
        return k;
    }

    /** Scores of a batch: theta [B, L], padding positions at {@link #PADDING_SCORE}. */
    public Tensor scores(EncodedReviews.Batch batch) {
        int b = batch.size();
        int l = batch.width();
        int[] left = new int[b * l];
        int[] right = new int[b * l];
        float[] padding = new float[b * l];
        for (int r = 0; r < b; r++) {
            for (int i = 0; i < l; i++) {
                int p = r * l + i;
                left[p] = i > 0 ? batch.ids()[p - 1] : Vocabulary.PAD_ID;
                right[p] = i + 1 < l ? batch.ids()[p + 1] : Vocabulary.PAD_ID;
                padding[p] = i < batch.length()[r] ? 0f : PADDING_SCORE;
            }
        }
        Tensor windows = Shaping.concat(1, table.indexSelect(left), table.indexSelect(batch.ids()),
                table.indexSelect(right));
        Tensor theta = scoreOut.forward(conv.forward(windows).relu()).reshape(b, l);
        return theta.add(Tensor.of(padding, b, l));
    }

    /**
     * Predicted ratings from masked words: {@code mask} has R = B * S rows of L (S masks per
     * example, rows ordered {@code b * S + s}); padding positions are ignored whatever their mask.
     * Returns [R].
     */
    public Tensor predict(EncodedReviews.Batch batch, Tensor mask) {
        int b = batch.size();
        int l = batch.width();
        int rows = mask.dim(0);
        if (mask.rank() != 2 || mask.dim(1) != l || rows % b != 0) {
            throw new IllegalArgumentException("mask of shape " + java.util.Arrays.toString(mask.shape())
                    + " does not fit [B * S, " + l + "] with B = " + b);
        }
        int s = rows / b;
        float[] valid = new float[rows * l];
        for (int r = 0; r < rows; r++) {
            java.util.Arrays.fill(valid, r * l, r * l + batch.length()[r / s], 1f / k);
        }
        Tensor h = wordFeatures.forward(table.indexSelect(batch.ids())).relu();
        int hidden = h.dim(1);
        if (s > 1) {
            int[] rowOf = new int[rows];
            for (int r = 0; r < rows; r++) {
                rowOf[r] = r / s;
            }
            h = h.reshape(b, l * hidden).indexSelect(rowOf);
        }
        Tensor weights = mask.mul(Tensor.of(valid, rows, l)).reshape(rows, l, 1);
        Tensor pooled = h.reshape(rows, l, hidden).mul(weights).sum(1, false);
        return ratingOut.forward(pooled).reshape(rows);
    }

    /** The scores of ids given as whole numbers in a [B, L] tensor (all positions real). */
    @Override
    public Tensor forward(Tensor ids) {
        int b = ids.dim(0);
        int l = ids.dim(1);
        int[] id = new int[b * l];
        int[] length = new int[b];
        for (int i = 0; i < id.length; i++) {
            id[i] = (int) ids.data()[i];
        }
        java.util.Arrays.fill(length, l);
        return scores(new EncodedReviews.Batch(id, length, new float[b], new boolean[b * l], l));
    }
}
