package org.imle.api.registry;

import org.imle.api.execution.SolveExecutor;

/**
 * The root of the one builder family of estimators and structured losses: every builder made by
 * {@link org.imle.api.estimator.Estimators} or by an {@link EstimatorRegistry} extends it, so that
 * any of them takes the seed of its random streams and the executor of its solves the same way and
 * builds with {@link #build()}. Setters only record; {@link #build()} validates everything at once.
 *
 * <p>The parameters of a builder (lambda, noise, samples, ...) are declared once, each as a
 * {@link Setting} whose default the builder starts from and which the registry lists and applies
 * by name. The seed and the executor are not parameters: they belong to the caller (a training
 * run, a request), not to the method, so a registry leaves them to whoever builds.
 *
 * <p>When a registry made the builder, an {@link IllegalArgumentException} from {@link #build()}
 * starts with the method's name ({@code estimator 'aimle': beta momentum must be in [0, 1), got 1.0}).
 *
 * @param <B> the concrete builder, so that chained setters keep its type
 * @param <T> what it builds: a {@link org.imle.api.GradientEstimator} or a {@link org.imle.api.StructuredLoss}
 */
public abstract class EstimatorBuilder<B extends EstimatorBuilder<B, T>, T> {

    private long seed;
    private SolveExecutor executor = SolveExecutor.allCores();
    private String label;

    protected EstimatorBuilder() {
    }

    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /** The seed of every random stream (default 0); methods without randomness ignore it. */
    public final B seed(long seed) {
        this.seed = seed;
        return self();
    }

    /** Who runs the solves (default: all cores). */
    public final B executor(SolveExecutor executor) {
        this.executor = executor;
        return self();
    }

    /** The seed given to {@link #seed(long)}. */
    public final long seed() {
        return seed;
    }

    /** The executor given to {@link #executor(SolveExecutor)}. */
    public final SolveExecutor executor() {
        return executor;
    }

    /** Names the method in build errors; set by the registry that made this builder. */
    final void label(String label) {
        this.label = label;
    }

    /**
     * Validates the settings and builds.
     *
     * @throws IllegalArgumentException naming the first invalid setting
     */
    public final T build() {
        try {
            if (executor == null) {
                throw new IllegalArgumentException("executor must not be null");
            }
            return make();
        } catch (IllegalArgumentException e) {
            throw EstimatorRegistry.named(label, e);
        }
    }

    /** Builds from the recorded settings, validating them; {@link #build()} calls it. */
    protected abstract T make();
}
