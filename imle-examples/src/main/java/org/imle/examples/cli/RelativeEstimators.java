package org.imle.examples.cli;

import org.imle.api.DifferentiableNoise;
import org.imle.api.MapOracle;
import org.imle.api.NoiseDistribution;
import org.imle.api.StructuredLoss;
import org.imle.api.estimator.AimleEstimator;
import org.imle.api.estimator.Baseline;
import org.imle.api.estimator.Estimators;
import org.imle.api.estimator.PerturbedEstimator;
import org.imle.api.exact.EnumeratedFamily;
import org.imle.api.exact.EnumeratedOracle;
import org.imle.api.exact.KSubsetFamily;
import org.imle.api.exact.TractableFamily;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.registry.ValidatingOracle;
import org.imle.noise.GaussianNoise;
import org.imle.solvers.topk.TopKOracle;

/**
 * The {@code imle gradient} makers for the relatives of I-MLE, registered by name in
 * {@link EstimatorFactory}. Each reads its fields (all optional) with the defaults below, which are
 * the defaults of the class it builds:
 *
 * <ul>
 *   <li>{@code aimle} ({@link AimleEstimator}): samples 1, marginalSamples 1, alpha 1,
 *       inputTemperature 1, targetTemperature 1, noise none, symmetric false, lambda absent
 *       (adaptive; a number fixes it), initialBeta 1, betaStep 1e-4, betaMomentum 0,
 *       nonZeroDecay 0.9, targetNonZeroFraction 1/n, initialNonZeroAverage = the target. Every request
 *       builds a fresh estimator, so the adaptive state starts from initialBeta on each line.</li>
 *   <li>{@code blackbox}: lambda 10.</li>
 *   <li>{@code perturbed}: noise gaussian (or gumbel: the noise must have a density), temperature 1,
 *       samples 10, perturbation additive (or multiplicative).</li>
 *   <li>{@code straight-through}: noise none, temperature 1, samples 1.</li>
 *   <li>{@code score-function}: samples 1, baseline none for 1 sample and leave-one-out for more
 *       (moving-average keeps state across calls, which one request cannot). Needs exact sampling:
 *       oracles {@code top-k} and any enumerated oracle. The gradient uses the linear loss
 *       {@code <dLdz, z>} of each sample.</li>
 *   <li>{@code fenchel-young}: needs {@code target} (B rows, the gold structures); noise gaussian,
 *       temperature 1, samples 10. z is the perturbed samples; grad is the loss gradient and loss
 *       the loss of each row (up to the constant T Omega(target)), both always returned; dLdz is
 *       refused.</li>
 *   <li>{@code spo+}: needs {@code trueTheta} (B rows, the true objective, maximisation convention:
 *       costs negated). z is MAP(theta); grad is the SPO+ gradient and loss the SPO+ loss of each
 *       row, both always returned; dLdz is refused.</li>
 * </ul>
 */
final class RelativeEstimators {

    private RelativeEstimators() {
    }

    static EstimatorFactory.Handler aimle(JsonFields f, MapOracle oracle, long seed, SolveExecutor executor) {
        int marginal = f.integer("marginalSamples", 1);
        AimleEstimator.Builder b = Estimators.aimle(oracle)
                .samples(f.integer("samples", 1))
                .marginalSamples(marginal)
                .alpha(f.number("alpha", 1.0))
                .inputTemperature(f.number("inputTemperature", 1.0))
                .targetTemperature(f.number("targetTemperature", 1.0))
                .noise(EstimatorFactory.noise(f))
                .symmetric(bool(f, "symmetric", false))
                .initialBeta(f.number("initialBeta", 1.0))
                .betaStep(f.number("betaStep", 1e-4))
                .betaMomentum(f.number("betaMomentum", 0.0))
                .nonZeroDecay(f.number("nonZeroDecay", 0.9))
                .seed(seed)
                .executor(executor);
        if (f.has("lambda")) {
            b.lambda(f.number("lambda", Double.NaN));
        }
        if (f.has("targetNonZeroFraction")) {
            b.targetNonZeroFraction(f.number("targetNonZeroFraction", Double.NaN));
        }
        if (f.has("initialNonZeroAverage")) {
            b.initialNonZeroAverage(f.number("initialNonZeroAverage", Double.NaN));
        }
        return EstimatorFactory.fromEstimator(b.build(), marginal);
    }

    static EstimatorFactory.Handler blackbox(JsonFields f, MapOracle oracle, long seed, SolveExecutor executor) {
        return EstimatorFactory.fromEstimator(Estimators.blackbox(oracle).lambda(f.number("lambda", 10.0))
                .executor(executor).build(), 1);
    }

