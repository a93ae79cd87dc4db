package org.imle.examples.explain;

import org.imle.examples.preset.ExperimentOracles;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.imle.api.GradientEstimator;
import org.imle.api.LossValuePass;
import org.imle.api.execution.SolveExecutor;
import org.imle.examples.preset.Choice;
import org.imle.solvers.topk.TopKOracle;
import org.imle.train.loss.Losses;
import org.imle.train.node.DiscreteNode;
import org.imle.train.optim.Adam;
import org.imle.train.relax.RelaxedTopK;
import org.imle.train.tensor.GradMode;
import org.imle.train.tensor.Tensor;
import org.imle.train.trainer.EpochMetrics;
import org.imle.train.trainer.MetricsLog;
import org.imle.train.trainer.ProgressBar;
import org.imle.train.trainer.RunControl;
import org.imle.train.trainer.Trainer;

/**
 * Trains an {@link ExplainModel} on (text, rating) pairs only, with the k-subset made
 * differentiable by the configured estimator ({@link ExplainEstimators}), and evaluates it with the
 * hard top-k.
 *
 * <p>Training loss: the mean squared error of the rating predicted from the masked words. The
 * mask is, per method:
 * <ul>
 *   <li>imle: {@code z = topk(theta + eps)}, eps Sum-of-Gamma(k, 10 terms, T), backward by I-MLE
 *       with the configured lambda (gradient not divided by lambda) through a
 *       {@link DiscreteNode};</li>
 *   <li>straight-through: the same forward, identity backward;</li>
 *   <li>score-function (any estimator that {@link GradientEstimator#takesLossValues() takes loss
 *       values}): S exact samples of the k-subset distribution p(z; theta), the predictor trained
 *       on them, and theta by REINFORCE on the per-sample squared errors with a leave-one-out
 *       baseline (S >= 2) through {@link LossValuePass#backwardFromLosses};</li>
 *   <li>l2x, softsub: the soft masks of {@link RelaxedTopK} at temperature tau.</li>
 * </ul>
 * All random streams derive from the seed and the training step, so a run is the same for any
 * thread count.
 */
public final class ExplainTraining {

    /**
     * Test metrics.
     *
     * @param mse mean squared error of the predicted rating, from the hard top-k words
     * @param precision the selection's precision against the annotations
     * @param ceiling the best precision any k-word selection could reach ({@link Selections#ceiling})
     */
    public record Evaluation(double mse, Selections.Precision precision, Selections.Precision ceiling) {
    }

    private final ExplainConfig config;
    private final ExplainModel model;
    private final EncodedReviews train;
    private final EncodedReviews test;
    /** The sampling layer of an estimator trained on dL/dz, or null. */
    private final DiscreteNode node;
    /** An estimator trained on loss values (the score function), or null. */
    private final GradientEstimator lossValues;
    /** The relaxation temperature of the experiment's own methods. */
    private final double tau;

    /**
     * @param table word vectors, {@code vocabulary size x dimension}, row-major
     * @param dimension D
     * @param train the training reviews (ratings are used, annotations are not)
     * @param test the reviews evaluated after every epoch
     */
    public ExplainTraining(ExplainConfig config, float[] table, int dimension, EncodedReviews train,
            EncodedReviews test) {
        this(config, table, dimension, train, test, SolveExecutor.parallel(config.threads()));
    }

    /** As the other constructor, with the top-k solves on {@code executor} (in process or on Spark). */
    public ExplainTraining(ExplainConfig config, float[] table, int dimension, EncodedReviews train,
            EncodedReviews test, SolveExecutor executor) {
        if (train.width() != test.width()) {
            throw new IllegalArgumentException("training rows of width " + train.width()
                    + " and test rows of width " + test.width() + " differ");
        }
        if (config.k() > train.width()) {
            throw new IllegalArgumentException("k = " + config.k() + " is larger than the " + train.width()
                    + " positions of a review row");
        }
        this.config = config;
        this.train = train;
        this.test = test;
        this.model = new ExplainModel(table, dimension, config.hidden(), config.k(), new SplittableRandom(config.seed()));
        int n = train.width();
        int k = config.k();
        Choice choice = config.estimator();
        GradientEstimator estimator = choice.registered()
                ? (GradientEstimator) choice.build(ExperimentOracles.of(executor, () -> new TopKOracle(n, k),
                        "top-k", Map.of("n", n, "k", k)), Map.of("k", k), config.seed(), executor)
                : null;
        this.node = estimator == null || estimator.takesLossValues() ? null : new DiscreteNode(estimator);
        this.lossValues = estimator != null && estimator.takesLossValues() ? estimator : null;
        this.tau = choice.registered() ? Double.NaN : ((Number) choice.parameters(Map.of()).get("tau")).doubleValue();
    }

    public ExplainModel model() {
        return model;
    }

    public ExplainConfig config() {
        return config;
    }

    /**
     * Trains for the configured epochs, evaluating on the test reviews after each one.
     *
     * @param progress where progress goes, or null
     * @param metrics the per-epoch metrics files (rewritten atomically after every epoch), or null
     * @return the metrics of every epoch: the trainer's, then {@code test_mse} and {@code test_precision}
     */
    public List<EpochMetrics> fit(ProgressBar progress, MetricsLog metrics) throws IOException {
        return fit(progress, metrics, RunControl.NONE);
    }

