package org.imle.examples.dvae;

import org.imle.solvers.topk.TopKOracle;
import org.imle.train.relax.RelaxedTopK;
import org.imle.train.tensor.Tensor;

/**
 * The continuous baseline: training decodes the relaxed k-subset {@link RelaxedTopK#softSub}
 * (SoftSub: Gumbel noise, then k masked softmaxes at temperature tau) and backpropagates through it;
 * evaluation decodes the hard sample {@code topk(theta + g)} with the same kind of noise, as the
 * reference switches to hard samples at test time. The temperature follows the reference's
 * schedule, {@code tau = max(0.5, exp(-3e-5 * step))} with step rounded down to a multiple of
 * 1000, so it stays near 1 in short runs.
 */
final class GumbelSoftmaxCode implements LatentCode {

    private final TopKOracle oracle;
    private final long seed;

    GumbelSoftmaxCode(int units, int k, long seed) {
        this.oracle = new TopKOracle(units, k);
        this.seed = seed;
    }

    /** The temperature at a training step. */
    static double temperature(long step) {
        return Math.max(0.5, Math.exp(-3e-5 * (step / 1000 * 1000)));
    }

    @Override
    public Tensor train(Tensor logits, long step) {
        return RelaxedTopK.softSub(logits, oracle.k(), temperature(step), seed, step);
    }

    @Override
    public Tensor lossValueTerm(float[] reconstruction, int groups) {
        return null;
    }

    @Override
    public double[] evaluate(double[] logits, int rows, long key) {
        int n = oracle.dimension();
        double[] g = RelaxedTopK.gumbel(rows, n, seed, key);
        double[] perturbed = new double[logits.length];
        for (int i = 0; i < perturbed.length; i++) {
            perturbed[i] = logits[i] + (float) g[i]; // float noise, as the training tensor sees it
        }
        double[] z = new double[logits.length];
        for (int r = 0; r < rows; r++) {
            oracle.solve(perturbed, r * n, z, r * n);
        }
        return z;
    }
}
