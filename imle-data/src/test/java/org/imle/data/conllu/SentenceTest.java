package org.imle.data.conllu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SentenceTest {

    private static List<Word> words(int... heads) {
        Word[] w = new Word[heads.length];
        for (int i = 0; i < heads.length; i++) {
            w[i] = Word.of(i + 1, "w" + (i + 1), "X", heads[i], heads[i] == 0 ? "root" : "dep");
        }
        return List.of(w);
    }

    @Test
    void constructorRequiresATreeAndWellPlacedTokens() {
        Sentence ok = Sentence.of(words(0, 1, 1));
        assertArrayEquals(new int[] {-1, 0, 1, 1}, ok.heads());
        var e = assertThrows(IllegalArgumentException.class, () -> Sentence.of(words(0, 3, 2)));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sentence.of(words(0, 0)));
        assertThrows(IllegalArgumentException.class, () -> Sentence.of(words()));
        assertThrows(IllegalArgumentException.class, () -> Sentence.of(List.of(Word.of(2, "a", "X", 0, "root"))));
        assertThrows(IllegalArgumentException.class, () -> Sentence.of(List.of("no hash"), words(0)));
        assertThrows(IllegalArgumentException.class, () -> new Sentence(List.of(), words(0, 1),
                List.of(new MultiwordToken(2, 3, "ab", "_")), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Sentence(List.of(), words(0, 1, 1),
                List.of(new MultiwordToken(1, 2, "ab", "_"), new MultiwordToken(2, 3, "bc", "_")), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new Sentence(List.of(), words(0, 1),
                List.of(), List.of(new EmptyNode(1, 2, "e", "e", "X", "_", "_", "_", "_"))));
        assertThrows(IllegalArgumentException.class, () -> new Sentence(List.of(), words(0, 1),
                List.of(), List.of(new EmptyNode(3, 1, "e", "e", "X", "_", "_", "_", "_"))));
        assertThrows(IllegalArgumentException.class, () -> Word.of(1, "a\tb", "X", 0, "root"));
        assertThrows(IllegalArgumentException.class, () -> Word.of(1, "a", "X Y", 0, "root"));
        assertThrows(IllegalArgumentException.class, () -> Word.of(1, "", "X", 0, "root"));
    }

    @Test
    void withHeadsReplacesTheTreeOnly() {
        Sentence s = Sentence.of(List.of("# sent_id = 1"), words(0, 1, 1));
        Sentence t = s.withHeads(new int[] {-1, 3, 3, 0});
        assertArrayEquals(new int[] {-1, 3, 3, 0}, t.heads());
        assertEquals(s.forms(), t.forms());
        assertEquals(s.labels(), t.labels());
        assertEquals(s.comments(), t.comments());
        assertThrows(IllegalArgumentException.class, () -> s.withHeads(new int[] {-1, 0, 1}));
        assertThrows(IllegalArgumentException.class, () -> s.withHeads(new int[] {-1, 2, 1, 0}));
        assertEquals(s, Sentence.of(List.of("# sent_id = 1"), words(0, 1, 1)));
        assertTrue(s.toString().startsWith("# sent_id = 1\n1\tw1\tw1\tX\t_\t_\t0\troot\t_\t_\n"));
    }
}
