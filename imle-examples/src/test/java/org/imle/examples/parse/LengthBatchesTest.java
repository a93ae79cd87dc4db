package org.imle.examples.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.imle.data.treebank.SyntheticTreebank;
import org.junit.jupiter.api.Test;

class LengthBatchesTest {

    private static List<EncodedSentence> sentences() {
        var bank = SyntheticTreebank.builder().seed(3).lengths(2, 7).build().generate(200);
        return ParseVocabulary.of(bank).encodeAll(bank);
    }

    @Test
    void everySentenceOnceInABatchOfOneLength() {
        List<EncodedSentence> all = sentences();
        List<List<EncodedSentence>> batches = LengthBatches.of(all, 8, new SplittableRandom(1));
        Set<EncodedSentence> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (List<EncodedSentence> b : batches) {
            assertTrue(b.size() >= 1 && b.size() <= 8);
            for (EncodedSentence s : b) {
                assertEquals(b.get(0).nodes(), s.nodes());
                assertTrue(seen.add(s), "a sentence is in two batches");
            }
        }
        assertEquals(all.size(), seen.size());
    }

    @Test
    void sameSeedSameBatchesAndNoSeedKeepsTheOrder() {
        List<EncodedSentence> all = sentences();
        List<List<EncodedSentence>> a = LengthBatches.of(all, 5, new SplittableRandom(9));
        List<List<EncodedSentence>> b = LengthBatches.of(all, 5, new SplittableRandom(9));
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < a.get(i).size(); j++) {
                assertSame(a.get(i).get(j), b.get(i).get(j));
            }
        }
        List<List<EncodedSentence>> ordered = LengthBatches.of(all, 1000, null);
        for (List<EncodedSentence> batch : ordered) {
            int last = -1;
            for (EncodedSentence s : batch) {
                int index = all.indexOf(s);
                assertTrue(index > last);
                last = index;
            }
        }
        assertThrows(IllegalArgumentException.class, () -> LengthBatches.of(all, 0, null));
    }
}
