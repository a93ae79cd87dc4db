package org.imle.solvers.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.imle.api.EstimatorPass;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.StructuredLoss;
import org.imle.api.estimator.Estimators;
import org.imle.api.exact.KSubsetFamily;
import org.imle.noise.GumbelNoise;
import org.imle.noise.SumOfGammaNoise;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The estimators of {@link Estimators} around a real registered oracle (top-k, n = 8, k = 3):
 * bad input at forward, backward and the builders is refused naming what is wrong, and many
 * threads sharing one estimator give bit for bit the gradients of sequential calls.
 *
 * <p>AIMLE is left out of the concurrency check on purpose: its backward adapts lambda from the
 * gradients it has seen, so its answers depend on call order by design.
 */
class EstimatorReliabilityTest {

    private static final int N = 8;
    private static final int K = 3;
    private static final int BATCH = 3;
    private static final MapOracle ORACLE =
            RegisteredInstances.REGISTRY.create("top-k", Map.of("n", N, "k", K));
    private static final KSubsetFamily FAMILY = KSubsetFamily.of(N, K);

    static Stream<Arguments> estimators() {
        return Stream.of(
                Arguments.of("imle", (Supplier<GradientEstimator>) () -> Estimators.imle(ORACLE)
                        .noise(SumOfGammaNoise.of(K)).samples(2).seed(7).build()),
                Arguments.of("aimle", (Supplier<GradientEstimator>) () -> Estimators.aimle(ORACLE).seed(7).build()),
                Arguments.of("blackbox", (Supplier<GradientEstimator>) () -> Estimators.blackbox(ORACLE).build()),
                Arguments.of("perturbed", (Supplier<GradientEstimator>) () -> Estimators.perturbed(ORACLE)
                        .noise(GumbelNoise.standard()).samples(3).seed(7).build()),
                Arguments.of("straight-through", (Supplier<GradientEstimator>) () -> Estimators.straightThrough(ORACLE)
                        .noise(GumbelNoise.standard()).seed(7).build()),
                Arguments.of("score-function", (Supplier<GradientEstimator>) () -> Estimators.scoreFunction(FAMILY)
                        .samples(4).seed(7).build()),
                Arguments.of("imle-marginals", (Supplier<GradientEstimator>) () -> Estimators.marginalImle(ORACLE, FAMILY)
                        .seed(7).build()));
    }

