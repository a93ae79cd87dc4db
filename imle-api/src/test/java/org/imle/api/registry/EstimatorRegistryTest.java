package org.imle.api.registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.imle.api.EstimatorPass;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.NoiseDistribution;
import org.imle.api.StructuredLoss;
import org.imle.api.estimator.AimleEstimator;
import org.imle.api.estimator.Baseline;
import org.imle.api.estimator.Estimators;
import org.imle.api.estimator.EstimatorsPlugin;
import org.imle.api.estimator.ImleEstimator;
import org.imle.api.estimator.LogisticTestNoise;
import org.imle.api.estimator.ScoreFunctionEstimator;
import org.imle.api.exact.EnumeratedOracle;
import org.imle.api.exact.KSubsetFamily;
import org.imle.api.exact.StructureSet;
import org.imle.api.execution.SolveExecutor;
import org.imle.api.loss.LossesPlugin;
import org.imle.api.testing.TopKTestOracle;
import org.junit.jupiter.api.Test;

/**
 * The estimator registry: every built-in method is listed with its kind, made by name with the
 * defaults its builder declares, and bad parameters are refused by name.
 */
class EstimatorRegistryTest {

    private static final int N = 5;
    /** A tractable oracle (enumerated 2-subsets of 5), so that every method can be made. */
    private static final MapOracle ORACLE = new EnumeratedOracle(StructureSet.kSubsets(N, 2));

    /** imle-api's own noise registry has only {@code none}; a logistic noise stands in for Gaussian. */
    private static final NoiseRegistry NOISES = NoiseRegistry.of(new NoisePlugin() {
        @Override
        protected void registerNoises() {
            register(NoiseFactory.of("logistic", "standard logistic", List.of(), p -> LogisticTestNoise.INSTANCE));
        }
    });
    private static final EstimatorRegistry REGISTRY = EstimatorRegistry.of(NOISES, new EstimatorsPlugin(),
            new LossesPlugin());

    @Test
    void discoveryListsEveryBuiltInMethodWithItsKind() {
        EstimatorRegistry discovered = EstimatorRegistry.discover();
        assertEquals(List.of("aimle", "blackbox", "cmap", "fenchel-young", "imle", "imle-marginals", "ltr-listwise",
                "ltr-pairwise", "ltr-pointwise", "nce", "nid", "perturbed", "pg", "score-function", "simple", "spo+",
                "ssvm", "straight-through"), discovered.names());
        List<String> losses = List.of("cmap", "fenchel-young", "ltr-listwise", "ltr-pairwise", "ltr-pointwise", "nce",
                "pg", "spo+", "ssvm");
        for (String name : discovered.names()) {
            EstimatorFactory f = discovered.factory(name);
            boolean loss = losses.contains(name);
            assertEquals(loss ? EstimatorFactory.Kind.LOSS : EstimatorFactory.Kind.ESTIMATOR, f.kind(), name);
            assertEquals(loss, f.supervision() != null, name);
            assertFalse(f.description().isBlank(), name);
        }
        assertEquals("target", discovered.factory("fenchel-young").supervision());
        assertEquals("trueTheta", discovered.factory("spo+").supervision());
        for (String name : List.of("cmap", "nce", "ssvm")) {
            assertEquals("target", discovered.factory(name).supervision(), name);
        }
        for (String name : List.of("pg", "ltr-pointwise", "ltr-pairwise", "ltr-listwise")) {
            assertEquals("trueTheta", discovered.factory(name).supervision(), name);
        }
        assertEquals(List.of("none"), discovered.noises().names(), "imle-api alone registers only 'none'");
    }

    @Test
    void theListedParametersAreTheBuildersSettings() {
        assertEquals(List.of("noise none", "samples 1", "marginalSamples 1", "alpha 1", "inputTemperature 1",
                "targetTemperature 1", "lambda 10", "scaling none"), listing("imle"));
        assertEquals(List.of("noise none", "samples 1", "marginalSamples 1", "alpha 1", "inputTemperature 1",
                "targetTemperature 1", "symmetric false", "lambda adaptive", "initialBeta 1", "betaStep 1e-4",
                "betaMomentum 0", "nonZeroDecay 0.9", "targetNonZeroFraction 1/n", "initialNonZeroAverage the target"),
                listing("aimle"));
        assertEquals(List.of("noise gaussian", "temperature 1", "samples 10", "perturbation additive",
                "baseline none"),
                listing("perturbed"));
        assertEquals(List.of("noise gaussian", "temperature 1", "samples 10"), listing("fenchel-young"));
        assertEquals(List.of(), listing("spo+"));
        assertEquals("noise", REGISTRY.factory("imle").parameters().get(0).type());
        assertEquals("int", REGISTRY.factory("imle").parameters().get(1).type());
    }

