package org.imle.api.diagnostics;

import org.imle.api.check.Checks;

/** A loss L(z) on one structure with its gradient dL/dz, as the diagnostics feed it to estimators. */
public interface DifferentiableLoss {

    /** L(z). */
    double value(double[] z);

    /** Writes dL/dz into {@code out}. */
    void gradient(double[] z, double[] out);

    /** {@code L(z) = <c, z>}, gradient c. */
    static DifferentiableLoss linear(double[] c) {
        Checks.finite("c", c);
        double[] w = c.clone();
        return new DifferentiableLoss() {
            @Override
            public double value(double[] z) {
                double s = 0;
                for (int i = 0; i < w.length; i++) {
                    s += w[i] * z[i];
                }
                return s;
            }

            @Override
            public void gradient(double[] z, double[] out) {
                System.arraycopy(w, 0, out, 0, w.length);
            }
        };
    }

    /** {@code L(z) = ||z - b||^2}, gradient {@code 2 (z - b)}: the I-MLE paper's synthetic loss. */
    static DifferentiableLoss squaredDistance(double[] b) {
        Checks.finite("b", b);
        double[] t = b.clone();
        return new DifferentiableLoss() {
            @Override
            public double value(double[] z) {
                double s = 0;
                for (int i = 0; i < t.length; i++) {
                    s += (z[i] - t[i]) * (z[i] - t[i]);
                }
                return s;
            }

            @Override
            public void gradient(double[] z, double[] out) {
                for (int i = 0; i < t.length; i++) {
                    out[i] = 2 * (z[i] - t[i]);
                }
            }
        };
    }
}
