package org.imle.examples.explain;

import java.util.Map;
import org.imle.examples.preset.Choice;

/**
 * The training settings of the learning-to-explain experiment. {@link #defaults()} gives the
 * settings of docs/EXPERIMENTS.md; the {@code with...} methods change one field.
 *
 * @param estimator how the k-subset is differentiated during training: a row of
 *     {@link ExplainEstimators#PRESETS} and its knobs (lambda, noise temperature, samples, tau)
 * @param k the number of selected words
 * @param epochs passes over the training set
 * @param batchSize reviews per Adam step
 * @param learningRate Adam's step size
 * @param hidden width of the explainer's and the predictor's hidden layers
 * @param seed seed of weights, shuffles and noise
 * @param threads threads for solves and tensor kernels; results do not depend on it
 */
public record ExplainConfig(Choice estimator, int k, int epochs, int batchSize, double learningRate, int hidden,
        long seed, int threads) {

    /** Validates every field, naming the first bad one. */
    public ExplainConfig {
        if (estimator == null) {
            throw new IllegalArgumentException("estimator must not be null");
        }
        positive("k", k);
        positive("epochs", epochs);
        positive("batch size", batchSize);
        positive("hidden", hidden);
        positive("threads", threads);
        positive("learning rate", learningRate);
    }

    /** The defaults: I-MLE, k = 5, 10 epochs, the settings of its k = 5 runs in docs/EXPERIMENTS.md. */
    public static ExplainConfig defaults() {
        return new ExplainConfig(ExplainEstimators.PRESETS.defaults(), 5, 10, 50, 1e-2, 64, 0,
                Runtime.getRuntime().availableProcessors());
    }

    public ExplainConfig withEstimator(Choice v) {
        return new ExplainConfig(v, k, epochs, batchSize, learningRate, hidden, seed, threads);
    }

    /** The named row of {@link ExplainEstimators#PRESETS} at its default knobs. */
    public ExplainConfig withEstimator(String name) {
        return withEstimator(ExplainEstimators.PRESETS.choice(name, Map.of()));
    }

    public ExplainConfig withK(int v) {
        return new ExplainConfig(estimator, v, epochs, batchSize, learningRate, hidden, seed, threads);
    }

    public ExplainConfig withEpochs(int v) {
        return new ExplainConfig(estimator, k, v, batchSize, learningRate, hidden, seed, threads);
    }

    public ExplainConfig withBatchSize(int v) {
        return new ExplainConfig(estimator, k, epochs, v, learningRate, hidden, seed, threads);
    }

    public ExplainConfig withLearningRate(double v) {
        return new ExplainConfig(estimator, k, epochs, batchSize, v, hidden, seed, threads);
    }

    public ExplainConfig withSeed(long v) {
        return new ExplainConfig(estimator, k, epochs, batchSize, learningRate, hidden, v, threads);
    }

    public ExplainConfig withThreads(int v) {
        return new ExplainConfig(estimator, k, epochs, batchSize, learningRate, hidden, seed, v);
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
        }
    }
}
