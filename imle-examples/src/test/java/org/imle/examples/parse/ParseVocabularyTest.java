package org.imle.examples.parse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.imle.data.conllu.Sentence;
import org.imle.data.conllu.Word;
import org.junit.jupiter.api.Test;

class ParseVocabularyTest {

    @Test
    void encodesRootSeenAndUnseenTokens() {
        Sentence train = Sentence.of(List.of(Word.of(1, "dog", "NOUN", 2, "nsubj"), Word.of(2, "runs", "VERB", 0, "root")));
        Sentence other = Sentence.of(List.of(Word.of(1, "cat", "NOUN", 2, "nsubj"), Word.of(2, "runs", "AUX", 0, "root")));
        ParseVocabulary v = ParseVocabulary.of(List.of(train));
        assertEquals(5, v.formCount());
        assertEquals(5, v.tagCount());
        EncodedSentence e = v.encode(other);
        assertArrayEquals(new int[] {ParseVocabulary.ROOT, ParseVocabulary.UNKNOWN, 4}, e.forms());
        assertArrayEquals(new int[] {ParseVocabulary.ROOT, 3, ParseVocabulary.UNKNOWN}, e.tags());
        assertArrayEquals(new int[] {-1, 2, 0}, e.heads());
        assertEquals(3, e.nodes());
    }
}
