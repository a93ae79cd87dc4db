package org.imle.examples.topk;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.StructuredLoss;
import org.imle.api.diagnostics.DifferentiableLoss;
import org.imle.api.diagnostics.GradientDiagnostics;
import org.imle.api.estimator.Baseline;
import org.imle.api.estimator.Estimators;
import org.imle.api.estimator.Scaling;
import org.imle.api.exact.ExactDistribution;
import org.imle.api.exact.KSubsetFamily;
import org.imle.api.exact.StructureSet;
import org.imle.api.execution.SolveExecutor;
import org.imle.examples.plot.LinePlot;
import org.imle.noise.GaussianNoise;
import org.imle.noise.GumbelNoise;
import org.imle.noise.SumOfGammaNoise;
import org.imle.solvers.topk.TopKOracle;

/**
 * The synthetic top-k experiment of the I-MLE paper (Niepert, Minervini, Franceschi, NeurIPS 2021,
 * Section 6.1; the protocol of torch-adaptive-imle's {@code synth-cli.py}): minimise
 * {@code E_{z ~ p(theta)}[ ||z - b||^2 ]} over theta, where p is the exponential family on the k-subsets
 * of n items, with plain SGD (momentum 0.9) driven by each gradient estimator, and track the
 * optimality gap {@code E[L] - min_z L(z)}, with the expectation computed exactly by enumeration.
 *
 * <p>One instance is drawn from the seed: {@code theta_0 ~ N(0, 1)^n}, {@code b ~ |N(0, 1)|^n}.
 * Every repetition starts again from theta_0 with fresh estimator noise (estimator seed = seed + 1000
 * * (repetition + 1)), so the spread across repetitions is the estimators' own. Each step uses one sample
 * per estimator except the perturbed optimizer, whose score-identity gradient needs several.
 *
 * <p>Estimators and their settings (learning rates, lambdas and temperatures chosen by a small grid
 * on the instance of seed 2 with 20 repetitions, then reported on seed 1; grids in docs/EXPERIMENTS.md): I-MLE with Sum-of-Gamma noise, lambda divided out; AIMLE
 * (symmetric, adaptive lambda, Sum-of-Gamma); straight-through with Gumbel noise; the score function
 * with exact k-subset samples and a moving-average baseline; the perturbed optimizer with Gaussian
 * noise; and the Fenchel-Young loss supervised by the best structure. The oracle is
 * {@link TopKOracle}; the expected loss enumerates the 252 5-subsets of 10 items, so the cost is
 * O(steps * repetitions * |C| n) per estimator, a few seconds in all.
 */
public final class TopKExperiment {

