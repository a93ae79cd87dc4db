package org.imle.api.diagnostics;

import java.util.ArrayList;
import java.util.List;
import org.imle.api.EstimatorPass;
import org.imle.api.GradientEstimator;
import org.imle.api.LossValuePass;
import org.imle.api.check.Checks;
import org.imle.api.exact.ExactDistribution;
import org.imle.api.exact.StructureSet;

/**
 * Measures gradient estimators against the truth on a small set C: the exact gradient of the
 * expected loss {@code grad_theta E_{z ~ p(theta)}[L(z)] = Cov_p(L(z), z)}, computed by enumeration
 * ({@link ExactDistribution#expectedLossGradient}), against R independent draws g_1..g_R of each
 * estimator (draw r is a forward pass at step r on a batch of one row, then a backward pass with
 * dL/dz at the sampled structures, or with the loss values for a {@link LossValuePass}).
 *
 * <p>Reported, with g the exact gradient and g-bar the mean draw:
 * <ul>
 *   <li>cosine: {@code cos(g-bar, g)}, NaN when either is the zero vector;</li>
 *   <li>mean cosine: the mean over draws of {@code cos(g_r, g)}, a zero draw counting as 0;</li>
 *   <li>bias: {@code g-bar - g} and its Euclidean norm;</li>
 *   <li>variance: the total variance {@code 1/(R-1) sum_r ||g_r - g-bar||^2} (0 when R = 1).</li>
 * </ul>
 * Cost: O(|C| n) for the exact gradient plus R forward and backward passes per estimator.
 */
public final class GradientDiagnostics {

    /** One estimator's figures. */
    public record Report(String estimator, double[] exactGradient, double[] meanGradient, double cosine,
            double meanCosine, double biasNorm, double variance, int draws) {

        /** {@code meanGradient - exactGradient}. */
        public double[] bias() {
            double[] b = new double[meanGradient.length];
            for (int i = 0; i < b.length; i++) {
                b[i] = meanGradient[i] - exactGradient[i];
            }
            return b;
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT,
                    "%-18s cosine %7.4f  mean cosine %7.4f  |bias| %9.4g  variance %9.4g  (%d draws)",
                    estimator, cosine, meanCosine, biasNorm, variance, draws);
        }
    }

    private final ExactDistribution distribution;

    public GradientDiagnostics(StructureSet set) {
        if (set == null) {
            throw new IllegalArgumentException("structure set must not be null");
        }
        this.distribution = new ExactDistribution(set);
    }

    /** The exact gradient of {@code E_{z ~ p(theta)}[L(z)]}. */
    public double[] exactGradient(double[] theta, DifferentiableLoss loss) {
        return distribution.expectedLossGradient(theta, loss::value);
    }

    /** Reports every estimator on the same theta and loss. */
    public List<Report> compare(List<? extends GradientEstimator> estimators, double[] theta,
            DifferentiableLoss loss, int draws) {
        List<Report> out = new ArrayList<>();
        for (GradientEstimator e : estimators) {
            out.add(evaluate(e, theta, loss, draws));
        }
        return out;
    }

    /** Reports one estimator over {@code draws} independent draws (steps 0 .. draws-1). */
    public Report evaluate(GradientEstimator estimator, double[] theta, DifferentiableLoss loss, int draws) {
        int n = distribution.structures().dimension();
        if (estimator.dimension() != n) {
            throw new IllegalArgumentException("estimator '" + estimator.name() + "' has dimension "
                    + estimator.dimension() + " but the structure set has dimension " + n);
        }
        Checks.atLeast("draws", draws, 1);
        if (loss == null) {
            throw new IllegalArgumentException("loss must not be null");
        }
        double[] exact = exactGradient(theta, loss);
        double[][] g = new double[draws][];
        double[] mean = new double[n];
        double cosSum = 0;
        for (int r = 0; r < draws; r++) {
            g[r] = gradient(estimator, theta, loss, r);
            for (int i = 0; i < n; i++) {
                mean[i] += g[r][i] / draws;
            }
            double c = cosine(g[r], exact);
            cosSum += Double.isNaN(c) ? 0.0 : c;
        }
        double variance = 0;
        if (draws > 1) {
            for (double[] gr : g) {
                for (int i = 0; i < n; i++) {
                    variance += (gr[i] - mean[i]) * (gr[i] - mean[i]);
                }
            }
            variance /= draws - 1;
        }
        double bias = 0;
        for (int i = 0; i < n; i++) {
            bias += (mean[i] - exact[i]) * (mean[i] - exact[i]);
        }
        return new Report(estimator.name(), exact, mean, cosine(mean, exact), cosSum / draws,
                Math.sqrt(bias), variance, draws);
    }

    /**
     * One draw of the estimator's gradient of {@code E[loss(z)]} at a single row of theta: a
     * forward at {@code step}, then the backward from the loss's dL/dz at every sample, or from
     * the loss values themselves for a {@link LossValuePass} (REINFORCE).
     */
    public static double[] gradient(GradientEstimator estimator, double[] theta, DifferentiableLoss loss,
            long step) {
        int n = theta.length;
        EstimatorPass pass = estimator.forward(theta, 1, step);
        double[] z = pass.structures();
        int s = pass.samples();
        double[] dLdz = new double[z.length];
        double[] losses = new double[s];
        double[] zs = new double[n];
        double[] gs = new double[n];
        for (int k = 0; k < s; k++) {
            System.arraycopy(z, k * n, zs, 0, n);
            losses[k] = loss.value(zs);
            loss.gradient(zs, gs);
            System.arraycopy(gs, 0, dLdz, k * n, n);
        }
        double[] grad = new double[n];
        if (pass instanceof LossValuePass lv) {
            lv.backwardFromLosses(losses, grad);
        } else {
            pass.backward(dLdz, grad);
        }
        return grad;
    }

    /** {@code <a, b> / (|a| |b|)}, NaN when either is zero. */
    static double cosine(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += a[i] * b[i];
            aa += a[i] * a[i];
            bb += b[i] * b[i];
        }
        return aa == 0 || bb == 0 ? Double.NaN : ab / Math.sqrt(aa * bb);
    }
}
