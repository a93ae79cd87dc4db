package org.imle.api.loss;

import org.imle.api.StructuredLoss;
import org.imle.api.check.Checks;

/**
 * The argument checks every {@link StructuredLoss#evaluate} makes before its first solve, in one
 * place so that every loss names a bad argument the same way (the supervision by the loss's own
 * {@link StructuredLoss#supervisionName()}).
 */
final class LossArguments {

    private LossArguments() {
    }

    /**
     * Checks B >= 1, theta and the supervision as B finite rows of the loss's dimension, and the
     * gradient output's length.
     *
     * @throws IllegalArgumentException naming the first argument that is wrong
     */
    static void check(StructuredLoss loss, double[] theta, double[] supervision, int batchSize, double[] gradTheta) {
        int n = loss.dimension();
        Checks.atLeast("batch size", batchSize, 1);
        Checks.length("theta", theta, batchSize * n);
        Checks.finiteRows("theta", theta, n);
        Checks.length(loss.supervisionName(), supervision, batchSize * n);
        Checks.finiteRows(loss.supervisionName(), supervision, n);
        Checks.length("dL/dtheta output", gradTheta, batchSize * n);
    }
}