    private static List<String> listing(String name) {
        List<String> out = new ArrayList<>();
        for (ParameterSpec p : REGISTRY.factory(name).parameters()) {
            out.add(p.name() + " " + (p.required() ? "required" : p.defaultValue()));
        }
        return out;
    }

    /**
     * For every parameter whose listed default is one literal value, giving that value explicitly
     * changes nothing: the registry's defaults are the builder's own. The noise is logistic so that
     * temperatures and samples matter.
     */
    @Test
    void everyListedDefaultIsTheValueTheBuilderUses() {
        int compared = 0;
        for (String name : REGISTRY.names()) {
            Map<String, Object> base = base(name);
            String plain = run(name, base);
            for (ParameterSpec p : REGISTRY.factory(name).parameters()) {
                Object value = literal(p);
                if (value == null || base.containsKey(p.name())) {
                    continue;
                }
                Map<String, Object> explicit = new LinkedHashMap<>(base);
                explicit.put(p.name(), value);
                assertEquals(plain, run(name, explicit), name + " parameter " + p.name() + " = " + value);
                compared++;
            }
        }
        assertTrue(compared >= 30, compared + " defaults compared");
        // the comparison sees a changed value
        assertNotEquals(run("imle", base("imle")), run("imle", Map.of("noise", "logistic", "lambda", 3.0)));
        assertNotEquals(run("aimle", base("aimle")), run("aimle", Map.of("noise", "logistic", "betaStep", 0.5)));
    }

    private static Map<String, Object> base(String name) {
        Map<String, Object> base = new LinkedHashMap<>();
        if (REGISTRY.factory(name).parameters().stream().anyMatch(p -> p.name().equals("noise"))) {
            base.put("noise", "logistic");
        }
        if (name.equals("aimle")) {
            base.put("betaStep", 0.25); // two backward calls, so that the adaptive state is seen to move
        }
        return base;
    }

    /** The default as a value, or null when it is a rule ("adaptive", "1/n") or a noise other than none. */
    private static Object literal(ParameterSpec p) {
        if (p.required()) {
            return null;
        }
        String t = p.defaultValue();
        return switch (p.type()) {
            case "double" -> t.matches("-?[0-9.e-]+") ? Double.parseDouble(t) : null;
            case "int" -> Integer.parseInt(t);
            case "boolean" -> Boolean.parseBoolean(t);
            case "string", "noise" -> t.matches("[a-z-]+") && !t.equals("gaussian") ? t : null;
            default -> throw new AssertionError(p);
        };
    }

    /** The numbers of two forward and backward calls (or loss evaluations) of a freshly built method. */
    private static String run(String name, Map<String, ?> parameters) {
        Object method = REGISTRY.builder(name, ORACLE, parameters).seed(3).executor(SolveExecutor.sequential())
                .build();
        SplittableRandom rng = new SplittableRandom(17);
        double[] theta = new double[2 * N];
        for (int i = 0; i < theta.length; i++) {
            theta[i] = rng.nextDouble(-2, 2);
        }
        StringBuilder out = new StringBuilder();
        for (long step = 0; step < 2; step++) {
            if (method instanceof GradientEstimator e) {
                EstimatorPass pass = e.forward(theta, 2, step);
                double[] dLdz = new double[pass.structures().length];
                for (int i = 0; i < dLdz.length; i++) {
                    dLdz[i] = rng.nextDouble(-1, 1);
                }
                out.append(Arrays.toString(pass.structures())).append(Arrays.toString(pass.backward(dLdz)));
            } else {
                StructuredLoss loss = (StructuredLoss) method;
                double[] supervision = loss.supervisionName().equals("target")
                        ? new double[] {1, 1, 0, 0, 0, 0, 0, 1, 0, 1} : theta.clone();
                double[] grad = new double[theta.length];
                StructuredLoss.Evaluation ev = loss.evaluate(theta, supervision, 2, step, grad);
                out.append(Arrays.toString(ev.losses())).append(Arrays.toString(ev.structures()))
                        .append(Arrays.toString(grad));
            }
        }
        return out.toString();
    }

