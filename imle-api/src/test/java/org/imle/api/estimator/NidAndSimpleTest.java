package org.imle.api.estimator;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.imle.api.EstimatorPass;
import org.imle.api.exact.EnumeratedFamily;
import org.imle.api.exact.EnumeratedOracle;
import org.imle.api.exact.ExactDistribution;
import org.imle.api.exact.KSubsetFamily;
import org.imle.api.exact.StructureSet;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.testing.Fixtures;
import org.junit.jupiter.api.Test;

/**
 * NID: MAP forward and, in the maximisation convention, the identity backward, which is PyEPO's
 * negative identity once costs are turned into theta = -c. SIMPLE: exact k-subset samples forward
 * (frequencies against the enumerated probabilities) and {@code Cov[z] dL/dz} backward, against
 * enumeration and against finite differences of the exact marginals.
 */
class NidAndSimpleTest {

    @Test
    void nidSolvesForwardAndPassesDlDzBack() {
        EnumeratedOracle oracle = Fixtures.topK(5, 2);
        NidEstimator nid = NidEstimator.builder(oracle).executor(SolveExecutor.sequential()).build();
        SplittableRandom rng = new SplittableRandom(2);
        double[] theta = Fixtures.gaussian(rng, 10, 1);
        EstimatorPass pass = nid.forward(theta, 2, 0);
        assertArrayEquals(Fixtures.solve(oracle, Fixtures.row(theta, 0, 5)), Fixtures.row(pass.structures(), 0, 5));
        assertArrayEquals(Fixtures.solve(oracle, Fixtures.row(theta, 1, 5)), Fixtures.row(pass.structures(), 1, 5));
        double[] dLdz = Fixtures.gaussian(rng, 10, 1);
        double[] grad = pass.backward(dLdz);
        assertArrayEquals(dLdz, grad, 0.0);
        // PyEPO minimises c with dL/dc = -dL/dz; with theta = -c the chain rule gives dL/dtheta = -dL/dc
        double[] pyEpoCostGradient = Fixtures.axpy(-1, dLdz, 0, dLdz);
        assertArrayEquals(Fixtures.axpy(-1, pyEpoCostGradient, 0, pyEpoCostGradient), grad, 0.0);
    }

    /** Cov_p[z] v by enumeration. */
    private static double[] covarianceTimes(StructureSet set, double[] theta, double[] v) {
        double[] p = new ExactDistribution(set).probabilities(theta);
        double[] mu = new ExactDistribution(set).marginals(theta);
        int n = theta.length;
        double[] out = new double[n];
        double muV = 0;
        for (int i = 0; i < n; i++) {
            muV += mu[i] * v[i];
        }
        for (int c = 0; c < set.size(); c++) {
            double[] z = set.get(c);
            double zv = 0;
            for (int i = 0; i < n; i++) {
                zv += z[i] * v[i];
            }
            for (int i = 0; i < n; i++) {
                out[i] += p[c] * z[i] * zv;
            }
        }
        for (int i = 0; i < n; i++) {
            out[i] -= mu[i] * muV;
        }
        return out;
    }

