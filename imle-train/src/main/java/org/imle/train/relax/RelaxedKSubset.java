package org.imle.train.relax;

import org.apache.commons.rng.UniformRandomProvider;
import org.imle.api.RandomStreams;
import org.imle.noise.GumbelNoise;
import org.imle.train.tensor.Shape;
import org.imle.train.tensor.Tensor;

/**
 * A continuous relaxation of the k-subset ("k-hot") sample, the Gumbel-softmax of k-subsets
 * (Xie and Ermon, "Reparameterizable Subset Sampling via Continuous Relaxations", IJCAI 2019;
 * Pl&ouml;tz and Roth 2018): for each row of scores {@code a_1 = theta (+ Gumbel noise)},
 * <pre>
 *   p_j     = softmax(a_j / tau)
 *   a_{j+1} = a_j + log(1 - p_j)          j = 1 .. k
 *   output  = p_1 + ... + p_k
 * </pre>
 * Each step softly removes the item the previous softmax chose, so every row of the output sums
 * to k with non-negative entries, and tends to the k-hot indicator of the top k scores as tau goes
 * to 0. At moderate tau an entry may exceed 1 (an item only partly removed can be chosen again):
 * the relaxation is not a projection onto the k-subset polytope. With Gumbel noise on theta the hard limit is an exact sample of the k-subset
 * distribution without replacement (Gumbel top-k).
 *
 * <p>The operation is a composition of autodiff operations (softmax, log, add), so its gradient
 * is exact for the relaxed output; {@code 1 - p_j} is floored at 1e-20 before the log, as
 * reference implementations do, to keep a fully chosen item from giving log 0. Cost O(k rows n)
 * forward and backward, and the k intermediate tensors of that size are kept for backward.
 */
public final class RelaxedKSubset {

    /** Added to {@code 1 - p} before the log, so that a probability of 1 gives a finite log. */
    static final float LOG_FLOOR = 1e-20f;

    private RelaxedKSubset() {
    }

    /**
     * The relaxed k-subset of each row of {@code scores} (shape [rows, n]) at temperature tau,
     * without noise.
     *
     * @throws IllegalArgumentException if scores is not [rows, n], k is not in 1..n, or tau is
     *     not positive and finite
     */
    public static Tensor relax(Tensor scores, int k, double tau) {
        int[] s = scores.shape();
        if (s.length != 2 || s[0] < 1 || s[1] < 1) {
            throw new IllegalArgumentException("relaxed k-subset: scores of shape " + Shape.str(s)
                    + ", expected [rows, n]");
        }
        if (k < 1 || k > s[1]) {
            throw new IllegalArgumentException("relaxed k-subset: k must be in 1.." + s[1] + ", got " + k);
        }
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("relaxed k-subset: temperature must be positive and finite, got " + tau);
        }
        float inv = (float) (1.0 / tau);
        Tensor a = scores;
        Tensor sum = null;
        for (int j = 0; j < k; j++) {
            Tensor p = a.mul(inv).softmax();
            sum = sum == null ? p : sum.add(p);
            if (j + 1 < k) {
                // two adds: 1f + 1e-20f would round to 1f and lose the floor
                a = a.add(p.neg().add(1f).add(LOG_FLOOR).log());
            }
        }
        return sum;
    }

    /**
     * A relaxed k-subset sample: {@link #relax} of {@code logits + g} with standard Gumbel noise g,
     * where row r's noise comes from {@link RandomStreams#open}(seed, step, r, 0), so the same key
     * gives the same sample whatever the thread count.
     */
    public static Tensor sample(Tensor logits, int k, double tau, long seed, long step) {
        return relax(logits.add(gumbel(logits.shape(), seed, step)), k, tau);
    }

    /**
     * The standard Gumbel noise {@link #sample} adds, as a constant tensor of the given [rows, n]
     * shape (callers that need the hard limit {@code topk(logits + g)} use the same noise).
     */
    public static Tensor gumbel(int[] shape, long seed, long step) {
        if (shape.length != 2) {
            throw new IllegalArgumentException("relaxed k-subset: noise shape " + Shape.str(shape)
                    + ", expected [rows, n]");
        }
        int rows = shape[0];
        int n = shape[1];
        double[] row = new double[n];
        float[] g = new float[rows * n];
        GumbelNoise noise = GumbelNoise.standard();
        for (int r = 0; r < rows; r++) {
            UniformRandomProvider rng = RandomStreams.open(seed, step, r, 0);
            noise.sample(rng, row, 0, n);
            for (int i = 0; i < n; i++) {
                g[r * n + i] = (float) row[i];
            }
        }
        return Tensor.of(g, rows, n);
    }
}
