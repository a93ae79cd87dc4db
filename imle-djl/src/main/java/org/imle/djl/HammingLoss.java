package org.imle.djl;

/**
 * The Hamming loss of sampled structures against one target row per example, computed in Java for
 * {@link DiscreteLayer.Sample#backward(ai.djl.training.GradientCollector, double[])}: the mean over
 * the B * S sampled rows of {@code sum_i z_i (1 - y_i) + (1 - z_i) y_i}, and its dL/dz. The loss has
 * no parameters, so nothing of it needs libtorch: computing it here skips the first backward call,
 * the copy of z into libtorch and the loss's graph of half a dozen element-wise ops.
 *
 * <p>The numbers are those of the same loss written with float32 NDArrays as
 * {@code (z (1 - 2y) + y).sum() / rows}, bit for bit, when z and y are 0/1 (as structures of a MAP
 * oracle and labelled structures are): the sum is then an integer, exact in float32 up to 2^24
 * terms, divided by the row count in float32; dL/dz is {@code (1 - 2 y_i)} times
 * {@code 1f / rows}, the float32 gradient of that division. For other values the sum is in double
 * and the loss may differ from float32's in the last bits. Stateless and thread-safe.
 */
public final class HammingLoss {

    private HammingLoss() {
    }

    /**
     * The mean Hamming distance and its gradient.
     *
     * @param z the structures, [B * S, n] flat, rows ordered {@code b * S + s}
     * @param n the length of a row
     * @param samples S, the structures per example
     * @param target the labelled structures, [B, n] flat; row b is the target of rows b * S .. b * S + S - 1
     * @param dLdz receives dL/dz, as long as {@code z}
     * @return the loss, rounded to float32 as the NDArray version computes it
     * @throws IllegalArgumentException if the lengths do not fit [B * S, n] and [B, n]
     */
    public static float value(double[] z, int n, int samples, float[] target, double[] dLdz) {
        if (n < 1 || samples < 1 || target.length == 0 || target.length % n != 0
                || z.length != (long) target.length * samples || dLdz.length != z.length) {
            throw new IllegalArgumentException("Hamming loss: " + z.length + " structure values, " + target.length
                    + " target values and " + dLdz.length + " gradient values do not fit [B * S, n] and [B, n] with n = "
                    + n + ", S = " + samples);
        }
        int rows = z.length / n;
        // the float32 gradient of sum / rows: 1f / rows, times (1 - 2y) = +-1 exactly
        float perRow = 1f / rows;
        double sum = 0;
        for (int r = 0; r < rows; r++) {
            int t = (r / samples) * n;
            int o = r * n;
            for (int i = 0; i < n; i++) {
                double y = target[t + i];
                double w = 1 - 2 * y;
                sum += z[o + i] * w + y;
                dLdz[o + i] = w * perRow;
            }
        }
        return (float) sum / rows;
    }
}
