package org.imle.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import org.imle.api.StructuredLoss;

/**
 * Any {@link StructuredLoss} of the registry (the perturbed Fenchel-Young loss, SPO+) as the loss
 * of a DJL network: theta [B, n] and B supervision rows in, the mean of the B row losses out, as a
 * scalar whose backward gives the network {@code 1/B} times the loss's dL/dtheta.
 *
 * <p>The loss computes its gradient in theta directly from the solver, so nothing flows through
 * structures: the returned scalar is {@code s - detach(s) + mean} with {@code s = sum(theta * g)}
 * and g the constant gradient, whose value is the mean loss and whose gradient in theta is g. One
 * {@code collector.backward} of it (or of a sum that contains it) is all the caller does.
 *
 * <p>The gradient enters libtorch through a {@link StagingBuffer} the layer keeps and is copied
 * into memory libtorch owns, because the loss's backward reads it later, when the buffer may
 * already carry another call's gradient. The arrays the layer makes live in theta's manager (a per-step sub-manager, closed by the caller). Solves run on the
 * loss's own executor with random streams keyed by (seed, step, row, sample). Not thread-safe.
 */
public final class StructuredLossLayer {

    private final StructuredLoss loss;
    private final StagingBuffer gradient = new StagingBuffer();
    private double[] theta = new double[0];
    private double[] grad = new double[0];
    private StructuredLoss.Evaluation last;

    public StructuredLossLayer(StructuredLoss loss) {
        if (loss == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
        this.loss = loss;
    }

    public StructuredLoss loss() {
        return loss;
    }

    /**
     * The mean loss of a batch, differentiable in theta.
     *
     * @param theta float32 or float64 of shape [B, n] (or [B, ...] with n elements per row)
     * @param supervision B rows of n, flat row-major: the gold structures or the true theta, as the
     *     loss's {@link StructuredLoss#supervisionName()} says
     * @param step the training step, keying any random streams
     * @return a scalar in theta's manager
     * @throws IllegalArgumentException naming theta's shape if it does not fit [B, n], or the row and
     *     coordinate of a non-finite entry
     */
    public NDArray forward(NDArray theta, double[] supervision, long step) {
        int n = loss.dimension();
        int b = DiscreteLayer.rows(theta, n, "structured loss (" + loss.name() + ")");
        if (this.theta.length != b * n) {
            this.theta = new double[b * n];
            grad = new double[b * n];
        }
        StagingBuffer.read(theta, this.theta);
        last = loss.evaluate(this.theta, supervision, b, step, grad);
        double mean = 0;
        for (double v : last.losses()) {
            mean += v;
        }
        mean /= b;
        for (int i = 0; i < grad.length; i++) {
            grad[i] /= b;
        }
        try (NDArray g = gradient.copyToArray(theta.getManager(), grad, theta.getShape(), theta.getDataType());
                NDArray product = theta.mul(g)) {
            NDArray s = product.sum();
            try (NDArray detached = s.stopGradient()) {
                // a double scalar would promote a float32 loss to float64
                return s.sub(detached).add(s.getDataType() == DataType.FLOAT64 ? (Number) mean : (Number) (float) mean);
            }
        }
    }

    /** The structures and row losses of the last {@link #forward} call, or null before the first. */
    public StructuredLoss.Evaluation lastEvaluation() {
        return last;
    }
}
