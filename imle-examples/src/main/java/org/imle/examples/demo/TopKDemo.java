package org.imle.examples.demo;

import org.imle.examples.preset.ExperimentOracles;

import static org.imle.examples.preset.Knob.LAMBDA;
import static org.imle.examples.preset.Knob.TEMPERATURE;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.imle.api.EstimatorPass;
import org.imle.api.GradientEstimator;
import org.imle.api.MapOracle;
import org.imle.api.NoiseDistribution;
import org.imle.api.check.Checks;
import org.imle.api.execution.SolveExecutor;
import org.imle.examples.preset.Choice;
import org.imle.examples.preset.Presets;
import org.imle.noise.NoiseDistributions;
import org.imle.solvers.topk.TopKOracle;

/**
 * The smallest complete use of the library: a linear model trained with plain SGD through an
 * I-MLE top-k layer, on generated data.
 *
 * <p>Data: features {@code x ~ N(0, I_d)}; a hidden matrix {@code W* (n x d)} with N(0, 1)
 * entries; the label of x is the k-subset {@code y = topk(W* x)} as a k-hot vector. The model
 * scores {@code theta = W x}, samples {@code z = topk(theta + T eps)} with I-MLE (noise
 * Sum-of-Gamma by default), and is trained on the Hamming loss
 * {@code L(z, y) = sum_i z_i (1 - y_i) + (1 - z_i) y_i}, whose gradient {@code dL/dz = 1 - 2y}
 * feeds I-MLE's backward; {@code dL/dW = (dL/dtheta) x^T} by the chain rule, averaged over the
 * minibatch. Evaluation is noiseless: {@code topk(W x)} against y on held-out examples.
 *
 * <p>The layer is {@link TopKOracle} wrapped by the registry's I-MLE estimator (or another of {@link #PRESETS}); the model, its gradient and
 * SGD are a few loops over {@code double[]}, so the demo needs nothing beyond imle-api,
 * imle-noise and imle-solvers.
 *
 * <p>Cost per epoch: 2 top-k solves and O(n d) arithmetic per training example. Everything is
 * seeded; the numbers do not depend on the executor's thread count.
 */
public final class TopKDemo {

    /**
     * The demo's settings.
     *
     * @param features d, the length of x
     * @param items n, the number of scores
     * @param k the size of the subset
     * @param trainSize training examples
     * @param testSize held-out examples
     * @param epochs passes over the training set
     * @param batchSize examples per SGD step
     * @param learningRate the SGD step size
     * @param estimator the estimator of the layer and its lambda and temperature: a row of
     *     {@link #PRESETS} (I-MLE by default)
     * @param noise a name of {@link NoiseDistributions#NAMES}; the Sum-of-Gamma ones get k
     * @param seed seeds the data, the shuffling and the noise
     */
    public record Config(int features, int items, int k, int trainSize, int testSize, int epochs,
            int batchSize, double learningRate, Choice estimator, String noise, long seed) {

        /** Validates every setting; messages name it. */
        public Config {
            Checks.atLeast("features", features, 1);
            Checks.atLeast("items", items, 1);
            Checks.between("k", k, 1, items);
            Checks.atLeast("train size", trainSize, 1);
            Checks.atLeast("test size", testSize, 1);
            Checks.atLeast("epochs", epochs, 1);
            Checks.between("batch size", batchSize, 1, trainSize);
            Checks.positive("learning rate", learningRate);
            if (estimator == null) {
                throw new IllegalArgumentException("estimator must not be null");
            }
            if (!NoiseDistributions.NAMES.contains(noise)) {
                throw new IllegalArgumentException("noise must be one of " + NoiseDistributions.NAMES
                        + ", got '" + noise + "'");
            }
        }

        /** d = 10, n = 20, k = 5, 2000 train / 500 test, 10 epochs of batches of 20. */
        public static Config defaults() {
            return new Config(10, 20, 5, 2000, 500, 10, 20, 0.05, PRESETS.defaults(), "sum-of-gamma", 42L);
        }

        /** The noise distribution named by {@link #noise()}. */
        NoiseDistribution noiseDistribution() {
            return NoiseDistributions.create(noise, noise.startsWith("sum-of-gamma") ? Map.of("k", k) : Map.of());
        }
    }

    /**
     * What one epoch achieved.
     *
     * @param epoch 1-based
     * @param trainLoss mean Hamming loss of the sampled (noisy) structures during the epoch
     * @param testLoss mean Hamming loss of {@code topk(W x)} on the held-out set (0 is perfect,
     *     2k the worst)
     * @param testExact fraction of held-out examples whose predicted k-subset is exactly the label
     * @param testOverlap mean fraction of the label's k items that the prediction contains
     */
    public record Epoch(int epoch, double trainLoss, double testLoss, double testExact,
            double testOverlap) {
    }

    /**
     * The layers of {@code imle demo --estimator}, I-MLE first: each perturbs with the demo's noise
     * ({@code --noise}, given by the demo) at the temperature; I-MLE and blackbox take lambda.
     */
    public static final Presets PRESETS = Presets.builder()
            .knob(LAMBDA, 10.0).knob(TEMPERATURE, 1.0)
            .estimator("imle", "noise", Presets.given("noise"), "inputTemperature", TEMPERATURE,
                    "targetTemperature", TEMPERATURE, "lambda", LAMBDA)
            .estimator("aimle", "noise", Presets.given("noise"), "inputTemperature", TEMPERATURE,
                    "targetTemperature", TEMPERATURE)
            .estimator("straight-through", "noise", Presets.given("noise"), "temperature", TEMPERATURE)
            .estimator("blackbox", "lambda", LAMBDA)
            .build();

