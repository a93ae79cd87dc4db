package org.imle.data.treebank;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.imle.api.check.Checks;
import org.imle.api.execution.RandomStreams;
import org.imle.data.treebank.DependencyTrees;
import org.imle.data.conllu.ConlluWriter;
import org.imle.data.conllu.Sentence;
import org.imle.data.conllu.Word;

/**
 * A synthetic treebank: sentences with gold dependency trees drawn from a random
 * {@link TreebankGrammar}, the default data of the parsing example when no Universal
 * Dependencies treebank is given.
 *
 * <p><b>Generation.</b> The length {@code m} is uniform in {@code [minLength, maxLength]}. A tree
 * of exactly {@code m} words grows from a tag-0 root: {@code m - 1} times, a word is chosen with
 * weight {@code valency(tag) / (1 + its dependents)} among words whose tag takes dependents, it
 * gets a dependent of one of those tags (uniformly), on the tag's preferred side with probability
 * {@code directionStrength}, placed next to the head or outermost with equal probability. Reading
 * the ordered tree in order gives a projective sentence. Because each tag has one head tag and a
 * preferred side, the gold head of a word on its preferred side is the nearest word of its head
 * tag in that direction: the trees are learnable from word forms and distance.
 *
 * <p><b>Non-projective trees.</b> With probability {@code nonProjectiveRate} a sentence undergoes
 * extraposition: the subtree of one word is moved to the end of the sentence, which makes its arc
 * cross others. Words of the grammar's extraposable tag (the last tag) are tried first, then the
 * others in random order; the first move that makes the tree non-projective is kept, and a
 * sentence where no move does so (e.g. very short) stays projective.
 *
 * <p><b>Determinism.</b> Sentence {@code i} depends only on (seed, options, i): the grammar comes
 * from the stream (seed, 0, 0, 0) and sentence {@code i} from the stream (seed, 1, i, 0) of
 * {@link RandomStreams}, so any subset of sentences can be generated independently, in any order
 * or thread. Cost O(m^2) per projective sentence of m words; extraposition checks candidate
 * moves at O(m^2) each, O(m^3) in the worst case.
 */
public final class SyntheticTreebank {

    private final long seed;
    private final int minLength;
    private final int maxLength;
    private final double nonProjectiveRate;
    private final TreebankGrammar grammar;

    private SyntheticTreebank(Builder b) {
        this.seed = b.seed;
        this.minLength = b.minLength;
        this.maxLength = b.maxLength;
        this.nonProjectiveRate = b.nonProjectiveRate;
        this.grammar = new TreebankGrammar(b.tags, b.formsPerTag, b.directionStrength,
                RandomStreams.open(seed, 0, 0, 0));
    }

    /** A builder with the defaults: 8 tags, 12 forms per tag, lengths 5..20, projective, direction strength 0.95. */
    public static Builder builder() {
        return new Builder();
    }

    /** The grammar the sentences come from. */
    public TreebankGrammar grammar() {
        return grammar;
    }

    /** Sentence {@code index} (0-based); the same for the same seed and options. */
    public Sentence sentence(long index) {
        if (index < 0) {
            throw new IllegalArgumentException("index must be >= 0, got " + index);
        }
        UniformRandomProvider rng = RandomStreams.open(seed, 1, index, 0);
        int m = minLength + rng.nextInt(maxLength - minLength + 1);
        OrderedTree tree = grow(m, rng);
        int[] order = tree.linearise();
        if (nonProjectiveRate > 0 && rng.nextDouble() < nonProjectiveRate) {
            order = extrapose(tree, order, rng);
        }
        return toSentence(index, tree, order, rng);
    }

    /** Sentences {@code 0..count-1}. */
    public List<Sentence> generate(int count) {
        return sentences(0, count);
    }

