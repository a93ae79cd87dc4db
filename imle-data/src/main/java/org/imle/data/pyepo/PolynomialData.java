package org.imle.data.pyepo;

import java.util.SplittableRandom;
import org.imle.api.check.Checks;

/**
 * Synthetic decision-focused learning data as PyEPO generates it (Tang and Khalil, "PyEPO: a
 * PyTorch-based end-to-end predict-then-optimize library", Math. Prog. Comp. 2024): features
 * {@code x ~ N(0, I_p)}, a fixed matrix {@code B in {0,1}^{d x p}} with Bernoulli(1/2) entries, and
 * for each coordinate j a polynomial of degree {@code deg} of {@code (B x)_j}, times multiplicative
 * noise {@code eps ~ U[1 - e, 1 + e]}:
 * <pre>
 *   poly_j(x)        = ((B x)_j / sqrt(p) + 3)^deg + 1
 *   cost  c_j        = poly_j(x) / 3.5^deg * eps_j                 (shortest path, assignment)
 *   value v_j        = ceil(5 * poly_j(x) / 3.5^deg * eps_j)       (knapsack)
 * </pre>
 * A higher degree makes the map from features to coefficients more non-linear, so a linear model
 * is more misspecified, which is where decision-focused training pays off. Knapsack weights are
 * integers in [300, 800): PyEPO's weights in [3.00, 8.00) in hundredths, so that CP-SAT takes them
 * exactly. The random draws (B, then x, then eps) come from one {@link SplittableRandom} of the seed;
 * the numbers differ from PyEPO's NumPy streams, the distribution is the same.
 *
 * <p>Cost: O(N d p) time and memory.
 */
public final class PolynomialData {

    /**
     * Generated data.
     *
     * @param x N rows of p features
     * @param coefficients N rows of d costs or values
     * @param b the d x p Bernoulli matrix
     */
    public record Sample(double[][] x, double[][] coefficients, int[][] b) {
    }

    private PolynomialData() {
    }

    /** {@code ((bx / sqrt(p) + 3)^deg + 1) / 3.5^deg}, the noiseless coefficient for {@code bx = (B x)_j}. */
    public static double polynomial(double bx, int p, int deg) {
        return (Math.pow(bx / Math.sqrt(p) + 3, deg) + 1) / Math.pow(3.5, deg);
    }

    /** A knapsack item's value: {@code ceil(5 * polynomial(bx, p, deg) * eps)}. */
    public static double knapsackValue(double bx, int p, int deg, double eps) {
        return Math.ceil(5 * polynomial(bx, p, deg) * eps);
    }

    /** A cost: {@code polynomial(bx, p, deg) * eps}. */
    public static double cost(double bx, int p, int deg, double eps) {
        return polynomial(bx, p, deg) * eps;
    }

    /** Item values for a knapsack with d items (PyEPO's {@code knapsack.genData}, without the weights). */
    public static Sample knapsackValues(int n, int p, int d, int deg, double noiseWidth, SplittableRandom rng) {
        return generate(n, p, d, deg, noiseWidth, rng, true);
    }

    /** Costs for d coordinates (PyEPO's {@code shortestpath.genData} formula). */
    public static Sample costs(int n, int p, int d, int deg, double noiseWidth, SplittableRandom rng) {
        return generate(n, p, d, deg, noiseWidth, rng, false);
    }

    /** Knapsack weights: {@code dims} rows of {@code items} integers in [300, 800). */
    public static long[][] knapsackWeights(int dims, int items, SplittableRandom rng) {
        Checks.atLeast("dims", dims, 1);
        Checks.atLeast("items", items, 1);
        long[][] w = new long[dims][items];
        for (long[] row : w) {
            for (int i = 0; i < items; i++) {
                row[i] = 300 + rng.nextInt(500);
            }
        }
        return w;
    }

    private static Sample generate(int n, int p, int d, int deg, double noiseWidth, SplittableRandom rng,
            boolean knapsack) {
        Checks.atLeast("data points", n, 1);
        Checks.atLeast("features", p, 1);
        Checks.atLeast("coefficients", d, 1);
        Checks.atLeast("degree", deg, 1);
        if (!(noiseWidth >= 0 && noiseWidth < 1)) {
            throw new IllegalArgumentException("noise half-width must be in [0, 1), got " + noiseWidth);
        }
        int[][] b = new int[d][p];
        for (int[] row : b) {
            for (int k = 0; k < p; k++) {
                row[k] = rng.nextBoolean() ? 1 : 0;
            }
        }
        double[][] x = new double[n][p];
        for (double[] row : x) {
            for (int k = 0; k < p; k++) {
                row[k] = rng.nextGaussian();
            }
        }
        double[][] c = new double[n][d];
        for (int r = 0; r < n; r++) {
            for (int j = 0; j < d; j++) {
                double bx = 0;
                for (int k = 0; k < p; k++) {
                    bx += b[j][k] * x[r][k];
                }
                double eps = noiseWidth == 0 ? 1 : 1 - noiseWidth + 2 * noiseWidth * rng.nextDouble();
                c[r][j] = knapsack ? knapsackValue(bx, p, deg, eps) : cost(bx, p, deg, eps);
            }
        }
        return new Sample(x, c, b);
    }
}
