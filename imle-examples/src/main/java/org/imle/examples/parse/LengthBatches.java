package org.imle.examples.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Splits sentences into batches of equal length, so that a batch's theta is one [B, n * n] matrix
 * for one oracle dimension. Sentences are shuffled within each length, cut into batches of at most
 * {@code batchSize}, and the batches shuffled, all from the given random source: the same source
 * state gives the same batches. O(N log N) for N sentences.
 */
public final class LengthBatches {

    private LengthBatches() {
    }

    /** Batches of equal node count in random order; {@code rng == null} keeps the input order. */
    public static List<List<EncodedSentence>> of(List<EncodedSentence> sentences, int batchSize, SplittableRandom rng) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        Map<Integer, List<EncodedSentence>> byLength = new TreeMap<>();
        for (EncodedSentence s : sentences) {
            byLength.computeIfAbsent(s.nodes(), k -> new ArrayList<>()).add(s);
        }
        List<List<EncodedSentence>> batches = new ArrayList<>();
        for (List<EncodedSentence> group : byLength.values()) {
            if (rng != null) {
                Collections.shuffle(group, new Random(rng.nextLong()));
            }
            for (int i = 0; i < group.size(); i += batchSize) {
                batches.add(List.copyOf(group.subList(i, Math.min(group.size(), i + batchSize))));
            }
        }
        if (rng != null) {
            Collections.shuffle(batches, new Random(rng.nextLong()));
        }
        return batches;
    }
}
