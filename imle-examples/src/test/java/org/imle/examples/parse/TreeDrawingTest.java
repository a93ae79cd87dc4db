package org.imle.examples.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TreeDrawingTest {

    @Test
    void drawsDependentsInSentenceOrderWithBoxCharacters() {
        List<String> forms = List.of("dog", "sees", "the", "cat");
        int[] heads = {-1, 2, 0, 4, 2};
        assertEquals(List.of(
                "ROOT",
                "└── sees (2)",
                "    ├── dog (1)",
                "    └── cat (4)",
                "        └── the (3)"), TreeDrawing.render(forms, heads, null));
    }

    @Test
    void marksWordsAttachedElsewhereThanInGold() {
        List<String> forms = List.of("dog", "sees", "the", "cat");
        int[] predicted = {-1, 4, 0, 4, 2};
        int[] gold = {-1, 2, 0, 4, 2};
        assertEquals(List.of(
                "ROOT",
                "└── sees (2)",
                "    └── cat (4)",
                "        ├── dog (1)  [gold head: 2]",
                "        └── the (3)"), TreeDrawing.render(forms, predicted, gold));
        int[] goldRoot = {-1, 0, 1, 4, 2};
        assertEquals("└── sees (2)  [gold head: 1]", TreeDrawing.render(forms, gold, goldRoot).get(1));
        assertEquals("    ├── dog (1)  [gold head: ROOT]", TreeDrawing.render(forms, gold, goldRoot).get(2));
    }

    @Test
    void refusesNonTreesAndMismatchedLengths() {
        assertThrows(IllegalArgumentException.class,
                () -> TreeDrawing.render(List.of("a", "b"), new int[] {-1, 2, 1}, null));
        assertThrows(IllegalArgumentException.class,
                () -> TreeDrawing.render(List.of("a"), new int[] {-1, 0, 1}, null));
    }
}
