package org.imle.examples.parse;

import org.imle.data.treebank.DependencyTrees;
import java.util.ArrayList;
import java.util.List;
import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;
import org.imle.train.trainer.EpochMetrics;
import org.imle.train.trainer.ProgressBar;
import org.imle.train.trainer.RunControl;
import org.imle.train.loss.Losses;
import org.imle.train.optim.Adam;
import org.imle.train.node.StructuredLossNode;
import org.imle.train.tensor.Tensor;

/**
 * Supervised training of a {@link DependencyParser} through a tree oracle: per batch of equal-length
 * sentences, theta = scorer(sentences); then either trees are sampled through the estimator's
 * {@link org.imle.train.node.DiscreteNode} and the Hamming loss against the gold trees is
 * backpropagated (I-MLE, AIMLE, blackbox), or the Fenchel-Young loss gives dL/dtheta directly.
 * Adam updates the scorer after every batch.
 *
 * <p>The loss of a batch is the sum over its sentences of the mean over samples of the number of
 * arcs that differ from gold (twice the number of wrong heads), so lambda is in units of one
 * sentence's loss whatever the batch size; {@link Epoch#trainLoss()} reports it per sentence.
 *
 * <p>Deterministic: batches come from {@code seed}, the noise from the estimators' seed and the
 * step (the batch counter), so a run is repeatable and does not depend on the thread count.
 */
public final class ParserTraining {

    /**
     * @param epochs passes over the training sentences (>= 0)
     * @param batchSize sentences per step (>= 1)
     * @param learningRate Adam's step size (> 0)
     * @param seed the seed of the batch order
     */
    public record Config(int epochs, int batchSize, double learningRate, long seed) {

        /** The defaults of {@code imle parse}: 5 epochs of batches of 16 sentences, Adam at 0.005, seed 1. */
        public static Config defaults() {
            return new Config(5, 16, 0.005, 1);
        }

        /** Validates every field; messages name it. */
        public Config {
            if (epochs < 0) {
                throw new IllegalArgumentException("epochs must be >= 0, got " + epochs);
            }
            if (batchSize < 1) {
                throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
            }
            if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
                throw new IllegalArgumentException("learning rate must be > 0 and finite, got " + learningRate);
            }
        }
    }

    /**
     * One epoch's result.
     *
     * @param epoch 1-based (0: before training, with no training loss)
     * @param trainLoss mean training loss per sentence (NaN for epoch 0)
     * @param testUas UAS of the MAP trees on the test sentences
     * @param seconds wall-clock time of the epoch's training (0 for epoch 0)
     */
    public record Epoch(int epoch, double trainLoss, double testUas, double seconds) {
    }

    private final DependencyParser parser;
    private final ArcEstimators estimators;
    private final Config config;
    private final Adam adam;
    private long step;

    public ParserTraining(DependencyParser parser, ArcEstimators estimators, Config config) {
        if (parser.decoder() != estimators.decoder()) {
            throw new IllegalArgumentException("parser decodes with " + parser.decoder().label()
                    + " but the estimators use " + estimators.decoder().label());
        }
        this.parser = parser;
        this.estimators = estimators;
        this.config = config;
        this.adam = new Adam(parser.scorer().parameters(), config.learningRate());
    }

    /** Epoch 0 (before training) and then every epoch, each also given to {@code listener}. */
    public List<Epoch> run(List<EncodedSentence> train, List<EncodedSentence> test, Consumer<Epoch> listener) {
        return TreeTrainingRun.history(untrained(test), () -> epochs(fit(train, test, RunControl.NONE, null)),
                listener);
    }

    /** Epoch 0: the scores of the model as it is, before training. */
    public Epoch untrained(List<EncodedSentence> test) {
        return new Epoch(0, Double.NaN, uas(test), 0);
    }

    /**
     * Trains every epoch, with checkpoints, resuming and stopping as {@code control} says (a
     * stopped run throws {@link org.imle.train.trainer.TrainingStoppedException}, whose history
     * {@link #epochs} turns into epochs).
     *
     * @param progress the trainer's progress bar, or null for none
     * @return the trainer's metrics of every epoch, those of a resumed run included
     */
    public List<EpochMetrics> fit(List<EncodedSentence> train, List<EncodedSentence> test, RunControl control,
            ProgressBar progress) throws IOException {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training sentences");
        }
        return TreeTrainingRun.fit(parser.scorer(), adam, config, train, this::loss, epoch -> Map.of("test_uas", uas(test)),
                control, progress, estimators);
    }

    /** The trainer's metrics as epochs. */
    public static List<Epoch> epochs(List<EpochMetrics> metrics) {
        List<Epoch> out = new ArrayList<>();
        for (EpochMetrics m : metrics) {
            out.add(new Epoch(m.epoch(), m.get("train_loss"), m.get("test_uas"), m.get("seconds")));
        }
        return out;
    }

    private double uas(List<EncodedSentence> test) {
        return test.isEmpty() ? Double.NaN : parser.evaluate(test, 64).value();
    }

    /** One update on one batch; returns the batch's summed loss. */
    public double step(List<EncodedSentence> batch) {
        adam.zeroGrad();
        Tensor loss = loss(batch, step);
        step++;
        double value = loss.item();
        loss.backward();
        adam.step();
        return value;
    }

    /** The summed loss of one batch, its noise keyed by {@code step}. */
    private Tensor loss(List<EncodedSentence> batch, long step) {
        int n = batch.get(0).nodes();
        int b = batch.size();
        double[] gold = new double[b * n * n];
        double[] one = new double[n * n];
        for (int i = 0; i < b; i++) {
            DependencyTrees.toArcs(batch.get(i).heads(), one);
            System.arraycopy(one, 0, gold, i * n * n, n * n);
        }
        Tensor theta = parser.scorer().scores(batch);
        Tensor loss;
        if (estimators.isLoss()) {
            // the summed (not mean) loss keeps the learning rate of the reported runs
            loss = new StructuredLossNode(estimators.loss(n)).apply(theta, gold, step)
                    .mul(theta.dim(0));
        } else {
            Tensor z = estimators.node(n).apply(theta, step);
            loss = Losses.hamming(z, Tensor.ofDoubles(gold, b, n * n)).mul(b);
        }
        return loss;
    }
}