    private final Config config;
    private final MapOracle topK;
    private final double[] trainX;
    private final double[] trainY;
    private final double[] testX;
    private final double[] testY;
    private final double[] weights;

    /** Generates the data and a zero model. */
    public TopKDemo(Config config) {
        this.config = config;
        this.topK = new TopKOracle(config.items(), config.k());
        int d = config.features();
        int n = config.items();
        SplittableRandom random = new SplittableRandom(config.seed());
        double[] hidden = gaussian(random, n * d);
        this.trainX = gaussian(random, config.trainSize() * d);
        this.testX = gaussian(random, config.testSize() * d);
        this.trainY = labels(hidden, trainX, config.trainSize());
        this.testY = labels(hidden, testX, config.testSize());
        this.weights = new double[n * d];
    }

    /** The model's weights W, n rows of d; live, not a copy. */
    public double[] weights() {
        return weights;
    }

    /** The held-out results of the model as it is now, as epoch 0 (train loss NaN: none yet). */
    public Epoch untrained() {
        return evaluate(0, Double.NaN);
    }

    /**
     * Trains for {@code config.epochs()} epochs, calling {@code onEpoch} after each.
     *
     * @return the epochs' results, in order
     */
    public List<Epoch> train(SolveExecutor executor, Consumer<Epoch> onEpoch) {
        int d = config.features();
        int n = config.items();
        GradientEstimator imle = (GradientEstimator) config.estimator().build(ExperimentOracles.of(executor,
                () -> topK, "top-k", Map.of("n", config.items(), "k", config.k())),
                Map.of("noise", config.noiseDistribution()), config.seed(), executor);
        int[] order = new int[config.trainSize()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        SplittableRandom shuffler = new SplittableRandom(config.seed() ^ 0x5DEECE66DL);
        double[] theta = new double[config.batchSize() * n];
        double[] dLdz = new double[config.batchSize() * n];
        double[] labels = new double[config.batchSize() * n];
        int[] members = new int[config.batchSize()];
        List<Epoch> epochs = new ArrayList<>();
        long step = 0;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            shuffle(order, shuffler);
            double lossSum = 0;
            for (int start = 0; start < order.length; start += config.batchSize()) {
                int b = Math.min(config.batchSize(), order.length - start);
                for (int r = 0; r < b; r++) {
                    members[r] = order[start + r];
                    scores(weights, trainX, members[r] * d, theta, r * n);
                    System.arraycopy(trainY, members[r] * n, labels, r * n, n);
                    for (int i = 0; i < n; i++) {
                        dLdz[r * n + i] = 1.0 - 2.0 * labels[r * n + i];
                    }
                }
                EstimatorPass pass = imle.forward(b == theta.length / n ? theta
                        : java.util.Arrays.copyOf(theta, b * n), b, step++);
                lossSum += hamming(pass.structures(), labels, b * n);
                double[] grad = pass.backward(b * n == dLdz.length ? dLdz
                        : java.util.Arrays.copyOf(dLdz, b * n));
                sgdStep(grad, members, b);
            }
            Epoch result = evaluate(epoch, lossSum / order.length);
            epochs.add(result);
            onEpoch.accept(result);
        }
        return epochs;
    }

    /** W -= lr / B * sum_b grad_b x_b^T. */
    private void sgdStep(double[] grad, int[] members, int b) {
        int d = config.features();
        int n = config.items();
        double step = config.learningRate() / b;
        for (int r = 0; r < b; r++) {
            int x = members[r] * d;
            for (int i = 0; i < n; i++) {
                double g = grad[r * n + i];
                if (g != 0) {
                    for (int j = 0; j < d; j++) {
                        weights[i * d + j] -= step * g * trainX[x + j];
                    }
                }
            }
        }
    }

    private Epoch evaluate(int epoch, double trainLoss) {
        int d = config.features();
        int n = config.items();
        double[] theta = new double[n];
        double[] z = new double[n];
        double loss = 0;
        int exact = 0;
        double overlap = 0;
        for (int e = 0; e < config.testSize(); e++) {
            scores(weights, testX, e * d, theta, 0);
            topK.solve(theta, z);
            double h = 0;
            double common = 0;
            for (int i = 0; i < n; i++) {
                double y = testY[e * n + i];
                h += Math.abs(z[i] - y);
                common += z[i] * y;
            }
            loss += h;
            exact += h == 0 ? 1 : 0;
            overlap += common / config.k();
        }
        int m = config.testSize();
        return new Epoch(epoch, trainLoss, loss / m, (double) exact / m, overlap / m);
    }

    /** out[o..o+n) = W x for the x at xs[x..x+d). */
    private void scores(double[] w, double[] xs, int x, double[] out, int o) {
        int d = config.features();
        int n = config.items();
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < d; j++) {
                s += w[i * d + j] * xs[x + j];
            }
            out[o + i] = s;
        }
    }

    private double[] labels(double[] hidden, double[] xs, int count) {
        int n = config.items();
        double[] theta = new double[n];
        double[] z = new double[n];
        double[] y = new double[count * n];
        for (int e = 0; e < count; e++) {
            scores(hidden, xs, e * config.features(), theta, 0);
            topK.solve(theta, z);
            System.arraycopy(z, 0, y, e * n, n);
        }
        return y;
    }

    private static double hamming(double[] z, double[] y, int length) {
        double h = 0;
        for (int i = 0; i < length; i++) {
            h += Math.abs(z[i] - y[i]);
        }
        return h;
    }

    private static double[] gaussian(SplittableRandom random, int count) {
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            out[i] = random.nextGaussian();
        }
        return out;
    }

    private static void shuffle(int[] a, SplittableRandom random) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
