package org.imle.examples.parse;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.imle.train.trainer.EpochBatches;

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
        List<List<EncodedSentence>> batches = new ArrayList<>();
        for (int[] batch : indices(sentences, batchSize, rng)) {
            List<EncodedSentence> b = new ArrayList<>(batch.length);
            for (int i : batch) {
                b.add(sentences.get(i));
            }
            batches.add(List.copyOf(b));
        }
        return batches;
    }

    /**
     * As {@link #of}, as indices into {@code sentences}: the same batches for the same source
     * state, drawing the same numbers from it.
     */
    public static List<int[]> indices(List<EncodedSentence> sentences, int batchSize, SplittableRandom rng) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        Map<Integer, List<Integer>> byLength = new TreeMap<>();
        for (int i = 0; i < sentences.size(); i++) {
            byLength.computeIfAbsent(sentences.get(i).nodes(), k -> new ArrayList<>()).add(i);
        }
        List<int[]> batches = new ArrayList<>();
        for (List<Integer> group : byLength.values()) {
            if (rng != null) {
                Collections.shuffle(group, new Random(rng.nextLong()));
            }
            for (int i = 0; i < group.size(); i += batchSize) {
                batches.add(group.subList(i, Math.min(group.size(), i + batchSize)).stream().mapToInt(Integer::intValue)
                        .toArray());
            }
        }
        if (rng != null) {
            Collections.shuffle(batches, new Random(rng.nextLong()));
        }
        return batches;
    }

    /**
     * The trainer's plan of these batches: epoch e gets the batches of the (e + 1)-th draw from
     * {@code SplittableRandom(seed)}, as a loop calling {@link #of} once an epoch with one source
     * does; asking for an earlier epoch (a resumed run) replays the draws from the seed.
     */
    public static EpochBatches plan(List<EncodedSentence> sentences, int batchSize, long seed) {
        return new EpochBatches() {
            private SplittableRandom rng;
            private int next;
            private int[][] last;

            @Override
            public int[][] of(int epoch) {
                if (rng == null || epoch < next - 1) {
                    rng = new SplittableRandom(seed);
                    next = 0;
                }
                while (next <= epoch) {
                    last = indices(sentences, batchSize, rng).toArray(new int[0][]);
                    next++;
                }
                return last;
            }
        };
    }
}
