package org.imle.data.conllu;

import java.util.ArrayList;
import java.util.List;
import org.imle.data.treebank.DependencyTrees;

/**
 * One sentence of a dependency treebank: its syntactic words with their basic tree, plus what
 * CoNLL-U carries around them (comment lines, multi-word tokens, empty nodes) so that reading and
 * writing a file is a faithful round trip. Immutable.
 *
 * <p>Indexing follows {@link DependencyTrees}: word {@code i} (1-based, its CoNLL-U ID) is node
 * {@code i}, node 0 is the root, and {@link #heads()} is a node-indexed array of length
 * {@code length() + 1} with {@code heads()[0] = -1}. The constructor requires the basic tree to be
 * a tree with exactly one word attached to the root; multi-word tokens must cover existing words
 * without overlapping, and empty nodes must sit after existing words with minors 1, 2, ...
 */
public final class Sentence {

    private final List<String> comments;
    private final List<Word> words;
    private final List<MultiwordToken> multiwordTokens;
    private final List<EmptyNode> emptyNodes;

    /**
     * Creates a sentence.
     *
     * @param comments comment lines, each starting with {@code #} (e.g. {@code # sent_id = 1}), in order
     * @param words the words; word {@code i} has id {@code i + 1}
     * @param multiwordTokens multi-word tokens in order of their first word
     * @param emptyNodes empty nodes in order of (major, minor)
     */
    public Sentence(List<String> comments, List<Word> words, List<MultiwordToken> multiwordTokens,
            List<EmptyNode> emptyNodes) {
        this.comments = List.copyOf(comments);
        this.words = List.copyOf(words);
        this.multiwordTokens = List.copyOf(multiwordTokens);
        this.emptyNodes = List.copyOf(emptyNodes);
        for (String c : this.comments) {
            if (!c.startsWith("#") || c.indexOf('\n') >= 0 || c.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("comment must start with '#' and be one line: " + c);
            }
        }
        int n = this.words.size();
        for (int i = 0; i < n; i++) {
            if (this.words.get(i).id() != i + 1) {
                throw new IllegalArgumentException("word at index " + i + " has id "
                        + this.words.get(i).id() + ", expected " + (i + 1));
            }
        }
        DependencyTrees.checkTree(heads());
        int end = 0;
        for (MultiwordToken t : this.multiwordTokens) {
            if (t.first() <= end || t.last() > n) {
                throw new IllegalArgumentException("multi-word token " + t.first() + "-" + t.last()
                        + " overlaps the previous one or ends after word " + n);
            }
            end = t.last();
        }
        int major = -1;
        int minor = 0;
        for (EmptyNode e : this.emptyNodes) {
            if (e.major() > n) {
                throw new IllegalArgumentException("empty node " + e.major() + "." + e.minor()
                        + " is after the last word " + n);
            }
            if (e.major() < major || (e.major() == major && e.minor() != minor + 1)
                    || (e.major() > major && e.minor() != 1)) {
                throw new IllegalArgumentException("empty node " + e.major() + "." + e.minor()
                        + " is out of order (minors must be 1, 2, ... after each word)");
            }
            major = e.major();
            minor = e.minor();
        }
    }

    /** A sentence with words only, no comments, multi-word tokens or empty nodes. */
    public static Sentence of(List<Word> words) {
        return new Sentence(List.of(), words, List.of(), List.of());
    }

    /** A sentence with comments and words. */
    public static Sentence of(List<String> comments, List<Word> words) {
        return new Sentence(comments, words, List.of(), List.of());
    }

    /** Number of syntactic words (not counting the root, multi-word tokens or empty nodes). */
    public int length() {
        return words.size();
    }

    /** Number of tree nodes, {@code length() + 1}: the side of the arc matrix. */
    public int nodes() {
        return words.size() + 1;
    }

    /** The words, word {@code i} at list index {@code i - 1}. */
    public List<Word> words() {
        return words;
    }

    /** Word {@code id} (1-based). */
    public Word word(int id) {
        if (id < 1 || id > words.size()) {
            throw new IllegalArgumentException("word id " + id + " outside 1.." + words.size());
        }
        return words.get(id - 1);
    }

    /** The comment lines, each with its leading {@code #}. */
    public List<String> comments() {
        return comments;
    }

    /** The multi-word tokens in order. */
    public List<MultiwordToken> multiwordTokens() {
        return multiwordTokens;
    }

    /** The empty nodes in order. */
    public List<EmptyNode> emptyNodes() {
        return emptyNodes;
    }

    /** The value of a {@code # key = value} comment, or null if there is none. */
    public String comment(String key) {
        for (String c : comments) {
            String body = c.substring(1).strip();
            int eq = body.indexOf('=');
            if (eq > 0 && body.substring(0, eq).strip().equals(key)) {
                return body.substring(eq + 1).strip();
            }
        }
        return null;
    }

    /** A new node-indexed head array: {@code heads[d]} is the head of word {@code d}, {@code heads[0] = -1}. */
    public int[] heads() {
        int[] heads = new int[words.size() + 1];
        heads[0] = -1;
        for (int i = 0; i < words.size(); i++) {
            heads[i + 1] = words.get(i).head();
        }
        return heads;
    }

    /** The dependency labels (DEPREL), word {@code i} at list index {@code i - 1}. */
    public List<String> labels() {
        List<String> labels = new ArrayList<>(words.size());
        for (Word w : words) {
            labels.add(w.deprel());
        }
        return labels;
    }

    /** The word forms, word {@code i} at list index {@code i - 1}. */
    public List<String> forms() {
        List<String> forms = new ArrayList<>(words.size());
        for (Word w : words) {
            forms.add(w.form());
        }
        return forms;
    }

    /** The universal POS tags, word {@code i} at list index {@code i - 1}. */
    public List<String> tags() {
        List<String> tags = new ArrayList<>(words.size());
        for (Word w : words) {
            tags.add(w.upos());
        }
        return tags;
    }

    /** The gold 0/1 arc vector of length {@code nodes()^2}; see {@link DependencyTrees#toArcs(int[])}. */
    public double[] arcs() {
        return DependencyTrees.toArcs(heads());
    }

    /** True if the basic tree is projective. */
    public boolean isProjective() {
        return DependencyTrees.isProjective(heads());
    }

    /** The same sentence with other heads (and labels kept), e.g. to write a parser's prediction. */
    public Sentence withHeads(int[] heads) {
        if (heads == null || heads.length != words.size() + 1) {
            throw new IllegalArgumentException("heads has length "
                    + (heads == null ? "null" : heads.length) + ", expected " + (words.size() + 1));
        }
        DependencyTrees.checkTree(heads);
        List<Word> updated = new ArrayList<>(words.size());
        for (Word w : words) {
            updated.add(new Word(w.id(), w.form(), w.lemma(), w.upos(), w.xpos(), w.feats(),
                    heads[w.id()], w.deprel(), w.deps(), w.misc()));
        }
        return new Sentence(comments, updated, multiwordTokens, emptyNodes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sentence s && comments.equals(s.comments) && words.equals(s.words)
                && multiwordTokens.equals(s.multiwordTokens) && emptyNodes.equals(s.emptyNodes);
    }

    @Override
    public int hashCode() {
        return ((comments.hashCode() * 31 + words.hashCode()) * 31 + multiwordTokens.hashCode()) * 31
                + emptyNodes.hashCode();
    }

    @Override
    public String toString() {
        return ConlluWriter.toString(this);
    }
}
