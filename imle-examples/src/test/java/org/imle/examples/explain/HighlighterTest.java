package org.imle.examples.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Brackets without a terminal, colours with one. */
class HighlighterTest {

    private static final List<String> TOKENS = List.of("a", "nice", "hoppy", "smell");

    @Test
    void bracketsTheSelectedWords() {
        boolean[] sel = {false, true, false, true, true};
        assertEquals("a [nice] hoppy [smell]", new Highlighter(false).render(TOKENS, sel, 0, null));
        assertEquals("[a] nice hoppy smell", new Highlighter(false).render(TOKENS, new boolean[] {false, true}, 1,
                new boolean[] {true, true, true, true, true}));
    }

    @Test
    void coloursHitsMissesAndMissedAnnotations() {
        boolean[] sel = {true, true, false, false};
        boolean[] ann = {false, true, true, false};
        assertEquals("\u001b[1;31ma\u001b[0m \u001b[1;32mnice\u001b[0m \u001b[4mhoppy\u001b[0m smell",
                new Highlighter(true).render(TOKENS, sel, 0, ann));
    }
}
