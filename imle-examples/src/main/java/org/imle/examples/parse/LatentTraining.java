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
import org.imle.train.tensor.GradMode;
import org.imle.train.tensor.Tensor;

/**
 * Training of a {@link LatentTreeClassifier} from sentence labels alone ({@link StructureLabel}):
 * per batch of equal-length sentences, S trees are sampled from the scorer's theta through the
 * estimator's {@link org.imle.train.node.DiscreteNode}, the label's cross-entropy is computed on
 * each, and its gradient flows back through the composition into dL/dz and, by the estimator, into
 * the arc scorer. The gold trees are never used in training; they only measure how close the
 * learnt trees come to them (the UAS of the MAP trees).
 *
 * <p>The batch loss is the sum over sentences of the mean over samples of the cross-entropy, so
 * lambda is in units of one sentence's loss. Deterministic for a seed, whatever the thread count.
 */
public final class LatentTraining {

    /**
     * One epoch's result.
     *
     * @param epoch 1-based (0: before training)
     * @param trainLoss mean cross-entropy per training sentence (NaN for epoch 0)
     * @param testAccuracy label accuracy on the test sentences with MAP trees
     * @param treeUas UAS of the test sentences' MAP trees against their gold trees
     * @param seconds wall-clock time of the epoch's training
     */
    public record Epoch(int epoch, double trainLoss, double testAccuracy, double treeUas, double seconds) {
    }

    private final LatentTreeClassifier model;
    private final ArcEstimators estimators;
    private final DependencyParser decoder;
    private final ParserTraining.Config config;
    private final Adam adam;
    private long step;

    public LatentTraining(LatentTreeClassifier model, ParseVocabulary vocabulary, ArcEstimators estimators,
            ParserTraining.Config config) {
        if (estimators.isLoss()) {
            throw new IllegalArgumentException("estimator '" + estimators.name()
                    + "' needs gold trees; latent trees need a sampling estimator ("
                    + String.join(", ", ArcEstimators.samplingNames()) + ")");
        }
        this.model = model;
        this.estimators = estimators;
        this.decoder = new DependencyParser(vocabulary, model.scorer(), estimators.decoder());
        this.config = config;
        this.adam = new Adam(model.parameters(), config.learningRate());
    }

    /** The parser made of the classifier's arc scorer and the decoder: its MAP trees are the learnt trees. */
    public DependencyParser parser() {
        return decoder;
    }

    /** Epoch 0 (before training) and then every epoch, each also given to {@code listener}. */
    public List<Epoch> run(List<EncodedSentence> train, List<EncodedSentence> test, Consumer<Epoch> listener) {
        return TreeTrainingRun.history(untrained(test), () -> epochs(fit(train, test, RunControl.NONE, null)),
                listener);
    }

    /** Epoch 0: the scores of the model as it is, before training. */
    public Epoch untrained(List<EncodedSentence> test) {
        return evaluate(0, Double.NaN, test, 0);
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
        return TreeTrainingRun.fit(model, adam, config, train, this::loss, epoch -> {
            Epoch e = evaluate(epoch, Double.NaN, test, 0);
            return Map.of("test_accuracy", e.testAccuracy(), "tree_uas", e.treeUas());
        }, control, progress, estimators);
    }

    /** The trainer's metrics as epochs. */
    public static List<Epoch> epochs(List<EpochMetrics> metrics) {
        List<Epoch> out = new ArrayList<>();
        for (EpochMetrics m : metrics) {
            out.add(new Epoch(m.epoch(), m.get("train_loss"), m.get("test_accuracy"), m.get("tree_uas"),
                    m.get("seconds")));
        }
        return out;
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
        Tensor theta = model.scorer().scores(batch);
        Tensor z = estimators.node(n).apply(theta, step);
        int s = z.dim(0) / b;
        return Losses.crossEntropy(model.logits(batch, z), labels(batch, s)).mul(b);
    }

    /** The predicted labels of {@code sentences} under their MAP trees, in order. */
    public int[] predict(List<EncodedSentence> sentences, List<int[]> trees) {
        int[] out = new int[sentences.size()];
        try (GradMode.Scope off = GradMode.off()) {
            for (int i = 0; i < sentences.size(); i++) {
                EncodedSentence e = sentences.get(i);
                Tensor z = Tensor.ofDoubles(DependencyTrees.toArcs(trees.get(i)), 1, e.nodes() * e.nodes());
                float[] logits = model.logits(List.of(e), z).data();
                out[i] = logits[1] > logits[0] ? 1 : 0;
            }
        }
        return out;
    }

    private Epoch evaluate(int epoch, double trainLoss, List<EncodedSentence> test, double seconds) {
        if (test.isEmpty()) {
            return new Epoch(epoch, trainLoss, Double.NaN, Double.NaN, seconds);
        }
        List<int[]> trees = decoder.parse(test, 64);
        int[] predicted = predict(test, trees);
        int right = 0;
        AttachmentScore uas = AttachmentScore.EMPTY;
        for (int i = 0; i < test.size(); i++) {
            if (predicted[i] == StructureLabel.label(test.get(i))) {
                right++;
            }
            uas = uas.plus(AttachmentScore.of(test.get(i).heads(), trees.get(i)));
        }
        return new Epoch(epoch, trainLoss, (double) right / test.size(), uas.value(), seconds);
    }

    private static int[] labels(List<EncodedSentence> batch, int samples) {
        int[] out = new int[batch.size() * samples];
        for (int r = 0; r < out.length; r++) {
            out[r] = StructureLabel.label(batch.get(r / samples));
        }
        return out;
    }
}
