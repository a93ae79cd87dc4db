package org.imle.examples.dvae;

import org.imle.api.EstimatorPass;
import org.imle.api.GradientEstimator;
import org.imle.api.LossValuePass;
import org.imle.train.node.DiscreteNode;
import org.imle.train.tensor.Tensor;

/**
 * A {@link LatentCode} around a library {@link GradientEstimator} over the top-k oracle. In the
 * dL/dz mode (I-MLE, AIMLE, straight-through) training goes through a {@link DiscreteNode}; in
 * the loss-value mode (an estimator that {@link GradientEstimator#takesLossValues() takes loss values}, the score function) the codes
 * are constants and {@link #lossValueTerm} carries the REINFORCE gradient
 * {@code (1/B) sum_b (L_b - baseline) (z_bg - mu(theta_bg))} for every group g of example b,
 * with L_b the example's reconstruction loss (the only part of the loss that depends on z, since
 * log q(z) is the sum of the groups' log-probabilities). Evaluation samples with the estimator's
 * own forward pass.
 */
final class EstimatorCode implements LatentCode {

    private final GradientEstimator estimator;
    private final DiscreteNode node;
    private final boolean lossValues;
    private LossValuePass lastPass;
    private Tensor lastLogits;

    EstimatorCode(GradientEstimator estimator) {
        this.estimator = estimator;
        this.node = new DiscreteNode(estimator);
        this.lossValues = estimator.takesLossValues();
    }

    @Override
    public Tensor train(Tensor logits, long step) {
        if (!lossValues) {
            return node.apply(logits, step);
        }
        int rows = logits.dim(0);
        EstimatorPass pass = estimator.forward(logits.toDoubles(), rows, step);
        if (!(pass instanceof LossValuePass lv)) {
            throw new IllegalStateException(estimator.name() + " does not take loss values");
        }
        lastPass = lv;
        lastLogits = logits;
        return Tensor.ofDoubles(pass.structures(), rows * pass.samples(), estimator.dimension());
    }

    @Override
    public Tensor lossValueTerm(float[] reconstruction, int groups) {
        if (!lossValues) {
            return null;
        }
        LossValuePass pass = lastPass;
        Tensor logits = lastLogits;
        int rows = logits.dim(0);
        int n = estimator.dimension();
        int samples = pass.samples();
        if (rows != reconstruction.length * groups) {
            throw new IllegalArgumentException(reconstruction.length + " losses for " + rows + " rows of "
                    + groups + " groups");
        }
        int batch = reconstruction.length;
        return Tensor.fromOp(new float[1], new int[0], g -> {
            double[] losses = new double[rows * samples];
            for (int r = 0; r < losses.length; r++) {
                losses[r] = reconstruction[(r / samples) / groups];
            }
            double[] grad = new double[rows * n];
            pass.backwardFromLosses(losses, grad);
            float[] lg = logits.gradBuffer();
            for (int i = 0; i < grad.length; i++) {
                lg[i] += (float) (g[0] * grad[i] / batch);
            }
        }, logits);
    }

    @Override
    public double[] evaluate(double[] logits, int rows, long key) {
        return estimator.forward(logits, rows, key).structures();
    }

    @Override
    public Object method() {
        return estimator;
    }
}