    private static double[] theta(SplittableRandom r, int rows) {
        double[] t = new double[rows * N];
        for (int i = 0; i < t.length; i++) {
            t[i] = r.nextDouble(-2, 2);
        }
        return t;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("estimators")
    void nonFiniteThetaAndUpstreamGradientsAreRefusedNamingRowAndCoordinate(String name, Supplier<GradientEstimator> make) {
        GradientEstimator est = make.get();
        SplittableRandom r = new SplittableRandom(name.hashCode());
        for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
            for (int trial = 0; trial < 10; trial++) {
                double[] theta = theta(r, BATCH);
                int at = r.nextInt(theta.length);
                theta[at] = bad;
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> est.forward(theta, BATCH, 0), name);
                assertMentions(name, e, "theta", "row " + at / N, String.valueOf(at % N));
                EstimatorPass pass = est.forward(theta(r, BATCH), BATCH, 0);
                double[] up = new double[BATCH * pass.samples() * N];
                int bi = r.nextInt(up.length);
                up[bi] = bad;
                IllegalArgumentException eb = assertThrows(IllegalArgumentException.class,
                        () -> pass.backward(up, new double[BATCH * N]), name + " backward");
                assertMentions(name, eb, "row " + bi / N, String.valueOf(bi % N));
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("estimators")
    void wrongLengthsAndBatchSizesAreRefused(String name, Supplier<GradientEstimator> make) {
        GradientEstimator est = make.get();
        SplittableRandom r = new SplittableRandom(3);
        assertMentions(name, assertThrows(IllegalArgumentException.class,
                () -> est.forward(new double[BATCH * N + 1], BATCH, 0)), "length");
        assertMentions(name, assertThrows(IllegalArgumentException.class,
                () -> est.forward(new double[0], 0, 0)), "0");
        EstimatorPass pass = est.forward(theta(r, BATCH), BATCH, 0);
        int rows = BATCH * pass.samples();
        assertMentions(name, assertThrows(IllegalArgumentException.class,
                () -> pass.backward(new double[rows * N - 1], new double[BATCH * N])), "length");
        assertMentions(name, assertThrows(IllegalArgumentException.class,
                () -> pass.backward(new double[rows * N], new double[BATCH * N + 2])), "length");
    }

    static Stream<Arguments> badBuilders() {
        return Stream.of(
                bad("imle samples 0", () -> Estimators.imle(ORACLE).samples(0).build(), "samples"),
                bad("imle lambda NaN", () -> Estimators.imle(ORACLE).lambda(Double.NaN).build(), "lambda"),
                bad("imle lambda 0", () -> Estimators.imle(ORACLE).lambda(0).build(), "lambda"),
                bad("imle temperature -1", () -> Estimators.imle(ORACLE).temperature(-1).build(), "temperature"),
                bad("imle alpha inf", () -> Estimators.imle(ORACLE).alpha(Double.POSITIVE_INFINITY).build(), "alpha"),
                bad("aimle samples -1", () -> Estimators.aimle(ORACLE).samples(-1).build(), "samples"),
                bad("aimle target fraction 2", () -> Estimators.aimle(ORACLE).targetNonZeroFraction(2).build(), "fraction"),
                bad("blackbox lambda -1", () -> Estimators.blackbox(ORACLE).lambda(-1).build(), "lambda"),
                bad("blackbox lambda NaN", () -> Estimators.blackbox(ORACLE).lambda(Double.NaN).build(), "lambda"),
                bad("perturbed samples 0", () -> Estimators.perturbed(ORACLE).noise(GumbelNoise.standard()).samples(0).build(), "samples"),
                bad("perturbed temperature 0", () -> Estimators.perturbed(ORACLE).noise(GumbelNoise.standard()).temperature(0).build(), "temperature"),
                // without a noise the perturbed optimizer takes its default, a standard Gaussian
                bad("perturbed without perturbation", () -> Estimators.perturbed(ORACLE).perturbation(null).build(),
                        "perturbation"),
                bad("straight-through samples 0", () -> Estimators.straightThrough(ORACLE).samples(0).build(), "samples"),
                bad("score-function samples 0", () -> Estimators.scoreFunction(FAMILY).samples(0).build(), "samples"),
                bad("marginal lambda inf", () -> Estimators.marginalImle(ORACLE, FAMILY).lambda(Double.POSITIVE_INFINITY)
                        .build(),
                        "lambda"),
                bad("marginal of another size", () -> Estimators.marginalImle(ORACLE, KSubsetFamily.of(N + 1, K)).build(),
                        "dimension"),
                bad("fenchel-young samples 0", () -> Estimators.fenchelYoung(ORACLE).noise(GumbelNoise.standard()).samples(0).build(), "samples"),
                bad("null oracle", () -> Estimators.imle(null).build(), "oracle"));
    }

    private static Arguments bad(String label, Executable call, String mentions) {
        return Arguments.of(label, call, mentions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBuilders")
    void outOfRangeBuilderArgumentsAreNamed(String label, Executable call, String mentions) {
        assertMentions(label, assertThrows(IllegalArgumentException.class, call), mentions);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("estimators")
    void manyThreadsSharingOneEstimatorGiveTheSequentialGradients(String name, Supplier<GradientEstimator> make)
            throws Exception {
        if (name.equals("aimle")) {
            return;
        }
        GradientEstimator est = make.get();
        int tasks = 64;
        SplittableRandom r = new SplittableRandom(11);
        List<double[]> thetas = new ArrayList<>();
        List<double[]> ups = new ArrayList<>();
        for (int t = 0; t < tasks; t++) {
            thetas.add(theta(r, BATCH));
            double[] up = new double[BATCH * est.samples() * N];
            for (int i = 0; i < up.length; i++) {
                up[i] = r.nextDouble(-1, 1);
            }
            ups.add(up);
        }
        double[][] sequential = new double[tasks][];
        double[][] sequentialZ = new double[tasks][];
        for (int t = 0; t < tasks; t++) {
            EstimatorPass pass = est.forward(thetas.get(t), BATCH, t);
            sequentialZ[t] = pass.structures().clone();
            sequential[t] = pass.backward(ups.get(t));
        }
        int threads = 8;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < threads; w++) {
                int shift = w;
                futures.add(pool.submit(() -> {
                    for (int k = 0; k < tasks; k++) {
                        int t = (k + shift * tasks / threads) % tasks;
                        EstimatorPass pass = est.forward(thetas.get(t), BATCH, t);
                        assertArrayEquals(sequentialZ[t], pass.structures(), name + " task " + t + " samples");
                        assertArrayEquals(sequential[t], pass.backward(ups.get(t)), name + " task " + t + " gradient");
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void manyThreadsSharingOneStructuredLossGiveTheSequentialValues() throws Exception {
        List<StructuredLoss> losses = List.of(Estimators.spoPlus(ORACLE).build(),
                Estimators.fenchelYoung(ORACLE).noise(GumbelNoise.standard()).samples(3).seed(5).build());
        for (StructuredLoss loss : losses) {
            int tasks = 64;
            SplittableRandom r = new SplittableRandom(13);
            List<double[]> thetas = new ArrayList<>();
            List<double[]> supervision = new ArrayList<>();
            for (int t = 0; t < tasks; t++) {
                thetas.add(theta(r, BATCH));
                double[] s = theta(r, BATCH);
                if (loss.name().equals("fenchel-young")) {
                    for (int b = 0; b < BATCH; b++) {
                        ORACLE.solve(s, b * N, s, b * N);
                    }
                }
                supervision.add(s);
            }
            double[][] values = new double[tasks][];
            double[][] grads = new double[tasks][BATCH * N];
            for (int t = 0; t < tasks; t++) {
                values[t] = loss.evaluate(thetas.get(t), supervision.get(t), BATCH, t, grads[t]).losses();
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int w = 0; w < 8; w++) {
                    int shift = w;
                    futures.add(pool.submit(() -> {
                        for (int k = 0; k < tasks; k++) {
                            int t = (k + shift * 8) % tasks;
                            double[] g = new double[BATCH * N];
                            assertArrayEquals(values[t],
                                    loss.evaluate(thetas.get(t), supervision.get(t), BATCH, t, g).losses(),
                                    loss.name());
                            assertArrayEquals(grads[t], g, loss.name());
                        }
                        return null;
                    }));
                }
                for (Future<?> f : futures) {
                    f.get();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static void assertMentions(String what, Exception e, String... words) {
        assertNotNull(e.getMessage(), what);
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), what + ": message '" + e.getMessage() + "' does not mention '" + w + "'");
        }
    }
}
