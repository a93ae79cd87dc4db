package org.imle.examples.explain;

/**
 * The training settings of the learning-to-explain experiment. {@link #defaults()} gives the
 * settings of docs/EXPERIMENTS.md; the {@code with...} methods change one field.
 *
 * @param method how the k-subset is differentiated during training
 * @param k the number of selected words
 * @param epochs passes over the training set
 * @param batchSize reviews per Adam step
 * @param learningRate Adam's step size
 * @param hidden width of the explainer's and the predictor's hidden layers
 * @param lambda I-MLE's lambda (imle only)
 * @param noiseTemperature scale of the Sum-of-Gamma perturbation (imle and straight-through)
 * @param relaxTemperature tau of the relaxations (l2x and softsub)
 * @param samples structures sampled per review and step (score-function; others use 1)
 * @param seed seed of weights, shuffles and noise
 * @param threads threads for solves and tensor kernels; results do not depend on it
 */
public record ExplainConfig(ExplainMethod method, int k, int epochs, int batchSize, double learningRate,
        int hidden, double lambda, double noiseTemperature, double relaxTemperature, int samples, long seed,
        int threads) {

    /** Validates every field, naming the first bad one. */
    public ExplainConfig {
        if (method == null) {
            throw new IllegalArgumentException("method must not be null");
        }
        positive("k", k);
        positive("epochs", epochs);
        positive("batch size", batchSize);
        positive("hidden", hidden);
        positive("samples", samples);
        positive("threads", threads);
        positive("learning rate", learningRate);
        positive("lambda", lambda);
        positive("noise temperature", noiseTemperature);
        positive("relaxation temperature", relaxTemperature);
    }

    /** The defaults: I-MLE, k = 5, 10 epochs, the settings of its k = 5 runs in docs/EXPERIMENTS.md. */
    public static ExplainConfig defaults() {
        return new ExplainConfig(ExplainMethod.IMLE, 5, 10, 50, 1e-2, 64, 1000, 1.0, 0.5, 4, 0,
                Runtime.getRuntime().availableProcessors());
    }

    public ExplainConfig withMethod(ExplainMethod m) {
        return new ExplainConfig(m, k, epochs, batchSize, learningRate, hidden, lambda, noiseTemperature,
                relaxTemperature, samples, seed, threads);
    }

    public ExplainConfig withK(int v) {
        return new ExplainConfig(method, v, epochs, batchSize, learningRate, hidden, lambda, noiseTemperature,
                relaxTemperature, samples, seed, threads);
    }

    public ExplainConfig withEpochs(int v) {
        return new ExplainConfig(method, k, v, batchSize, learningRate, hidden, lambda, noiseTemperature,
                relaxTemperature, samples, seed, threads);
    }

    public ExplainConfig withBatchSize(int v) {
        return new ExplainConfig(method, k, epochs, v, learningRate, hidden, lambda, noiseTemperature,
                relaxTemperature, samples, seed, threads);
    }

    public ExplainConfig withLearningRate(double v) {
        return new ExplainConfig(method, k, epochs, batchSize, v, hidden, lambda, noiseTemperature,
                relaxTemperature, samples, seed, threads);
    }

    public ExplainConfig withLambda(double v) {
        return new ExplainConfig(method, k, epochs, batchSize, learningRate, hidden, v, noiseTemperature,
                relaxTemperature, samples, seed, threads);
    }

    public ExplainConfig withNoiseTemperature(double v) {
        return new ExplainConfig(method, k, epochs, batchSize, learningRate, hidden, lambda, v,
                relaxTemperature, samples, seed, threads);
    }

    public ExplainConfig withRelaxTemperature(double v) {
        return new ExplainConfig(method, k, epochs, batchSize, learningRate, hidden, lambda, noiseTemperature,
                v, samples, seed, threads);
    }

    public ExplainConfig withSamples(int v) {
        return new ExplainConfig(method, k, epochs, batchSize, learningRate, hidden, lambda, noiseTemperature,
                relaxTemperature, v, seed, threads);
    }

    public ExplainConfig withSeed(long v) {
        return new ExplainConfig(method, k, epochs, batchSize, learningRate, hidden, lambda, noiseTemperature,
                relaxTemperature, samples, v, threads);
    }

    public ExplainConfig withThreads(int v) {
        return new ExplainConfig(method, k, epochs, batchSize, learningRate, hidden, lambda, noiseTemperature,
                relaxTemperature, samples, seed, v);
    }

    private static void positive(String name, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(name + " must be positive and finite, got " + v);
        }
    }
}