    @Test
    void aRegisteredEstimatorIsTheOneItsBuilderMakes() {
        GradientEstimator byName = REGISTRY.estimator("imle", ORACLE, Map.of("noise", "logistic", "lambda", 4,
                "samples", 3, "scaling", "divide-by-lambda", "targetTemperature", 0.5)).seed(9)
                .executor(SolveExecutor.sequential()).build();
        ImleEstimator direct = Estimators.imle(ORACLE).noise(LogisticTestNoise.INSTANCE).lambda(4).samples(3)
                .scaling(org.imle.api.estimator.Scaling.DIVIDE_BY_LAMBDA).targetTemperature(0.5).seed(9)
                .executor(SolveExecutor.sequential()).build();
        assertInstanceOf(ImleEstimator.class, byName);
        double[] theta = {0.3, -1.2, 2.0, 0.1, 0.7};
        double[] dLdz = new double[3 * N];
        for (int i = 0; i < dLdz.length; i++) {
            dLdz[i] = (i % 4) - 1.5;
        }
        EstimatorPass a = byName.forward(theta, 1, 5);
        EstimatorPass b = direct.forward(theta, 1, 5);
        assertArrayEquals(b.structures(), a.structures(), 0.0);
        assertArrayEquals(b.backward(dLdz), a.backward(dLdz), 0.0);
    }

