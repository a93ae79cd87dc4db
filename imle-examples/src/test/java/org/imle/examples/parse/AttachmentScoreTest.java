package org.imle.examples.parse;

import org.imle.data.treebank.RandomTrees;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AttachmentScoreTest {

    @Test
    void countsEveryWordButNotTheRoot() {
        // gold: ROOT -> 2, 2 -> 1, 2 -> 3, 3 -> 4
        int[] gold = {-1, 2, 0, 2, 3};
        assertEquals(new AttachmentScore(4, 4), AttachmentScore.of(gold, gold.clone()));
        // 4 attached to 2 instead of 3: one head wrong of four
        int[] oneWrong = {-1, 2, 0, 2, 2};
        assertEquals(new AttachmentScore(3, 4), AttachmentScore.of(gold, oneWrong));
        assertEquals(0.75, AttachmentScore.of(gold, oneWrong).value());
        // a different root word moves two heads: 2 and 3 swap roles
        int[] swapped = {-1, 3, 3, 0, 3};
        assertEquals(new AttachmentScore(1, 4), AttachmentScore.of(gold, swapped));
        // the root entry (-1 vs anything) is never compared
        int[] rootDiffers = {7, 2, 0, 2, 3};
        assertEquals(new AttachmentScore(4, 4), AttachmentScore.of(gold, rootDiffers));
    }

    @Test
    void corpusScoreIsMicroAveragedOverWords() {
        AttachmentScore shortWrong = AttachmentScore.of(new int[] {-1, 0, 1}, new int[] {-1, 2, 0});
        AttachmentScore longRight = AttachmentScore.of(new int[] {-1, 0, 1, 1, 1, 1, 1, 1, 1},
                new int[] {-1, 0, 1, 1, 1, 1, 1, 1, 1});
        assertEquals(0.0, shortWrong.value());
        AttachmentScore both = shortWrong.plus(longRight);
        assertEquals(new AttachmentScore(8, 10), both);
        assertEquals(0.8, both.value(), 1e-12);
        assertTrue(Double.isNaN(AttachmentScore.EMPTY.value()));
    }

    @Test
    void matchesAHeadByHeadCountOnRandomTrees() {
        SplittableRandom rng = new SplittableRandom(8);
        for (int t = 0; t < 1000; t++) {
            int words = 1 + rng.nextInt(12);
            int[] gold = RandomTrees.randomTree(rng, words);
            int[] predicted = RandomTrees.randomTree(rng, words);
            int same = 0;
            for (int d = 1; d <= words; d++) {
                same += gold[d] == predicted[d] ? 1 : 0;
            }
            AttachmentScore score = AttachmentScore.of(gold, predicted);
            assertEquals(same, score.correct());
            assertEquals(words, score.words());
        }
    }

    @Test
    void refusesArraysOfDifferentLengthsAndImpossibleCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AttachmentScore.of(new int[] {-1, 0}, new int[] {-1, 0, 1}));
        assertTrue(e.getMessage().contains("gold has 2 nodes, predicted 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new AttachmentScore(3, 2));
        assertThrows(IllegalArgumentException.class, () -> new AttachmentScore(-1, 2));
    }
}