    /**
     * As {@link #fit(ProgressBar, MetricsLog)}, with checkpoints, resuming and stopping as
     * {@code control} says.
     */
    public List<EpochMetrics> fit(ProgressBar progress, MetricsLog metrics, RunControl control) throws IOException {
        Adam adam = new Adam(model.parameters(), config.learningRate());
        Trainer.Builder b = Trainer.builder(model, adam).epochs(config.epochs()).batchSize(config.batchSize())
                .seed(config.seed()).threads(config.threads())
                .keepStateOf("estimator", node != null ? node.estimator() : lossValues).hook(epoch -> {
                    Evaluation e = evaluate(test);
                    Map<String, Double> m = new LinkedHashMap<>();
                    m.put("test_mse", e.mse());
                    m.put("test_precision", e.precision().precision());
                    return m;
                });
        if (progress != null) {
            b.progress(progress);
        }
        if (metrics != null) {
            b.metrics(metrics);
        }
        return control.applyTo(b).build().fit(train, this::loss);
    }

    /** The training loss of one batch at one step (records the graph for backward). */
    Tensor loss(EncodedReviews.Batch batch, long step) {
        Tensor theta = model.scores(batch);
        int b = batch.size();
        if (node != null) {
            Tensor z = node.apply(theta, step);
            return Losses.mse(model.predict(batch, z), repeat(batch.ratings(), z.dim(0) / b));
        }
        if (lossValues != null) {
            return scoreFunctionLoss(batch, theta, step);
        }
        // the experiment's own relaxations
        Tensor z = switch (config.estimator().name()) {
            case "l2x" -> RelaxedTopK.l2x(theta, config.k(), tau, config.seed(), step);
            case "softsub" -> RelaxedTopK.softSub(theta, config.k(), tau, config.seed(), step);
            default -> throw new IllegalStateException("no relaxation named " + config.estimator().name());
        };
        return Losses.mse(model.predict(batch, z), Tensor.of(batch.ratings(), b));
    }

    /**
     * The predictor's mean squared error on S exact samples per review, plus a term whose value is
     * 0 and whose gradient with respect to theta is the REINFORCE estimate of the gradient of that
     * mean, computed from the per-sample squared errors.
     */
    private Tensor scoreFunctionLoss(EncodedReviews.Batch batch, Tensor theta, long step) {
        int b = batch.size();
        int n = batch.width();
        float[] t = theta.data();
        double[] td = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            td[i] = t[i];
        }
        LossValuePass pass = (LossValuePass) lossValues.forward(td, b, step);
        int rows = b * lossValues.samples();
        Tensor z = Tensor.ofDoubles(pass.structures(), rows, n);
        Tensor target = repeat(batch.ratings(), lossValues.samples());
        Tensor pred = model.predict(batch, z);
        double[] losses = new double[rows];
        for (int r = 0; r < rows; r++) {
            double d = pred.data()[r] - target.data()[r];
            losses[r] = d * d;
        }
        double[] grad = new double[b * n];
        pass.backwardFromLosses(losses, grad);
        float[] scaled = new float[grad.length];
        for (int i = 0; i < grad.length; i++) {
            scaled[i] = (float) (grad[i] / b); // the loss is a mean over the B reviews
        }
        Tensor reinforce = Tensor.fromOp(new float[] {0f}, new int[0], g -> {
            float[] tg = theta.gradBuffer();
            for (int i = 0; i < scaled.length; i++) {
                tg[i] += g[0] * scaled[i];
            }
        }, theta);
        return Losses.mse(pred, target).add(reinforce);
    }

    private static Tensor repeat(float[] values, int times) {
        float[] out = new float[values.length * times];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i / times];
        }
        return Tensor.of(out, out.length);
    }

    /** The hard top-k selection of every review of a batch (B rows of L flags). */
    public boolean[] select(EncodedReviews.Batch batch) {
        try (GradMode.Scope s = GradMode.off()) {
            return Selections.topK(model.scores(batch).data(), batch.length(), batch.width(), config.k());
        }
    }

    /** Test MSE and precision with the hard top-k of the scores, in chunks of 256 reviews. */
    public Evaluation evaluate(EncodedReviews data) {
        double sq = 0;
        Selections.Precision p = new Selections.Precision(0, 0);
        Selections.Precision best = new Selections.Precision(0, 0);
        try (GradMode.Scope s = GradMode.off()) {
            for (int from = 0; from < data.size(); from += 256) {
                EncodedReviews.Batch batch = data.range(from, Math.min(data.size(), from + 256));
                boolean[] sel = Selections.topK(model.scores(batch).data(), batch.length(), batch.width(), config.k());
                float[] mask = new float[sel.length];
                for (int i = 0; i < sel.length; i++) {
                    mask[i] = sel[i] ? 1f : 0f;
                }
                float[] pred = model.predict(batch, Tensor.of(mask, batch.size(), batch.width())).data();
                for (int r = 0; r < pred.length; r++) {
                    double d = pred[r] - batch.ratings()[r];
                    sq += d * d;
                }
                p = p.plus(Selections.precision(sel, batch.annotated()));
                best = best.plus(Selections.ceiling(batch.length(), batch.annotated(), batch.width(), config.k()));
            }
        }
        return new Evaluation(sq / data.size(), p, best);
    }
}
