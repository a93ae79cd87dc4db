package org.imle.examples.dvae;

import org.imle.train.tensor.Shape;
import org.imle.train.tensor.Tensor;

/**
 * The KL term of the discrete VAE's loss, as the I-MLE and AIMLE reference code computes it
 * (torch-adaptive-imle, {@code dvae} experiment): for each latent group g of example b, the
 * softmax {@code q_bg = softmax(theta_bg)} of the group's M logits is compared with the uniform
 * distribution on the M units,
 * <pre>
 *   KL_b = sum_g sum_i q_bgi (log q_bgi - log(1 / M)) = sum_g (log M - H(q_bg))
 * </pre>
 * and the term of a batch is the mean of KL_b over its B examples. This is a categorical
 * (one-hot) surrogate: it is not the KL divergence of the k-subset distribution
 * {@code p(z; theta) ~ exp(<z, theta>)} to the uniform prior on k-subsets, which the reference does
 * not compute either. The gradient is exact (log-softmax, so no epsilon is needed where the
 * reference adds 1e-20 inside the log; the values differ by less than 1e-18 per unit).
 * O(B N M).
 */
public final class KlToUniform {

    private KlToUniform() {
    }

    /**
     * The per-example KL, shape [B].
     *
     * @param logits [B, N * M]: N groups of M logits each, group-major
     * @param units M, the size of a group
     * @throws IllegalArgumentException if the rows of logits are not a whole number of groups
     */
    public static Tensor perExample(Tensor logits, int units) {
        int[] s = logits.shape();
        if (units < 1 || s.length != 2 || s[1] % units != 0 || s[0] < 1) {
            throw new IllegalArgumentException("KL to uniform: logits of shape " + Shape.str(s)
                    + " are not [B, N * " + units + "]");
        }
        int b = s[0];
        int groups = s[1] / units;
        Tensor grouped = logits.reshape(b * groups, units);
        Tensor logQ = grouped.logSoftmax();
        Tensor q = logQ.exp();
        Tensor perUnit = q.mul(logQ.add((float) Math.log(units)));
        return perUnit.reshape(b, groups * units).sum(1, false);
    }

    /** The batch term: the mean over examples of {@link #perExample}, a scalar. */
    public static Tensor mean(Tensor logits, int units) {
        return perExample(logits, units).mean();
    }
}
