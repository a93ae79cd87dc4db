package org.imle.examples.topk;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
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

    /** The defaults of {@code imle estimator-diagnostics}: top-3 of 8 items, 2000 draws, seed 1. */
    public static final int ITEMS = 8;
    public static final int K = 3;
    public static final int DRAWS = 2000;
    public static final long SEED = 1;

    private EstimatorDiagnostics() {
    }

    /**
     * Runs the comparison and prints one line per estimator; returns the reports
     * ({@code imle estimator-diagnostics} is the command line of it).
     *
     * @throws IllegalArgumentException naming the setting when n, k or draws are out of range
     */
    public static List<GradientDiagnostics.Report> run(int n, int k, int draws, long seed, PrintWriter out) {
        TopKInstance.check(n, k);
        if (draws < 2) {
            throw new IllegalArgumentException("draws must be >= 2 (a variance needs two), got " + draws);
        }
        TopKInstance instance = TopKInstance.draw(n, seed);
        double[] theta = instance.theta();
        double[] b = instance.b();
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
        out.flush();
        return reports;
    }

}
