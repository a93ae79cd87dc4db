package org.imle.noise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.imle.api.estimator.Estimators;
import org.imle.api.estimator.PerturbedEstimator;
import org.imle.api.exact.EnumeratedOracle;
import org.imle.api.exact.StructureSet;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.loss.FenchelYoungLoss;
import org.junit.jupiter.api.Test;

/**
 * The perturbed optimizer's Monte Carlo gradient against central finite differences of its smoothed
 * expectation {@code <y(theta), g>}, computed in closed form for one-hot structures: softmax for
 * Gumbel noise, a one-dimensional integral for Gaussian noise. 200 000 samples give a standard error
 * near 0.002 per coordinate; the tolerance 0.012 is about five of them.
 */
class PerturbedEstimatorFiniteDifferenceTest {

    private static final int N = 3;
    private static final EnumeratedOracle ONE_HOT = new EnumeratedOracle(StructureSet.oneHot(N));
    private static final int SAMPLES = 200_000;
    private static final double TOLERANCE = 0.012;
    private static final double[] G = {0.7, -1.0, 0.4};

    interface Smoothed {
        double[] y(double[] theta);
    }

    private static double[] softmax(double[] theta, double t) {
        double max = Math.max(theta[0], Math.max(theta[1], theta[2]));
        double[] p = new double[N];
        double sum = 0;
        for (int i = 0; i < N; i++) {
            p[i] = Math.exp((theta[i] - max) / t);
            sum += p[i];
        }
        for (int i = 0; i < N; i++) {
            p[i] /= sum;
        }
        return p;
    }

    /** P(argmax_j (theta_j + t Z_j) = i), Z standard normal: integral of phi(x) prod Phi(x + d). */
    private static double[] gaussianArgmax(double[] theta, double t) {
        double[] p = new double[N];
        int steps = 4000;
        double lo = -9;
        double h = 18.0 / steps;
        for (int i = 0; i < N; i++) {
            double sum = 0;
            for (int k = 0; k <= steps; k++) {
                double x = lo + k * h;
                double f = Math.exp(-x * x / 2) / Math.sqrt(2 * Math.PI);
                for (int j = 0; j < N; j++) {
                    if (j != i) {
                        f *= phi(x + (theta[i] - theta[j]) / t);
                    }
                }
                sum += (k == 0 || k == steps ? 1 : (k % 2 == 1 ? 4 : 2)) * f;
            }
            p[i] = sum * h / 3;
        }
        return p;
    }

    /** The standard normal CDF via erfc (Numerical Recipes' Chebyshev fit, relative error < 1.2e-7). */
    private static double phi(double x) {
        double z = Math.abs(x / Math.sqrt(2));
        double t = 1 / (1 + 0.5 * z);
        double erfc = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418
                + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587
                + t * (-0.82215223 + t * 0.17087277)))))))));
        return x >= 0 ? 1 - 0.5 * erfc : 0.5 * erfc;
    }

    private static double[] finiteDifference(Smoothed f, double[] theta) {
        double h = 1e-5;
        double[] grad = new double[N];
        for (int i = 0; i < N; i++) {
            double[] plus = theta.clone();
            double[] minus = theta.clone();
            plus[i] += h;
            minus[i] -= h;
            double[] yp = f.y(plus);
            double[] ym = f.y(minus);
            for (int j = 0; j < N; j++) {
                grad[i] += G[j] * (yp[j] - ym[j]) / (2 * h);
            }
        }
        return grad;
    }

    private static void check(PerturbedEstimator est, double[] theta, Smoothed exact) {
        PerturbedEstimator.Pass pass = est.forward(theta, 1, 0);
        double[] grad = new double[N];
        pass.backwardFromMean(G, grad);
        double[] fd = finiteDifference(exact, theta);
        double[] y = exact.y(theta);
        for (int i = 0; i < N; i++) {
            assertEquals(fd[i], grad[i], TOLERANCE, "gradient coordinate " + i);
            assertEquals(y[i], pass.mean()[i], TOLERANCE, "perturbed mean coordinate " + i);
        }
    }

    @Test
    void gumbelAdditiveMatchesTheSoftmaxDerivative() {
        double t = 0.8;
        PerturbedEstimator est = Estimators.perturbed(ONE_HOT).noise(GumbelNoise.standard()).temperature(t)
                .samples(SAMPLES).seed(1).executor(SolveExecutor.parallel(2)).build();
        check(est, new double[] {0.2, -0.4, 0.5}, th -> softmax(th, t));
    }

    @Test
    void gaussianAdditiveMatchesTheDerivativeOfTheGaussianArgmaxProbabilities() {
        double t = 1.2;
        PerturbedEstimator est = Estimators.perturbed(ONE_HOT).noise(GaussianNoise.standard()).temperature(t)
                .samples(SAMPLES).seed(2).executor(SolveExecutor.parallel(2)).build();
        check(est, new double[] {0.1, 0.6, -0.3}, th -> gaussianArgmax(th, t));
    }

    @Test
    void gaussianMultiplicativeMatchesTheAdditiveFormInLogTheta() {
        double t = 0.7;
        PerturbedEstimator est = Estimators.perturbed(ONE_HOT).noise(GaussianNoise.standard()).temperature(t)
                .perturbation(PerturbedEstimator.Perturbation.MULTIPLICATIVE).samples(SAMPLES).seed(3)
                .executor(SolveExecutor.parallel(2)).build();
        // theta * exp(t Z - t^2/2) has the argmax of log theta + t Z
        check(est, new double[] {1.3, 0.8, 1.1}, th -> gaussianArgmax(
                new double[] {Math.log(th[0]), Math.log(th[1]), Math.log(th[2])}, t));
    }

    @Test
    void fenchelYoungWithGumbelNoiseIsTheLogSumExpGap() {
        // E[max_i theta_i + Z_i] = logsumexp(theta) + Euler's gamma for standard Gumbel Z
        double[] theta = {0.3, -0.5, 0.9};
        double[] gold = {1, 0, 0};
        FenchelYoungLoss loss = Estimators.fenchelYoung(ONE_HOT).noise(GumbelNoise.standard())
                .samples(SAMPLES).seed(4).executor(SolveExecutor.parallel(2)).build();
        double[] grad = new double[N];
        double value = loss.evaluate(theta, gold, 1, 0, grad).losses()[0];
        double lse = Math.log(Math.exp(0.3) + Math.exp(-0.5) + Math.exp(0.9));
        assertEquals(lse + 0.5772156649015329 - 0.3, value, TOLERANCE);
        double[] p = softmax(theta, 1);
        for (int i = 0; i < N; i++) {
            assertEquals(p[i] - gold[i], grad[i], TOLERANCE);
        }
    }
}
