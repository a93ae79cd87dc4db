package org.imle.train.relax;

import org.imle.api.execution.RandomStreams;
import org.imle.noise.GumbelNoise;
import org.imle.train.tensor.Shape;
import org.imle.train.tensor.Tensor;

/**
 * Continuous relaxations of sampling a k-subset of n items from scores, as differentiable tensor
 * operations: the baselines that I-MLE is compared with in the learning-to-explain experiments.
 * Both take logits [B, n] and return a soft k-hot mask [B, n] of non-negative entries whose
 * gradient flows to the logits by ordinary backpropagation (each is built from the engine's own
 * operations, whose backward rules are checked against finite differences).
 *
 * <ul>
 *   <li>{@link #l2x}: the relaxation of L2X (Chen, Song, Wainwright, Jordan, ICML 2018): k
 *       independent Gumbel-softmax draws {@code softmax((theta + g_j) / tau)}, j = 1..k, combined by
 *       an elementwise maximum; entries lie in [0, 1]. O(B k n).</li>
 *   <li>{@link #softSub}: SoftSub (Xie and Ermon, IJCAI 2019, "Reparameterizable subset sampling
 *       via continuous relaxations"): one Gumbel perturbation {@code w = theta + g}, then k
 *       successive softmaxes, each after masking the previous one's mass by
 *       {@code w <- w + log(max(1 - a_{j-1}, eps))}; the mask is {@code sum_j a_j}, which sums to
 *       k in each row (an entry may slightly exceed 1, since only the last softmax is masked). As tau goes to 0 it becomes the k-hot vector of the top k of w, the exact
 *       Gumbel-top-k sample. O(B k n).</li>
 * </ul>
 *
 * <p>Noise: the Gumbel draws of row b at training step t come from
 * {@link RandomStreams#open}(seed, t, b, 0), so a (seed, step) gives the same mask whatever the
 * thread count, and a finite-difference check can hold the noise fixed. At test time a model
 * should use the hard top-k of its scores, not these masks.
 */
public final class RelaxedTopK {

    /** The floor of {@code 1 - a} before its logarithm in SoftSub, so that the log stays finite. */
    static final float MASK_FLOOR = 1e-20f;

    private RelaxedTopK() {
    }

    /**
     * The L2X relaxation: the elementwise maximum over k Gumbel-softmax samples.
     *
     * @param logits scores [B, n]
     * @param k the subset size, 1..n
     * @param temperature tau > 0
     * @param seed with {@code step}, keys the Gumbel noise
     * @throws IllegalArgumentException naming the parameter for a bad shape, k or temperature
     */
    public static Tensor l2x(Tensor logits, int k, double temperature, long seed, long step) {
        int[] s = check("l2x", logits, k, temperature);
        int b = s[0];
        int n = s[1];
        Tensor g = Tensor.ofDoubles(gumbel(b, k * n, seed, step), b, k, n);
        Tensor samples = logits.reshape(b, 1, n).add(g).mul((float) (1.0 / temperature)).softmax();
        return samples.max(1, false);
    }

    /**
     * The SoftSub relaxation: k successive softmaxes of Gumbel-perturbed logits, each masking out
     * the mass of the previous one.
     *
     * @param logits scores [B, n]
     * @param k the subset size, 1..n
     * @param temperature tau > 0
     * @param seed with {@code step}, keys the Gumbel noise
     * @throws IllegalArgumentException naming the parameter for a bad shape, k or temperature
     */
    public static Tensor softSub(Tensor logits, int k, double temperature, long seed, long step) {
        int[] s = check("softSub", logits, k, temperature);
        int b = s[0];
        int n = s[1];
        Tensor w = logits.add(Tensor.ofDoubles(gumbel(b, n, seed, step), b, n));
        float inv = (float) (1.0 / temperature);
        Tensor onehot = null;
        Tensor khot = null;
        for (int j = 0; j < k; j++) {
            if (onehot != null) {
                w = w.add(clampMin(onehot.neg().add(1f), MASK_FLOOR).log());
            }
            onehot = w.mul(inv).softmax();
            khot = khot == null ? onehot : khot.add(onehot);
        }
        return khot;
    }

    /** {@code max(a, floor)} elementwise; the gradient passes where {@code a > floor}. */
    static Tensor clampMin(Tensor a, float floor) {
        float[] x = a.data();
        float[] out = new float[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = Math.max(x[i], floor);
        }
        return Tensor.fromOp(out, a.shape(), g -> {
            float[] ag = a.gradBuffer();
            for (int i = 0; i < g.length; i++) {
                if (x[i] > floor) {
                    ag[i] += g[i];
                }
            }
        }, a);
    }

    /** Standard Gumbel draws, {@code perRow} for each of {@code rows} rows, row b from stream (seed, step, b, 0). */
    public static double[] gumbel(int rows, int perRow, long seed, long step) {
        double[] g = new double[rows * perRow];
        GumbelNoise noise = GumbelNoise.standard();
        for (int r = 0; r < rows; r++) {
            noise.sample(RandomStreams.open(seed, step, r, 0), g, r * perRow, perRow);
        }
        return g;
    }

    private static int[] check(String what, Tensor logits, int k, double temperature) {
        int[] s = logits.shape();
        if (s.length != 2 || s[0] < 1 || s[1] < 1) {
            throw new IllegalArgumentException(what + ": logits of shape " + Shape.str(s) + " are not [B, n]");
        }
        if (k < 1 || k > s[1]) {
            throw new IllegalArgumentException(what + ": k must be in 1.." + s[1] + ", got " + k);
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException(what + ": temperature must be positive and finite, got " + temperature);
        }
        for (int i = 0; i < logits.size(); i++) {
            if (!Float.isFinite(logits.data()[i])) {
                throw new IllegalArgumentException(what + ": logit of row " + i / s[1] + " coordinate "
                        + i % s[1] + " is " + logits.data()[i]);
            }
        }
        return s;
    }
}
