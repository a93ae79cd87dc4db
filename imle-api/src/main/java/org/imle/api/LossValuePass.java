package org.imle.api;

/**
 * An {@link EstimatorPass} whose backward can use the loss value of each sampled structure instead of
 * (or besides) its gradient dL/dz: the score-function estimator needs {@code L(z_s)} itself. Callers
 * that know their loss values (such as {@link org.imle.api.diagnostics.GradientDiagnostics}) test for
 * this interface and call {@link #backwardFromLosses}.
 */
public interface LossValuePass extends EstimatorPass {

    /**
     * Writes dL/dtheta (B rows of n) into {@code gradTheta}, given {@code losses[b * S + s]}, the loss
     * of sampled structure s of row b.
     *
     * @throws IllegalArgumentException for a wrong length or a non-finite loss (naming its row)
     */
    void backwardFromLosses(double[] losses, double[] gradTheta);
}
