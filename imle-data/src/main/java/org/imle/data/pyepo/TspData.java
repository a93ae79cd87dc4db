package org.imle.data.pyepo;

import java.util.SplittableRandom;
import org.imle.api.check.Checks;

/**
 * PyEPO's travelling-salesperson data ({@code pyepo.data.tsp.genData}): m nodes, the first
 * {@code m / 2} with coordinates Uniform(-2, 2)^2 and the others N(0, I_2); a fixed matrix
 * {@code B = Bernoulli(1/2) * Uniform(-2, 2)} of {@code m (m - 1) / 2 x p}; features x ~ N(0, I_p);
 * the cost of edge {@code (i < j)}, in upper-triangle order,
 * <pre>
 *   c_e = ||u_i - u_j|| + ((B x)_e / sqrt(p) + 3)^deg / 3^(deg - 1) * eps_e,   eps_e ~ U[1 - e, 1 + e]
 * </pre>
 * rounded to 4 decimals as PyEPO rounds it. The draws (coordinates, B, x, eps) come from one
 * {@link SplittableRandom}; the numbers differ from PyEPO's NumPy stream, the law is the same.
 *
 * <p>Cost: O(N m^2 p).
 */
public final class TspData {

    /**
     * Generated data.
     *
     * @param x N rows of p features
     * @param costs N rows of {@code m (m - 1) / 2} edge costs
     * @param coordinates the m node positions, {x, y} each
     */
    public record Sample(double[][] x, double[][] costs, double[][] coordinates) {
    }

    private TspData() {
    }

    /** N instances of the m-node problem with p features, degree deg and noise half-width e. */
    public static Sample generate(int n, int p, int nodes, int deg, double noiseWidth, SplittableRandom rng) {
        Checks.atLeast("data points", n, 1);
        Checks.atLeast("features", p, 1);
        Checks.atLeast("nodes", nodes, 3);
        Checks.atLeast("degree", deg, 1);
        if (!(noiseWidth >= 0 && noiseWidth < 1)) {
            throw new IllegalArgumentException("noise half-width must be in [0, 1), got " + noiseWidth);
        }
        double[][] u = new double[nodes][2];
        for (int i = 0; i < nodes; i++) {
            for (int k = 0; k < 2; k++) {
                u[i][k] = i < nodes / 2 ? -2 + 4 * rng.nextDouble() : rng.nextGaussian();
            }
        }
        int d = nodes * (nodes - 1) / 2;
        double[] distance = new double[d];
        for (int i = 0, e = 0; i < nodes; i++) {
            for (int j = i + 1; j < nodes; j++) {
                distance[e++] = Math.hypot(u[i][0] - u[j][0], u[i][1] - u[j][1]);
            }
        }
        double[][] b = new double[d][p];
        for (double[] row : b) {
            for (int k = 0; k < p; k++) {
                row[k] = rng.nextBoolean() ? -2 + 4 * rng.nextDouble() : 0;
            }
        }
        double[][] x = new double[n][p];
        for (double[] row : x) {
            for (int k = 0; k < p; k++) {
                row[k] = rng.nextGaussian();
            }
        }
        double scale = Math.pow(3, deg - 1);
        double[][] c = new double[n][d];
        for (int r = 0; r < n; r++) {
            for (int e = 0; e < d; e++) {
                double bx = 0;
                for (int k = 0; k < p; k++) {
                    bx += b[e][k] * x[r][k];
                }
                double eps = noiseWidth == 0 ? 1 : 1 - noiseWidth + 2 * noiseWidth * rng.nextDouble();
                double cost = distance[e] + Math.pow(bx / Math.sqrt(p) + 3, deg) / scale * eps;
                c[r][e] = Math.rint(cost * 1e4) / 1e4;
            }
        }
        return new Sample(x, c, u);
    }
}