    /** The experiment's knobs; {@link #defaults()} is the paper's setting. */
    public record Options(int n, int k, int steps, int repetitions, double momentum, long seed, Path plot,
            int threads) {

        /** Validates every field; messages name the option. */
        public Options {
            TopKInstance.check(n, k);
            if (steps < 1) {
                throw new IllegalArgumentException("steps must be >= 1, got " + steps);
            }
            if (repetitions < 1) {
                throw new IllegalArgumentException("repetitions must be >= 1, got " + repetitions);
            }
            if (!(momentum >= 0 && momentum < 1)) {
                throw new IllegalArgumentException("momentum must be in [0, 1), got " + momentum);
            }
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + threads);
            }
        }

        /** n = 10, k = 5, 50 steps, 100 repetitions, momentum 0.9, seed 1, plot topk-gap.png, all cores. */
        public static Options defaults() {
            return new Options(10, 5, 50, 100, 0.9, 1L, Path.of("topk-gap.png"),
                    Runtime.getRuntime().availableProcessors());
        }

        public Options withRepetitions(int r) {
            return new Options(n, k, steps, r, momentum, seed, plot, threads);
        }

        public Options withSteps(int s) {
            return new Options(n, k, s, repetitions, momentum, seed, plot, threads);
        }

        public Options withPlot(Path p) {
            return new Options(n, k, steps, repetitions, momentum, seed, p, threads);
        }

        public Options withSeed(long s) {
            return new Options(n, k, steps, repetitions, momentum, s, plot, threads);
        }

        public Options withThreads(int t) {
            return new Options(n, k, steps, repetitions, momentum, seed, plot, t);
        }
    }

    /** One estimator's gap curve over steps 0..steps (mean and standard deviation over repetitions). */
    public record Curve(String estimator, String settings, double[] meanGap, double[] stdGap) {

        public double finalMean() {
            return meanGap[meanGap.length - 1];
        }

        public double finalStd() {
            return stdGap[stdGap.length - 1];
        }
    }

    /** The instance and every curve. */
    public record Result(double[] theta0, double[] b, double optimum, double initialGap, List<Curve> curves) {
    }

    /** A gradient source for one repetition: fresh per repetition, so stateful estimators restart. */
    private interface Method {
        double[] gradient(double[] theta, long step);
    }

    private interface MethodFactory {
        Method create(long seed);
    }

    private record Spec(String name, String settings, double learningRate, MethodFactory factory) {
    }

    private TopKExperiment() {
    }

    /**
     * Runs the experiment, prints the table to {@code out} and writes the plot when a path is set
     * ({@code imle topk} is the command line of it).
     */
    public static Result run(Options o, PrintWriter out) throws IOException {
        TopKInstance instance = TopKInstance.draw(o.n(), o.seed());
        double[] theta0 = instance.theta();
        double[] b = instance.b();
        StructureSet set = StructureSet.kSubsets(o.n(), o.k());
        ExactDistribution exact = new ExactDistribution(set);
        DifferentiableLoss loss = DifferentiableLoss.squaredDistance(b);
        double optimum = Double.POSITIVE_INFINITY;
        int best = 0;
        for (int i = 0; i < set.size(); i++) {
            double v = loss.value(set.get(i));
            if (v < optimum) {
                optimum = v;
                best = i;
            }
        }
        double[] gold = set.get(best);
        List<Spec> specs = specs(o, set, loss, gold);
        SolveExecutor pool = SolveExecutor.parallel(o.threads());
        List<Curve> curves = new ArrayList<>();
        double opt = optimum;
        for (Spec spec : specs) {
            double[][] gaps = new double[o.repetitions()][o.steps() + 1];
            pool.run(o.repetitions(), r -> {
                Method method = spec.factory().create(o.seed() + 1000L * (r + 1));
                double[] theta = theta0.clone();
                double[] velocity = new double[o.n()];
                for (int t = 0; t <= o.steps(); t++) {
                    gaps[r][t] = exact.expectedLoss(theta, loss::value) - opt;
                    if (t == o.steps()) {
                        break;
                    }
                    double[] g = method.gradient(theta, t);
                    for (int i = 0; i < o.n(); i++) {
                        velocity[i] = o.momentum() * velocity[i] + g[i]; // PyTorch's SGD momentum
                        theta[i] -= spec.learningRate() * velocity[i];
                    }
                }
            });
            curves.add(summarise(spec, gaps));
        }
        Result result = new Result(theta0, b, optimum, curves.get(0).meanGap()[0], curves);
        print(o, result, out);
        if (o.plot() != null) {
            double[] x = new double[o.steps() + 1];
            for (int t = 0; t < x.length; t++) {
                x[t] = t;
            }
            LinePlot plot = LinePlot.titled(String.format(Locale.ROOT,
                    "Top-%d of %d: optimality gap, mean +- std over %d runs", o.k(), o.n(), o.repetitions()))
                    .axes("SGD step", "E[||z - b||^2] - min");
            for (Curve c : curves) {
                plot.curve(c.estimator(), x, c.meanGap(), c.stdGap());
            }
            plot.writePng(o.plot());
        }
        return result;
    }

    private static List<Spec> specs(Options o, StructureSet set, DifferentiableLoss loss, double[] gold) {
        MapOracle oracle = new TopKOracle(o.n(), o.k());
        int n = o.n();
        int k = o.k();
        SolveExecutor seq = SolveExecutor.sequential();
        List<Spec> specs = new ArrayList<>();
        specs.add(new Spec("I-MLE (SoG)", "lambda 2, divided out; lr 1", 1.0, seed -> viaDlDz(
                Estimators.imle(oracle).noise(SumOfGammaNoise.of(k)).lambda(2.0)
                        .scaling(Scaling.DIVIDE_BY_LAMBDA).seed(seed).executor(seq).build(), loss)));
        specs.add(new Spec("AIMLE (SoG)", "symmetric, adaptive from beta 0.1 (step 1e-2); lr 0.75", 0.75,
                seed -> viaDlDz(Estimators.aimle(oracle).noise(SumOfGammaNoise.of(k)).symmetric(true)
                        .initialBeta(0.1).betaStep(1e-2).seed(seed).executor(seq).build(), loss)));
        specs.add(new Spec("straight-through (Gumbel)", "lr 0.2", 0.2, seed -> viaDlDz(
                Estimators.straightThrough(oracle).noise(GumbelNoise.standard()).seed(seed).executor(seq)
                        .build(), loss)));
        specs.add(new Spec("score function", "exact samples, moving-average baseline 0.9; lr 0.05", 0.05,
                seed -> viaDlDz(Estimators.scoreFunction(KSubsetFamily.of(n, k))
                        .baseline(Baseline.movingAverage(0.9)).seed(seed).executor(seq).build(), loss)));
        specs.add(new Spec("perturbed (Gaussian)", "additive, T 2, 10 samples; lr 0.2", 0.2, seed -> viaDlDz(
                Estimators.perturbed(oracle).noise(GaussianNoise.standard()).temperature(2).samples(10).seed(seed)
                        .executor(seq).build(), loss)));
        StructuredLoss fy = Estimators.fenchelYoung(oracle).noise(GaussianNoise.standard()).samples(10)
                .executor(seq).build();
        specs.add(new Spec("Fenchel-Young (gold = best z)", "Gaussian, T 1, 10 samples; lr 0.5 (untuned)", 0.5,
                seed -> (theta, step) -> {
                    double[] grad = new double[n];
                    // the loss is stateless: vary its random streams by folding the seed into the step
                    fy.evaluate(theta, gold, 1, seed * 1_000_003L + step, grad);
                    return grad;
                }));
        return specs;
    }

    /** One forward and backward of an estimator with the loss's dL/dz (or its value, for REINFORCE). */
    private static Method viaDlDz(GradientEstimator est, DifferentiableLoss loss) {
        return (theta, step) -> GradientDiagnostics.gradient(est, theta, loss, step);
    }

    private static Curve summarise(Spec spec, double[][] gaps) {
        int reps = gaps.length;
        int len = gaps[0].length;
        double[] mean = new double[len];
        double[] std = new double[len];
        for (int t = 0; t < len; t++) {
            double s = 0;
            for (double[] g : gaps) {
                s += g[t];
            }
            mean[t] = s / reps;
            double v = 0;
            for (double[] g : gaps) {
                v += (g[t] - mean[t]) * (g[t] - mean[t]);
            }
            std[t] = reps > 1 ? Math.sqrt(v / (reps - 1)) : 0.0;
        }
        return new Curve(spec.name(), spec.settings(), mean, std);
    }

    private static void print(Options o, Result r, PrintWriter out) {
        out.printf(Locale.ROOT, "top-%d of %d, %d steps, %d repetitions, momentum %.2f, seed %d%n", o.k(), o.n(),
                o.steps(), o.repetitions(), o.momentum(), o.seed());
        out.printf(Locale.ROOT, "min loss %.4f, initial gap %.4f%n", r.optimum(), r.initialGap());
        out.printf(Locale.ROOT, "%-30s %12s %12s %12s  %s%n", "estimator", "gap@" + o.steps() / 2,
                "final gap", "final std", "settings");
        for (Curve c : r.curves()) {
            out.printf(Locale.ROOT, "%-30s %12.4f %12.4f %12.4f  %s%n", c.estimator(), c.meanGap()[o.steps() / 2],
                    c.finalMean(), c.finalStd(), c.settings());
        }
        out.flush();
    }

}
