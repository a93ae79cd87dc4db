package org.imle.examples.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Hard top-k selection and precision on hand-made cases and against a direct count. */
class SelectionsTest {

    private static boolean[] flags(String s) {
        boolean[] b = new boolean[s.length()];
        for (int i = 0; i < b.length; i++) {
            b[i] = s.charAt(i) == '1';
        }
        return b;
    }

    @Test
    void precisionIsTheShareOfSelectedWordsThatAreAnnotated() {
        Selections.Precision p = Selections.precision(flags("1100100"), flags("1000110"));
        assertEquals(3, p.selected());
        assertEquals(2, p.hits());
        assertEquals(2.0 / 3, p.precision(), 1e-12);
        assertEquals(1.0, Selections.precision(flags("0110"), flags("1111")).precision());
        assertEquals(0.0, Selections.precision(flags("0110"), flags("1001")).precision());
        assertTrue(Double.isNaN(Selections.precision(flags("0000"), flags("1111")).precision()));
    }

    @Test
    void precisionPoolsWordsOverReviewsRatherThanAveragingReviews() {
        // review 1: 1 of 1 selected annotated; review 2: 0 of 3. Pooled 1/4, not (1 + 0) / 2.
        Selections.Precision a = Selections.precision(flags("100"), flags("100"));
        Selections.Precision b = Selections.precision(flags("111"), flags("000"));
        assertEquals(0.25, a.plus(b).precision(), 1e-12);
        assertEquals(Selections.precision(flags("100111"), flags("100000")), a.plus(b));
    }

    @Test
    void precisionRejectsMismatchedLengths() {
        assertThrows(IllegalArgumentException.class, () -> Selections.precision(flags("10"), flags("100")));
    }

    @Test
    void topKPicksTheLargestScoresWithinEachReviewAndLowerPositionsWinTies() {
        float[] scores = {
            0.5f, 3f, 1f, 3f, -2f, // row 0: top-2 = positions 1 and 3
            2f, 2f, 2f, 9f, 9f,    // row 1, length 3: positions 3, 4 are padding and never count
        };
        boolean[] sel = Selections.topK(scores, new int[] {5, 3}, 5, 2);
        assertArrayEquals(flags("01010" + "00000"), sel);
    }

    @Test
    void topKOfPaddedScoresSelectsExactlyMinKLengthRealWords() {
        SplittableRandom rnd = new SplittableRandom(4);
        for (int trial = 0; trial < 1000; trial++) {
            int width = 1 + rnd.nextInt(12);
            int k = 1 + rnd.nextInt(width);
            int len = 1 + rnd.nextInt(width);
            float[] s = new float[width];
            for (int i = 0; i < width; i++) {
                s[i] = i < len ? (float) rnd.nextGaussian() : ExplainModel.PADDING_SCORE;
            }
            boolean[] sel = Selections.topK(s, new int[] {len}, width, k);
            int count = 0;
            float minSelected = Float.POSITIVE_INFINITY;
            float maxOther = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < width; i++) {
                if (sel[i]) {
                    assertTrue(i < len, "padding selected");
                    count++;
                    minSelected = Math.min(minSelected, s[i]);
                } else if (i < len) {
                    maxOther = Math.max(maxOther, s[i]);
                }
            }
            assertEquals(Math.min(k, len), count);
            assertTrue(minSelected >= maxOther, "trial " + trial);
        }
    }

    @Test
    void ceilingIsMinKAnnotatedOverMinKLengthPooled() {
        // row 0: length 4, 1 annotated; row 1: length 2 (padding after), 2 annotated
        boolean[] ann = flags("0100" + "1100");
        Selections.Precision c = Selections.ceiling(new int[] {4, 2}, ann, 4, 3);
        assertEquals(3 + 2, c.selected());
        assertEquals(1 + 2, c.hits());
        assertEquals(0.6, c.precision(), 1e-12);
    }
}
