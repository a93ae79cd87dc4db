package org.imle.examples.parse;

import java.util.List;
import java.util.SplittableRandom;
import org.imle.train.nn.Embedding;
import org.imle.train.nn.Linear;
import org.imle.train.nn.Module;
import org.imle.train.tensor.Tensor;

/**
 * A sentence classifier whose representation is composed along a latent dependency tree.
 *
 * <p>An {@link ArcScorer} gives theta over the arcs; a tree z is sampled from it (by the caller,
 * through an estimator) or decoded (MAP, at test time). Every node then combines its own vector
 * with the sum of its dependents' vectors in z ({@link TreeComposition#childSum}),
 * {@code r_h = relu(W_self x_h + W_child sum_{d: z[h,d]=1} x_d + b)}, the node vectors are
 * max-pooled and a linear layer gives two logits. Only the label is supervised: the arc scorer
 * learns from the gradient that the estimator passes back through z.
 *
 * <p>Cost per tree: O(n^2 D) for the composition, plus the scorer's O(n^2 H).
 */
public final class LatentTreeClassifier extends Module {

    private final ArcScorer scorer;
    private final Embedding words;
    private final Linear self;
    private final Linear children;
    private final Linear classes;

    /**
     * @param vocabulary the ids of forms and tags
     * @param dim the size D of the composed word vectors and of the scorer's embeddings
     * @param hidden the hidden size H of the scorer and the composition
     * @param rng the initialisation's random source
     */
    public LatentTreeClassifier(ParseVocabulary vocabulary, int dim, int hidden, SplittableRandom rng) {
        scorer = child("scorer", new ArcScorer(vocabulary, dim, dim / 2, hidden, rng));
        words = child("words", new Embedding(vocabulary.formCount(), dim, rng));
        self = child("self", new Linear(dim, hidden, rng));
        children = child("children", new Linear(dim, hidden, false, rng));
        classes = child("classes", new Linear(hidden, 2, rng));
    }

    public ArcScorer scorer() {
        return scorer;
    }

    /**
     * Logits [B * S, 2] of B sentences of n nodes under trees z [B * S, n * n] (S trees per
     * sentence, rows ordered {@code b * S + s} as estimators output them).
     */
    public Tensor logits(List<EncodedSentence> batch, Tensor z) {
        int b = batch.size();
        int n = batch.get(0).nodes();
        int rows = z.dim(0);
        if (rows % b != 0 || z.size() != rows * n * n) {
            throw new IllegalArgumentException("trees of " + z.size() + " values do not fit " + b
                    + " sentences of " + n + " nodes");
        }
        int s = rows / b;
        int[] ids = new int[rows * n];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(batch.get(r / s).forms(), 0, ids, r * n, n);
        }
        int dim = words.weight().shape()[1];
        Tensor x = words.lookup(ids).reshape(rows, n, dim);
        Tensor c = TreeComposition.childSum(z.reshape(rows, n, n), x);
        Tensor r = self.forward(x).add(children.forward(c)).relu();
        return classes.forward(r.max(1, false));
    }

    /** Module contract: not used, the classifier needs sentences and trees ({@link #logits}). */
    @Override
    public Tensor forward(Tensor x) {
        throw new UnsupportedOperationException("LatentTreeClassifier needs sentences and trees: call logits");
    }
}
