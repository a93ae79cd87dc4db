package org.imle.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.imle.api.EstimatorPass;
import org.imle.api.GradientEstimator;

/**
 * Any {@link GradientEstimator} of the registry (I-MLE, AIMLE, blackbox, straight-through, ...) as
 * a layer of a DJL network: theta [B, n] in, the sampled structures [B * S, n] out (rows ordered
 * {@code b * S + s}), and the estimator's gradient fed back into the network that made theta.
 *
 * <p>DJL has no custom backward, so the gradient goes in with two backward calls in one
 * {@link GradientCollector} on disjoint graphs:
 * <ol>
 *   <li>{@link #forward} hands theta to the estimator and returns the structures z as a fresh
 *       leaf that requires a gradient; the caller computes its loss from z and calls
 *       {@code collector.backward(loss)}, which gives dL/dz and the gradients of everything
 *       between z and the loss;</li>
 *   <li>{@link Sample#backward} turns dL/dz into g = dL/dtheta with the estimator (in Java, its
 *       solves on the estimator's executor) and calls {@code collector.backward(sum(theta * g))}
 *       with g constant, whose gradient with respect to the network's parameters is the chain
 *       rule's g times dtheta/dparameters.</li>
 * </ol>
 * Gradients add up across the two calls, as DJL's optimisers expect (they zero them after each
 * update). When the loss of z has no parameters and is computed in Java (the Hamming loss:
 * {@link HammingLoss}), {@link Sample#backward(GradientCollector, double[])} takes its dL/dz
 * directly, and the first backward call, with the copy of z into libtorch, is not needed.
 *
 * <p>Arrays cross between Java and libtorch through {@link StagingBuffer}s kept by the layer, so a
 * step allocates no direct memory; z (when asked for) and the injected gradient are then copied into memory
 * libtorch owns ({@link StagingBuffer#copyToArray}), because autograd reads them in a later
 * backward call and callers keep z. The arrays the layer makes live in theta's manager, which
 * should be a per-step sub-manager the caller closes after the step. The random streams are keyed
 * by (seed, step, row, sample) as everywhere in imle. Not thread-safe: one layer per training loop.
 */
public final class DiscreteLayer {

    private final GradientEstimator estimator;
    private final StagingBuffer structures = new StagingBuffer();
    private final StagingBuffer gradient = new StagingBuffer();
    private double[] theta = new double[0];
    private double[] dz = new double[0];
    private double[] grad = new double[0];

    public DiscreteLayer(GradientEstimator estimator) {
        if (estimator == null) {
            throw new IllegalArgumentException("estimator must not be null");
        }
        this.estimator = estimator;
    }

    public GradientEstimator estimator() {
        return estimator;
    }

    /**
     * Samples structures for a batch of theta.
     *
     * @param theta float32 or float64 of shape [B, n] (or [B, ...] with n elements per row), n the estimator's
     *     dimension, computed inside the caller's {@link GradientCollector}
     * @param step the training step, keying the random streams
     * @throws IllegalArgumentException naming theta's shape if its rows are not of length n, or the
     *     row and coordinate of a non-finite entry
     */
    public Sample forward(NDArray theta, long step) {
        int b = rows(theta, estimator.dimension(), "discrete layer (" + estimator.name() + ")");
        int n = estimator.dimension();
        // the host arrays are kept while the batch size stays (the estimators want exact lengths)
        if (this.theta.length != b * n) {
            this.theta = new double[b * n];
        }
        StagingBuffer.read(theta, this.theta);
        EstimatorPass pass = estimator.forward(this.theta, b, step);
        return new Sample(theta, pass);
    }

    static int rows(NDArray theta, int n, String what) {
        Shape s = theta.getShape();
        if (s.dimension() < 1 || s.get(0) < 1 || theta.size() != s.get(0) * n) {
            throw new IllegalArgumentException(what + ": theta of shape " + s + " does not fit [B, " + n + "]");
        }
        return Math.toIntExact(s.get(0));
    }

    /**
     * One forward pass of the layer: the sampled structures and the way back to theta. The
     * structures' NDArray is made on the first {@link #structures()} call, so a caller whose loss
     * is computed in Java ({@link #backward(GradientCollector, double[])}, e.g. with
     * {@link HammingLoss}) never copies them into libtorch nor builds the loss's graph.
     */
    public final class Sample {

        private final NDArray theta;
        private final EstimatorPass pass;
        private NDArray structures;

        private Sample(NDArray theta, EstimatorPass pass) {
            this.theta = theta;
            this.pass = pass;
        }

        /**
         * The sampled structures z, [B * S, n], a leaf whose gradient the loss's backward fills; in
         * theta's manager, in memory libtorch owns (callers may keep it past the step's next call).
         */
        public NDArray structures() {
            if (structures == null) {
                structures = DiscreteLayer.this.structures.copyToArray(theta.getManager(), pass.structures(),
                        new Shape((long) pass.batchSize() * pass.samples(), estimator.dimension()),
                        theta.getDataType());
                structures.setRequiresGradient(true);
            }
            return structures;
        }

        /** The estimator's pass, for its samples count and raw structures. */
        public EstimatorPass pass() {
            return pass;
        }

        /**
         * Feeds the estimator's dL/dtheta back into the network that computed theta: reads dL/dz
         * from the structures' gradient (zero where the loss did not reach them, and everywhere if
         * {@link #structures()} was never called), and runs the second backward call. Call after
         * {@code collector.backward(loss)}, once.
         *
         * @throws IllegalArgumentException naming the row and coordinate of a non-finite dL/dz
         */
        public void backward(GradientCollector collector) {
            int size = Math.toIntExact((long) pass.batchSize() * pass.samples() * estimator.dimension());
            if (dz.length != size) {
                dz = new double[size];
            }
            if (structures == null) {
                java.util.Arrays.fill(dz, 0);
            } else {
                try (NDArray g = structures.getGradient()) {
                    StagingBuffer.read(g, dz);
                }
            }
            inject(collector, dz);
        }

        /**
         * As {@link #backward(GradientCollector)}, with dL/dz given by the caller, computed in Java
         * from {@code pass().structures()}: for a loss of z without parameters (the Hamming loss of
         * {@link HammingLoss}) this is the whole backward, with no first backward call. If the
         * structures' NDArray was used in a graph too, its gradient is ignored.
         *
         * @param dLdz [B * S * n], rows ordered {@code b * S + s}
         * @throws IllegalArgumentException if {@code dLdz} has another length, or naming the row
         *     and coordinate of a non-finite entry
         */
        public void backward(GradientCollector collector, double[] dLdz) {
            long size = (long) pass.batchSize() * pass.samples() * estimator.dimension();
            if (dLdz.length != size) {
                throw new IllegalArgumentException("discrete layer (" + estimator.name() + "): dL/dz of "
                        + dLdz.length + " values, expected B * S * n = " + size);
            }
            inject(collector, dLdz);
        }

        private void inject(GradientCollector collector, double[] dLdz) {
            if (grad.length != theta.size()) {
                grad = new double[Math.toIntExact(theta.size())];
            }
            pass.backward(dLdz, grad);
            NDManager manager = theta.getManager();
            try (NDArray g = gradient.copyToArray(manager, grad, theta.getShape(), theta.getDataType());
                    NDArray product = theta.mul(g);
                    NDArray surrogate = product.sum()) {
                collector.backward(surrogate);
            }
        }
    }
}
