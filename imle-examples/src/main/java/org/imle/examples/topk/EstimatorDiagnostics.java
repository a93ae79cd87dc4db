package org.imle.examples.topk;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.diagnostics.DifferentiableLoss;
import org.imle.api.diagnostics.GradientDiagnostics;
import org.imle.api.estimator.Estimators;
import org.imle.api.estimator.Scaling;
import org.imle.api.exact.KSubsetFamily;
import org.imle.api.exact.StructureSet;
import org.imle.api.execution.SolveExecutor;
import org.imle.noise.GaussianNoise;
import org.imle.noise.GumbelNoise;
import org.imle.noise.SumOfGammaNoise;
import org.imle.solvers.topk.TopKOracle;

/**
 * Every estimator against the exact gradient of {@code E_{z ~ p(theta)}[||z - b||^2]} on the k-subsets
 * of n items ({@link GradientDiagnostics}): cosine of the mean draw with the truth, mean cosine of
 * single draws, the norm of the bias and the total variance over repeated draws. One instance
 * ({@code theta ~ N(0, 1)^n}, {@code b ~ |N(0, 1)|^n}) from the seed; every estimator uses lambda = 2
 * where it has one and its other defaults, and one sample per draw except where stated.
 */
public final class EstimatorDiagnostics {

    private EstimatorDiagnostics() {
    }

    /** Runs the comparison and prints one line per estimator; returns the reports. */
    public static List<GradientDiagnostics.Report> run(int n, int k, int draws, long seed, PrintStream out) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] theta = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            theta[i] = normal(rng);
        }
        for (int i = 0; i < n; i++) {
            b[i] = Math.abs(normal(rng));
        }
        MapOracle oracle = new TopKOracle(n, k);
        SolveExecutor seq = SolveExecutor.sequential();
        List<GradientEstimator> estimators = List.of(
                Estimators.imle(oracle).noise(SumOfGammaNoise.of(k)).lambda(2).scaling(Scaling.DIVIDE_BY_LAMBDA)
                        .seed(seed).executor(seq).build(),
                Estimators.imle(oracle).noise(GumbelNoise.standard()).lambda(2).scaling(Scaling.DIVIDE_BY_LAMBDA)
                        .seed(seed).executor(seq).build(),
                Estimators.aimle(oracle).noise(SumOfGammaNoise.of(k)).lambda(2).symmetric(true).seed(seed)
                        .executor(seq).build(),
                Estimators.marginalImle(oracle, KSubsetFamily.of(n, k)).lambda(2).scaling(Scaling.DIVIDE_BY_LAMBDA)
                        .noise(SumOfGammaNoise.of(k)).seed(seed).executor(seq).build(),
                Estimators.blackbox(oracle).lambda(2).executor(seq).build(),
                Estimators.straightThrough(oracle).noise(GumbelNoise.standard()).seed(seed).executor(seq).build(),
                Estimators.scoreFunction(KSubsetFamily.of(n, k)).samples(2).seed(seed).executor(seq).build(),
                Estimators.perturbed(oracle).noise(GaussianNoise.standard()).samples(10).seed(seed).executor(seq)
                        .build());
        String[] labels = {"I-MLE SoG", "I-MLE Gumbel", "AIMLE sym SoG", "I-MLE mu-mu", "blackbox",
            "straight-through", "score fn (S=2, LOO)", "perturbed (S=10)"};
        List<GradientDiagnostics.Report> reports = new GradientDiagnostics(StructureSet.kSubsets(n, k))
                .compare(estimators, theta, DifferentiableLoss.squaredDistance(b), draws);
        out.printf(Locale.ROOT, "top-%d of %d, %d draws, seed %d%n", k, n, draws, seed);
        out.printf(Locale.ROOT, "%-20s %8s %12s %10s %10s%n", "estimator", "cosine", "mean cosine", "|bias|",
                "variance");
        for (int i = 0; i < reports.size(); i++) {
            GradientDiagnostics.Report r = reports.get(i);
            out.printf(Locale.ROOT, "%-20s %8.4f %12.4f %10.4f %10.4f%n", labels[i], r.cosine(), r.meanCosine(),
                    r.biasNorm(), r.variance());
        }
        return reports;
    }

    private static double normal(SplittableRandom rng) {
        double u = 1.0 - rng.nextDouble();
        double v = rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    /** {@code [n k draws seed]}, default {@code 8 3 2000 1}. */
    public static void main(String[] args) {
        try {
            int n = args.length > 0 ? Integer.parseInt(args[0]) : 8;
            int k = args.length > 1 ? Integer.parseInt(args[1]) : 3;
            int draws = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
            long seed = args.length > 3 ? Long.parseLong(args[3]) : 1L;
            run(n, k, draws, seed, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("estimator-diagnostics: " + e.getMessage());
            System.exit(2);
        }
    }
}