    @Test
    void theExactFamilyComesFromTheOracle() {
        ScoreFunctionEstimator sf = (ScoreFunctionEstimator) REGISTRY.estimator("score-function",
                ValidatingOracle.wrap(ORACLE, "enumerated"), Map.of("samples", 2)).build();
        assertEquals(Baseline.Kind.LEAVE_ONE_OUT, sf.baseline().kind(), "the default for S >= 2");
        ScoreFunctionEstimator ma = (ScoreFunctionEstimator) REGISTRY.estimator("score-function", ORACLE,
                Map.of("baseline", "moving-average", "baselineDecay", 0.5)).build();
        assertEquals("moving-average(0.5)", ma.baseline().toString());
        assertTrue(ma.takesLossValues());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> REGISTRY.estimator("score-function", new TopKTestOracle(N, 2), Map.of()));
        assertEquals("estimator 'score-function': needs exact sampling from p(z; theta), which imle offers for oracle"
                + " 'top-k' and enumerated oracles only, not for TopKTestOracle", e.getMessage());
        assertEquals("estimator 'score-function': baselineDecay applies to baseline 'moving-average' only",
                assertThrows(IllegalArgumentException.class, () -> REGISTRY.estimator("score-function", ORACLE,
                        Map.of("baseline", "none", "baselineDecay", 0.5)).build()).getMessage());
        // mu-mu I-MLE with the enumerated family's marginals equals the k-subset DP's
        GradientEstimator mm = REGISTRY.estimator("imle-marginals", ORACLE, Map.of()).build();
        GradientEstimator dp = Estimators.marginalImle(ORACLE, KSubsetFamily.of(N, 2)).build();
        double[] theta = {0.3, -1.2, 2.0, 0.1, 0.7};
        double[] dLdz = {1, -1, 0.5, 0, 2};
        assertArrayEquals(dp.forward(theta, 1, 0).backward(dLdz), mm.forward(theta, 1, 0).backward(dLdz), 1e-12);
    }

    @Test
    void badNamesParametersAndValuesAreNamed() {
        assertEquals("unknown estimator 'imel'; known: aimle, blackbox, cmap, fenchel-young, imle, imle-marginals, "
                + "ltr-listwise, ltr-pairwise, ltr-pointwise, nce, nid, perturbed, pg, score-function, simple, spo+, ssvm, "
                + "straight-through", message(() -> REGISTRY.factory("imel")));
        assertEquals("estimator 'imle' has no parameter 'lamda'; its parameters: noise, samples, marginalSamples, "
                + "alpha, inputTemperature, targetTemperature, lambda, scaling",
                message(() -> REGISTRY.builder("imle", ORACLE, Map.of("lamda", 1))));
        assertEquals("estimator 'spo+' has no parameter 'samples'; it takes none",
                message(() -> REGISTRY.builder("spo+", ORACLE, Map.of("samples", 1))));
        assertEquals("estimator 'imle' parameter 'samples' must be an integer, got 1.5",
                message(() -> REGISTRY.builder("imle", ORACLE, Map.of("samples", 1.5))));
        assertEquals("estimator 'imle': scaling must be 'none' or 'divide-by-lambda', got 'half'",
                message(() -> REGISTRY.builder("imle", ORACLE, Map.of("scaling", "half"))));
        assertEquals("estimator 'blackbox': lambda must be positive and finite, got -1.0",
                message(() -> REGISTRY.builder("blackbox", ORACLE, Map.of("lambda", -1)).build()));
        assertEquals("estimator 'aimle': beta momentum must be in [0, 1), got 1.0",
                message(() -> REGISTRY.builder("aimle", ORACLE, Map.of("betaMomentum", 1)).build()));
        assertEquals("estimator 'imle': unknown noise 'cauchy'; known: [logistic, none]",
                message(() -> REGISTRY.builder("imle", ORACLE, Map.of("noise", "cauchy"))));
        assertEquals("estimator 'imle': noise 'logistic' has no parameter 'k'; known: []",
                message(() -> REGISTRY.builder("imle", ORACLE, Map.of("noise", Map.of("name", "logistic", "k", 2)))));
        assertEquals("estimator 'perturbed': noise must be a noise with a smooth density (gaussian or gumbel), got "
                + "'none'", message(() -> REGISTRY.builder("perturbed", ORACLE, Map.of("noise", "none"))));
        assertEquals("estimator 'fenchel-young' is a structured loss supervised by 'target', not an estimator of dL/dz",
                message(() -> REGISTRY.estimator("fenchel-young", ORACLE, Map.of())));
        assertEquals("estimator 'imle' is an estimator of dL/dz, not a structured loss",
                message(() -> REGISTRY.loss("imle", ORACLE, Map.of())));
        // builders made directly keep their plain messages
        assertEquals("lambda must be positive and finite, got -1.0",
                message(() -> Estimators.blackbox(ORACLE).lambda(-1).build()));
    }

    @Test
    void noisesAreNamedByStringMapOrInstance() {
        NoiseDistribution logistic = LogisticTestNoise.INSTANCE;
        assertSame(logistic, NOISES.create("logistic"));
        assertSame(logistic, NOISES.create(Map.of("name", "logistic")));
        assertSame(logistic, NOISES.create(logistic));
        assertSame(NoiseDistribution.none(), NOISES.create("none"));
        assertEquals("noise needs a 'name' (one of [logistic, none]), got {k=2}", message(() -> NOISES.create(Map.of("k", 2))));
        assertEquals("noise must be a name (one of [logistic, none]) or {\"name\": ..., parameters}, got 7",
                message(() -> NOISES.create(7)));
        AimleEstimator a = (AimleEstimator) REGISTRY.estimator("aimle", ORACLE, Map.of("noise", logistic)).build();
        assertSame(logistic, a.sampler().noise());
    }

    @Test
    void twoPluginsRegisteringOneNameConflict() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EstimatorRegistry.of(NOISES, new EstimatorsPlugin(), new EstimatorsPlugin()));
        assertTrue(e.getMessage().startsWith("estimator plugins conflict"), e.getMessage());
    }

    @Test
    void settingsDeclareTheirDefaultOnce() {
        assertEquals(10.0, ImleEstimator.Builder.LAMBDA.defaultValue());
        assertEquals("betaStep (double, default 1e-4)", AimleEstimator.Builder.BETA_STEP.toString());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AimleEstimator.Builder.LAMBDA.defaultValue());
        assertEquals("setting 'lambda' has no default value (its default is adaptive)", e.getMessage());
        Parameters none = Parameters.describedAs("test", Map.of());
        assertEquals(null, AimleEstimator.Builder.LAMBDA.read(none), "a computed default reads as absent");
        Setting<Integer> k = Setting.requiredInteger("k", "size");
        assertEquals("test parameter 'k' is missing", message(() -> k.read(none)));
        assertEquals(4, k.read(Parameters.describedAs("test", Map.of("k", 4))));
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }
}
