package org.imle.data.treebank;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A small random dependency grammar: parts of speech arranged in a tag hierarchy, each tag with a
 * preferred side of its head, a valency (how readily it takes dependents) and its own word forms.
 *
 * <p>Tag 0 heads every sentence. Every other tag {@code t} has exactly one head tag, chosen among
 * the tags before it, so the tags form a random tree (like "determiners attach to nouns, nouns to
 * verbs"). A dependent of tag {@code t} goes to the {@link #prefersLeft preferred side} of its
 * head with probability {@link #directionStrength()}. Word forms are made-up syllable strings,
 * distinct across tags, so a form determines its tag. Immutable; built from a random stream by
 * {@link SyntheticTreebank}.
 */
public final class TreebankGrammar {

    private static final String[] ONSETS = {"b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s",
        "t", "v", "z", "br", "tr", "sk", "pl"};
    private static final String[] VOWELS = {"a", "e", "i", "o", "u", "ai", "ou"};

    private final int[] headTag;
    private final boolean[] prefersLeft;
    private final double[] valency;
    private final double directionStrength;
    private final List<List<String>> forms;
    private final int[][] dependentTags;

    TreebankGrammar(int tags, int formsPerTag, double directionStrength, UniformRandomProvider rng) {
        this.directionStrength = directionStrength;
        headTag = new int[tags];
        prefersLeft = new boolean[tags];
        valency = new double[tags];
        headTag[0] = -1;
        for (int t = 1; t < tags; t++) {
            headTag[t] = rng.nextInt(t);
            prefersLeft[t] = rng.nextBoolean();
        }
        for (int t = 0; t < tags; t++) {
            valency[t] = 0.5 + rng.nextDouble();
        }
        dependentTags = new int[tags][];
        for (int h = 0; h < tags; h++) {
            List<Integer> deps = new ArrayList<>();
            for (int t = 1; t < tags; t++) {
                if (headTag[t] == h) {
                    deps.add(t);
                }
            }
            dependentTags[h] = deps.stream().mapToInt(Integer::intValue).toArray();
        }
        Set<String> used = new HashSet<>();
        forms = new ArrayList<>(tags);
        for (int t = 0; t < tags; t++) {
            List<String> list = new ArrayList<>(formsPerTag);
            while (list.size() < formsPerTag) {
                int syllables = 1 + rng.nextInt(3);
                StringBuilder sb = new StringBuilder();
                for (int s = 0; s < syllables; s++) {
                    sb.append(ONSETS[rng.nextInt(ONSETS.length)]).append(VOWELS[rng.nextInt(VOWELS.length)]);
                }
                // a suffix per tag keeps forms of different tags apart even when syllables repeat
                String form = sb.append(t).toString();
                if (used.add(form)) {
                    list.add(form);
                }
            }
            forms.add(List.copyOf(list));
        }
    }

    /** Number of parts of speech. */
    public int tags() {
        return headTag.length;
    }

    /** Name of tag {@code t}, as written to the UPOS column: {@code T0}, {@code T1}, ... */
    public String tagName(int t) {
        return "T" + t;
    }

    /** The one tag that words of tag {@code t} attach to; -1 for tag 0, which heads sentences. */
    public int headTag(int t) {
        return headTag[t];
    }

    /** The tags whose words can depend on a word of tag {@code h}. */
    public int[] dependentTags(int h) {
        return dependentTags[h].clone();
    }

    /** True if dependents of tag {@code t} usually stand left of their head. */
    public boolean prefersLeft(int t) {
        return prefersLeft[t];
    }

    /** Probability that a dependent stands on its preferred side. */
    public double directionStrength() {
        return directionStrength;
    }

    /** Relative readiness of words of tag {@code t} to take dependents. */
    public double valency(int t) {
        return valency[t];
    }

    /** The word forms of tag {@code t}. */
    public List<String> forms(int t) {
        return forms.get(t);
    }

    int[] dependentTagsView(int h) {
        return dependentTags[h];
    }
}