    /** Sentences {@code from..from+count-1}, e.g. a test split that does not overlap the training one. */
    public List<Sentence> sentences(long from, int count) {
        if (count < 0 || from < 0) {
            throw new IllegalArgumentException("from and count must be >= 0, got " + from + ", " + count);
        }
        List<Sentence> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(sentence(from + i));
        }
        return out;
    }

    /** Writes sentences {@code 0..count-1} to {@code file} in CoNLL-U, atomically. */
    public void write(Path file, int count) throws IOException {
        ConlluWriter.write(file, generate(count));
    }

    /** Words as nodes of an ordered tree: tag, parent, and dependents on each side, inner first. */
    private static final class OrderedTree {
        final int[] tag;
        final int[] parent;
        final int[][] left;
        final int[] leftCount;
        final int[][] right;
        final int[] rightCount;
        int size;

        OrderedTree(int m) {
            tag = new int[m];
            parent = new int[m];
            left = new int[m][];
            leftCount = new int[m];
            right = new int[m][];
            rightCount = new int[m];
        }

        int add(int t, int head) {
            tag[size] = t;
            parent[size] = head;
            left[size] = new int[2];
            right[size] = new int[2];
            return size++;
        }

        /** Node ids in surface order: outermost left dependents first, then inward, head, right. */
        int[] linearise() {
            int[] order = new int[size];
            int[] pos = {0};
            visit(0, order, pos);
            return order;
        }

        private void visit(int v, int[] order, int[] pos) {
            for (int i = leftCount[v] - 1; i >= 0; i--) {
                visit(left[v][i], order, pos);
            }
            order[pos[0]++] = v;
            for (int i = 0; i < rightCount[v]; i++) {
                visit(right[v][i], order, pos);
            }
        }
    }

    private OrderedTree grow(int m, UniformRandomProvider rng) {
        OrderedTree tree = new OrderedTree(m);
        tree.add(0, -1);
        double[] weight = new double[m];
        for (int k = 1; k < m; k++) {
            double total = 0;
            for (int v = 0; v < tree.size; v++) {
                int children = tree.leftCount[v] + tree.rightCount[v];
                weight[v] = grammar.dependentTagsView(tree.tag[v]).length == 0 ? 0
                        : grammar.valency(tree.tag[v]) / (1 + children);
                total += weight[v];
            }
            double u = rng.nextDouble() * total;
            int head = 0;
            for (int v = 0; v < tree.size; v++) {
                if (weight[v] > 0) {
                    head = v;
                    u -= weight[v];
                    if (u < 0) {
                        break;
                    }
                }
            }
            int[] deps = grammar.dependentTagsView(tree.tag[head]);
            int t = deps[rng.nextInt(deps.length)];
            boolean leftSide = grammar.prefersLeft(t) == (rng.nextDouble() < grammar.directionStrength());
            boolean inner = rng.nextBoolean();
            int node = tree.add(t, head);
            int count = leftSide ? tree.leftCount[head]++ : tree.rightCount[head]++;
            int[] side = leftSide ? tree.left[head] : tree.right[head];
            if (count == side.length) {
                side = java.util.Arrays.copyOf(side, 2 * count);
                if (leftSide) {
                    tree.left[head] = side;
                } else {
                    tree.right[head] = side;
                }
            }
            if (inner) {
                System.arraycopy(side, 0, side, 1, count);
                side[0] = node;
            } else {
                side[count] = node;
            }
        }
        return tree;
    }

    /** Moves one subtree to the sentence end so that its arc crosses another; see the class comment. */
    private int[] extrapose(OrderedTree tree, int[] order, UniformRandomProvider rng) {
        int m = order.length;
        int extraposable = grammar.tags() - 1;
        int[] candidates = new int[m - 1];
        int c = 0;
        for (int v = 1; v < m; v++) {
            if (tree.tag[v] == extraposable) {
                candidates[c++] = v;
            }
        }
        int preferred = c;
        for (int v = 1; v < m; v++) {
            if (tree.tag[v] != extraposable) {
                candidates[c++] = v;
            }
        }
        shuffle(candidates, 0, preferred, rng);
        shuffle(candidates, preferred, c, rng);
        int[] position = new int[m];
        for (int p = 0; p < m; p++) {
            position[order[p]] = p;
        }
        for (int i = 0; i < c; i++) {
            int v = candidates[i];
            int[] span = subtreeSpan(tree, v, position);
            if (span[1] == m - 1) {
                continue;
            }
            int[] moved = new int[m];
            int k = 0;
            for (int p = 0; p < m; p++) {
                if (p < span[0] || p > span[1]) {
                    moved[k++] = order[p];
                }
            }
            for (int p = span[0]; p <= span[1]; p++) {
                moved[k++] = order[p];
            }
            if (!DependencyTrees.isProjective(heads(tree, moved))) {
                return moved;
            }
        }
        return order;
    }

    private static int[] subtreeSpan(OrderedTree tree, int v, int[] position) {
        int lo = position[v];
        int hi = position[v];
        for (int u = 0; u < tree.size; u++) {
            int w = u;
            while (w >= 0 && w != v) {
                w = tree.parent[w];
            }
            if (w == v) {
                lo = Math.min(lo, position[u]);
                hi = Math.max(hi, position[u]);
            }
        }
        return new int[] {lo, hi};
    }

    private static void shuffle(int[] a, int from, int to, UniformRandomProvider rng) {
        for (int i = to - 1; i > from; i--) {
            int j = from + rng.nextInt(i - from + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }

    /** Node-indexed heads (1-based word positions) of the tree read in {@code order}. */
    private static int[] heads(OrderedTree tree, int[] order) {
        int m = order.length;
        int[] position = new int[m];
        for (int p = 0; p < m; p++) {
            position[order[p]] = p + 1;
        }
        int[] heads = new int[m + 1];
        heads[0] = -1;
        for (int p = 0; p < m; p++) {
            int parent = tree.parent[order[p]];
            heads[p + 1] = parent < 0 ? 0 : position[parent];
        }
        return heads;
    }

    private Sentence toSentence(long index, OrderedTree tree, int[] order, UniformRandomProvider rng) {
        int[] heads = heads(tree, order);
        List<Word> words = new ArrayList<>(order.length);
        StringBuilder text = new StringBuilder();
        for (int p = 0; p < order.length; p++) {
            int t = tree.tag[order[p]];
            List<String> forms = grammar.forms(t);
            String form = forms.get(rng.nextInt(forms.size()));
            String label = heads[p + 1] == 0 ? "root"
                    : (p + 1 < heads[p + 1] ? "pre" : "post") + grammar.tagName(t).toLowerCase(java.util.Locale.ROOT);
            words.add(Word.of(p + 1, form, grammar.tagName(t), heads[p + 1], label));
            text.append(p == 0 ? "" : " ").append(form);
        }
        return Sentence.of(List.of("# sent_id = synthetic-" + index, "# text = " + text), words);
    }

    /** Options of a {@link SyntheticTreebank}; every setter validates its argument. */
    public static final class Builder {
        private long seed;
        private int tags = 8;
        private int formsPerTag = 12;
        private int minLength = 5;
        private int maxLength = 20;
        private double nonProjectiveRate;
        private double directionStrength = 0.95;

        private Builder() {
        }

        /** The seed of the grammar and of every sentence. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Number of parts of speech, at least 2. */
        public Builder tags(int tags) {
            this.tags = Checks.between("tags", tags, 2, 1000);
            return this;
        }

        /** Word forms per part of speech, at least 1. */
        public Builder formsPerTag(int formsPerTag) {
            this.formsPerTag = Checks.between("formsPerTag", formsPerTag, 1, 10_000);
            return this;
        }

        /** Sentence lengths, uniform in {@code [min, max]}, {@code 1 <= min <= max <= 1000}. */
        public Builder lengths(int min, int max) {
            Checks.between("minLength", min, 1, 1000);
            Checks.between("maxLength", max, min, 1000);
            this.minLength = min;
            this.maxLength = max;
            return this;
        }

        /** Fraction of sentences that get a crossing arc by extraposition, in [0, 1]; default 0. */
        public Builder nonProjectiveRate(double rate) {
            if (!(rate >= 0 && rate <= 1)) {
                throw new IllegalArgumentException("nonProjectiveRate must be in [0, 1], got " + rate);
            }
            this.nonProjectiveRate = rate;
            return this;
        }

        /** Probability that a dependent stands on its tag's preferred side, in [0.5, 1]; default 0.95. */
        public Builder directionStrength(double p) {
            if (!(p >= 0.5 && p <= 1)) {
                throw new IllegalArgumentException("directionStrength must be in [0.5, 1], got " + p);
            }
            this.directionStrength = p;
            return this;
        }

        /** Builds the treebank (and its grammar). */
        public SyntheticTreebank build() {
            return new SyntheticTreebank(this);
        }
    }
}