    static EstimatorFactory.Handler perturbed(JsonFields f, MapOracle oracle, long seed, SolveExecutor executor) {
        return EstimatorFactory.fromEstimator(Estimators.perturbed(oracle)
                .noise(differentiableNoise(f))
                .temperature(f.number("temperature", 1.0))
                .samples(f.integer("samples", 10))
                .perturbation(PerturbedEstimator.Perturbation.parse(f.string("perturbation", "additive")))
                .seed(seed)
                .executor(executor)
                .build(), 1);
    }

    static EstimatorFactory.Handler straightThrough(JsonFields f, MapOracle oracle, long seed,
            SolveExecutor executor) {
        return EstimatorFactory.fromEstimator(Estimators.straightThrough(oracle)
                .noise(EstimatorFactory.noise(f))
                .temperature(f.number("temperature", 1.0))
                .samples(f.integer("samples", 1))
                .seed(seed)
                .executor(executor)
                .build(), 1);
    }

    static EstimatorFactory.Handler scoreFunction(JsonFields f, MapOracle oracle, long seed,
            SolveExecutor executor) {
        TractableFamily family;
        MapOracle solver = ValidatingOracle.unwrap(oracle); // the family is read off the real oracle
        if (solver instanceof TopKOracle t) {
            family = KSubsetFamily.of(t.n(), t.k());
        } else if (solver instanceof EnumeratedOracle e) {
            family = new EnumeratedFamily(e.structures());
        } else {
            throw new IllegalArgumentException("needs exact sampling from p(z; theta), which imle offers for "
                    + "oracle 'top-k' and enumerated oracles only, not for " + solver.getClass().getSimpleName());
        }
        int samples = f.integer("samples", 1);
        String baseline = f.string("baseline", samples >= 2 ? "leave-one-out" : "none");
        if (baseline.equals("moving-average")) {
            throw new IllegalArgumentException("field 'baseline' cannot be 'moving-average' here: it keeps "
                    + "state across calls and every request builds a fresh estimator; use 'none' or 'leave-one-out'");
        }
        return EstimatorFactory.fromEstimator(Estimators.scoreFunction(family)
                .samples(samples)
                .baseline(Baseline.parse(baseline, 0.0))
                .seed(seed)
                .executor(executor)
                .build(), 1);
    }

    static EstimatorFactory.Handler fenchelYoung(JsonFields f, MapOracle oracle, long seed, SolveExecutor executor) {
        int samples = f.integer("samples", 10);
        StructuredLoss loss = Estimators.fenchelYoung(oracle)
                .noise(differentiableNoise(f))
                .temperature(f.number("temperature", 1.0))
                .samples(samples)
                .seed(seed)
                .executor(executor)
                .build();
        return fromLoss(loss, samples, true);
    }

    static EstimatorFactory.Handler spoPlus(JsonFields f, MapOracle oracle, long seed, SolveExecutor executor) {
        return fromLoss(Estimators.spoPlus(oracle).executor(executor).build(), 1, false);
    }

    /** A handler around a supervised loss: reads target or trueTheta, refuses dLdz. */
    private static EstimatorFactory.Handler fromLoss(StructuredLoss loss, int samples, boolean readsTarget) {
        return batch -> {
            batch.rejectSupervision(loss.name(), readsTarget, !readsTarget);
            double[] supervision = readsTarget ? batch.target() : batch.trueTheta();
            if (supervision == null) {
                throw new IllegalArgumentException("estimator '" + loss.name() + "' needs request field '"
                        + loss.supervisionName() + "' (" + (readsTarget
                                ? "B rows of n: the gold structure of each row of theta"
                                : "B rows of n: the true objective of each row, costs negated") + ")");
            }
            if (batch.dLdz() != null) {
                throw new IllegalArgumentException("estimator '" + loss.name() + "' computes its own gradient from '"
                        + loss.supervisionName() + "'; remove 'dLdz'");
            }
            EstimatorFactory.checkSize(batch.rows(), samples, 1, batch.dimension());
            double[] grad = new double[batch.rows() * batch.dimension()];
            StructuredLoss.Evaluation ev = loss.evaluate(batch.theta(), supervision, batch.rows(), batch.step(), grad);
            return new EstimatorFactory.Result(ev.structures(), grad, ev.losses());
        };
    }

    /** The {@code noise} field for the perturbed optimizer: gaussian by default, and it needs a density. */
    private static DifferentiableNoise differentiableNoise(JsonFields f) {
        if (!f.has("noise")) {
            return GaussianNoise.standard();
        }
        NoiseDistribution noise = EstimatorFactory.noise(f);
        if (noise instanceof DifferentiableNoise d) {
            return d;
        }
        throw new IllegalArgumentException("field 'noise' must have a smooth density (gaussian or gumbel), got '"
                + noise.name() + "'");
    }

    private static boolean bool(JsonFields f, String name, boolean defaultValue) {
        com.fasterxml.jackson.databind.JsonNode v = f.raw(name);
        if (v == null) {
            return defaultValue;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("field '" + name + "' must be true or false, got " + v);
        }
        return v.booleanValue();
    }
}
