package org.imle.api.estimator;

import org.imle.api.check.Checks;

/**
 * The I-MLE target distribution's parameters: {@code theta' = alpha * theta - lambda * dL/dz}
 * (Niepert et al. 2021, the "perturbation-based implicit differentiation" target). alpha = 1 moves
 * theta against the upstream gradient by a step lambda; alpha = 0 gives the target used for
 * straight-through-like behaviour when lambda is large.
 */
public record TargetDistribution(double alpha, double lambda) {

    /** Validates alpha (finite) and lambda (positive, finite). */
    public TargetDistribution {
        Checks.finite("alpha", alpha);
        Checks.positive("lambda", lambda);
    }

    /**
     * Writes {@code alpha * theta[t..t+n) - lambda * dLdz[d..d+n)} into {@code out[o..o+n)}.
     */
    public void apply(double[] theta, int t, double[] dLdz, int d, double[] out, int o, int n) {
        for (int i = 0; i < n; i++) {
            out[o + i] = alpha * theta[t + i] - lambda * dLdz[d + i];
        }
    }
}