    @Test
    void simpleBackwardIsTheCovarianceTimesDlDzForEveryK() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int n = 1; n <= 6; n++) {
            for (int k = 1; k <= n; k++) {
                StructureSet set = StructureSet.kSubsets(n, k);
                SimpleEstimator simple = SimpleEstimator.builder(KSubsetFamily.of(n, k)).samples(3)
                        .executor(SolveExecutor.sequential()).build();
                SimpleEstimator enumerated = SimpleEstimator.builder(new EnumeratedFamily(set)).samples(3)
                        .executor(SolveExecutor.sequential()).build();
                for (int trial = 0; trial < 20; trial++) {
                    double[] theta = Fixtures.gaussian(rng, n, 2);
                    double[] dLdz = Fixtures.gaussian(rng, 3 * n, 1);
                    double[] v = new double[n];
                    for (int s = 0; s < 3; s++) {
                        for (int i = 0; i < n; i++) {
                            v[i] += dLdz[s * n + i] / 3;
                        }
                    }
                    double[] expected = covarianceTimes(set, theta, v);
                    assertArrayEquals(expected, simple.forward(theta, 1, trial).backward(dLdz), 1e-10,
                            "n " + n + " k " + k);
                    assertArrayEquals(expected, enumerated.forward(theta, 1, trial).backward(dLdz), 1e-10);
                }
            }
        }
    }

    @Test
    void simpleBackwardIsTheJacobianOfTheExactMarginals() {
        // J_mu^T v by central differences of mu(theta) = KSubsetFamily marginals
        SplittableRandom rng = new SplittableRandom(8);
        KSubsetFamily family = KSubsetFamily.of(7, 3);
        SimpleEstimator simple = SimpleEstimator.builder(family).executor(SolveExecutor.sequential()).build();
        double h = 1e-5;
        for (int trial = 0; trial < 20; trial++) {
            double[] theta = Fixtures.gaussian(rng, 7, 1);
            double[] v = Fixtures.gaussian(rng, 7, 1);
            double[] fd = new double[7];
            for (int j = 0; j < 7; j++) {
                double[] plus = theta.clone();
                double[] minus = theta.clone();
                plus[j] += h;
                minus[j] -= h;
                double[] mp = new double[7];
                double[] mm = new double[7];
                family.marginals(plus, 0, mp, 0);
                family.marginals(minus, 0, mm, 0);
                for (int i = 0; i < 7; i++) {
                    fd[j] += v[i] * (mp[i] - mm[i]) / (2 * h);
                }
            }
            assertArrayEquals(fd, simple.forward(theta, 1, 0).backward(v), 1e-7);
        }
    }

    @Test
    void simpleSamplesExactlyFromTheKSubsetDistribution() {
        StructureSet set = StructureSet.kSubsets(5, 2);
        double[] theta = {1.0, -0.5, 0.3, 0.0, 0.8};
        double[] p = new ExactDistribution(set).probabilities(theta);
        int samples = 20;
        SimpleEstimator simple = SimpleEstimator.builder(KSubsetFamily.of(5, 2)).samples(samples).seed(3)
                .executor(SolveExecutor.sequential()).build();
        int draws = 40_000;
        int rows = draws / samples;
        double[] batch = new double[rows * 5];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(theta, 0, batch, r * 5, 5);
        }
        double[] z = simple.forward(batch, rows, 0).structures();
        int[] counts = new int[set.size()];
        for (int d = 0; d < draws; d++) {
            counts[set.indexOf(Fixtures.row(z, d, 5))]++;
        }
        for (int c = 0; c < set.size(); c++) {
            double se = Math.sqrt(p[c] * (1 - p[c]) / draws);
            assertEquals(p[c], counts[c] / (double) draws, 5 * se, "structure " + c);
        }
    }

    @Test
    void simpleIsReproducibleAndRefusesOtherFamilies() {
        SimpleEstimator a = SimpleEstimator.builder(KSubsetFamily.of(6, 2)).seed(11).build();
        double[] theta = Fixtures.gaussian(new SplittableRandom(1), 12, 1);
        assertArrayEquals(a.forward(theta, 2, 5).structures(),
                SimpleEstimator.builder(KSubsetFamily.of(6, 2)).seed(11).executor(SolveExecutor.sequential()).build()
                        .forward(theta, 2, 5).structures(), 0.0);
        org.imle.api.exact.TractableFamily other = new org.imle.api.exact.TractableFamily() {
            @Override
            public int dimension() {
                return 2;
            }

            @Override
            public double logPartition(double[] t, int offset) {
                return 0;
            }

            @Override
            public void marginals(double[] t, int offset, double[] mu, int muOffset) {
            }

            @Override
            public void sample(double[] t, int offset, org.apache.commons.rng.UniformRandomProvider random,
                    double[] z, int zOffset) {
            }
        };
        assertThrows(IllegalArgumentException.class, () -> SimpleEstimator.builder(other).build());
    }
}
