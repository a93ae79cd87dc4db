package org.imle.examples.parse;

import java.util.List;
import java.util.SplittableRandom;
import org.imle.train.nn.Embedding;
import org.imle.train.nn.Linear;
import org.imle.train.nn.Module;
import org.imle.train.ops.Shaping;
import org.imle.train.tensor.Tensor;

/**
 * Scores every head-to-dependent arc of a sentence: the theta a dependency-tree oracle maximises.
 *
 * <p><b>Features.</b> Node i is described by its form embedding, its tag embedding and the tag
 * embeddings of its two neighbours i - 1 and i + 1 (a window instead of a recurrent encoder;
 * {@link ParseVocabulary#BOUNDARY} pads the ends). The arc score is a one-hidden-layer MLP in the
 * style of Kiperwasser and Goldberg (TACL 2016):
 * <pre>
 *   theta[h * n + d] = v . tanh(W_head x_h + W_dep x_d + E[bucket(h, d)] + b)
 * </pre>
 * where {@code E} embeds the signed distance {@code d - h} clipped to +-{@value #MAX_DISTANCE}
 * (one more bucket for arcs from the root), which lets the scorer prefer near heads on the side a
 * tag favours. The diagonal and root column of theta are computed too and ignored by the oracles.
 *
 * <p><b>Shapes and cost.</b> {@link #scores} takes B sentences of the same number of nodes n and
 * returns theta of shape [B, n * n], row-major as {@link org.imle.data.treebank.DependencyTrees}
 * encodes arcs. O(B n (F + T) H) for the projections and O(B n^2 H) for the pair layer, with H the
 * hidden size.
 */
public final class ArcScorer extends Module {

    /** Signed distances beyond this share a bucket. */
    public static final int MAX_DISTANCE = 10;
    private static final int ROOT_BUCKET = 0;
    private static final int BUCKETS = 2 * MAX_DISTANCE + 2;

    private final Embedding forms;
    private final Embedding tags;
    private final Linear head;
    private final Linear dep;
    private final Embedding distance;
    private final Linear out;

    /**
     * @param vocabulary the ids of forms and tags
     * @param formDim form embedding size F
     * @param tagDim tag embedding size T
     * @param hidden hidden size H of the pair layer
     * @param rng the initialisation's random source
     */
    public ArcScorer(ParseVocabulary vocabulary, int formDim, int tagDim, int hidden, SplittableRandom rng) {
        forms = child("forms", new Embedding(vocabulary.formCount(), formDim, rng));
        tags = child("tags", new Embedding(vocabulary.tagCount(), tagDim, rng));
        int in = formDim + 3 * tagDim;
        head = child("head", new Linear(in, hidden, rng));
        dep = child("dep", new Linear(in, hidden, false, rng));
        distance = child("distance", new Embedding(BUCKETS, hidden, rng));
        out = child("out", new Linear(hidden, 1, rng));
    }

    /** The bucket of the arc {@code h -> d}: 0 for the root's arcs, else the clipped signed distance. */
    static int bucket(int h, int d) {
        if (h == 0) {
            return ROOT_BUCKET;
        }
        int delta = Math.max(-MAX_DISTANCE, Math.min(MAX_DISTANCE, d - h));
        return 1 + delta + MAX_DISTANCE;
    }

    /** The node features x of B sentences of n nodes: shape [B, n, F + 3T]. */
    Tensor nodeFeatures(List<EncodedSentence> batch) {
        int b = batch.size();
        int n = batch.get(0).nodes();
        int[] formIds = new int[b * n];
        int[] tagIds = new int[b * n];
        int[] leftIds = new int[b * n];
        int[] rightIds = new int[b * n];
        for (int s = 0; s < b; s++) {
            EncodedSentence e = batch.get(s);
            if (e.nodes() != n) {
                throw new IllegalArgumentException("batch mixes sentences of " + n + " and " + e.nodes() + " nodes");
            }
            for (int i = 0; i < n; i++) {
                formIds[s * n + i] = e.forms()[i];
                tagIds[s * n + i] = e.tags()[i];
                leftIds[s * n + i] = i == 0 ? ParseVocabulary.BOUNDARY : e.tags()[i - 1];
                rightIds[s * n + i] = i == n - 1 ? ParseVocabulary.BOUNDARY : e.tags()[i + 1];
            }
        }
        Tensor x = Shaping.concat(1, forms.lookup(formIds), tags.lookup(tagIds), tags.lookup(leftIds),
                tags.lookup(rightIds));
        return x.reshape(b, n, x.dim(1));
    }

    /** theta of shape [B, n * n] for B sentences of the same number of nodes n. */
    public Tensor scores(List<EncodedSentence> batch) {
        if (batch.isEmpty()) {
            throw new IllegalArgumentException("scores needs at least one sentence");
        }
        return forward(nodeFeatures(batch));
    }

    /**
     * theta of shape [B, n * n] from node features x of shape [B, n, F + 3T] (as
     * {@link #scores} builds them).
     */
    @Override
    public Tensor forward(Tensor x) {
        if (x.rank() != 3) {
            throw new IllegalArgumentException("node features must have shape [B, n, F + 3T], got "
                    + java.util.Arrays.toString(x.shape()));
        }
        int b = x.dim(0);
        int n = x.dim(1);
        int hidden = out.weight().shape()[0];
        Tensor h = head.forward(x).reshape(b, n, 1, hidden);
        Tensor d = dep.forward(x).reshape(b, 1, n, hidden);
        int[] buckets = new int[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                buckets[i * n + j] = bucket(i, j);
            }
        }
        Tensor dist = distance.lookup(buckets).reshape(1, n, n, hidden);
        Tensor pair = h.add(d).add(dist).tanh();
        return out.forward(pair).reshape(b, n * n);
    }
}
