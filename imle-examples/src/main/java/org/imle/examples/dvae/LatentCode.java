package org.imle.examples.dvae;

import org.imle.train.tensor.Tensor;

/**
 * How the discrete VAE turns the logits of its latent groups into k-subset codes: one
 * implementation per gradient estimator ({@link DvaeEstimators} makes them).
 *
 * <p>Rows are latent groups: for a batch of B images with N groups of M units, logits and codes
 * have shape [B * N, M], example b's groups in rows {@code b * N .. b * N + N - 1}. One training
 * step calls {@link #train}, then {@link #lossValueTerm} with the reconstruction loss of each
 * example, and adds that term (if any) to the loss before backward. Instances may keep state
 * between steps (the last forward pass, AIMLE's lambda, a moving-average baseline): use one per
 * model, from one thread.
 */
public interface LatentCode {

    /**
     * Samples codes [B * N, M] for training, differentiable with respect to logits by the
     * method's backward rule.
     *
     * @param step the training step, which keys the noise
     */
    Tensor train(Tensor logits, long step);

    /**
     * The extra scalar added to the loss by estimators that need the loss values of the sampled
     * codes (the score function): its value is 0 and its backward adds the estimated gradient to
     * the logits of the last {@link #train} call. Null for estimators that use dL/dz only.
     *
     * @param reconstruction the reconstruction loss of each example of the last training batch
     * @param groups N, the rows per example
     */
    Tensor lossValueTerm(float[] reconstruction, int groups);

    /**
     * A hard sample for evaluation: codes (B * N rows of M, 0/1) for logits without gradient,
     * drawn with the method's own sampler and the noise keyed by {@code key}.
     */
    double[] evaluate(double[] logits, int rows, long key);

    /** The registered estimator behind the codes (its training state goes into checkpoints), or null. */
    default Object method() {
        return null;
    }
}
