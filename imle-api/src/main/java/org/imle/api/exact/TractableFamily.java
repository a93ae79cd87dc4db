package org.imle.api.exact;

import org.apache.commons.rng.UniformRandomProvider;

/**
 * A {@link MarginalOracle} that can also draw exact samples {@code z ~ p(z; theta)}, so that
 * {@code log p(z; theta) = <z, theta> - A(theta)} and its gradient {@code z - mu(theta)} are
 * available: what the score-function (REINFORCE) estimator needs.
 */
public interface TractableFamily extends MarginalOracle {

    /**
     * Draws one structure from {@code p(.; theta)} for the row at {@code theta[offset..)} and
     * writes it to {@code z[zOffset..)}, using only {@code random}.
     */
    void sample(double[] theta, int offset, UniformRandomProvider random, double[] z, int zOffset);

    /** {@code log p(z; theta) = <z, theta> - A(theta)}; z is assumed to be in C. */
    default double logProbability(double[] theta, int offset, double[] z, int zOffset) {
        double s = 0;
        for (int i = 0; i < dimension(); i++) {
            s += z[zOffset + i] * theta[offset + i];
        }
        return s - logPartition(theta, offset);
    }
}
