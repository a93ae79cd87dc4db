package org.imle.examples.parse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StructureLabelTest {

    /** The first {@code count} forms "w0", "w1", ... that are (or are not) marked. */
    private static List<String> forms(boolean marked, int count) {
        List<String> out = new ArrayList<>();
        for (int i = 0; out.size() < count; i++) {
            if (StructureLabel.marked("w" + i) == marked) {
                out.add("w" + i);
            }
        }
        return out;
    }

    @Test
    void sameWordsGetDifferentLabelsUnderDifferentTrees() {
        List<String> m = forms(true, 2);
        List<String> u = forms(false, 1);
        List<String> sentence = List.of(m.get(0), u.get(0), m.get(1));
        // 1 -> 3 joins the two marked words
        assertEquals(1, StructureLabel.label(sentence, new int[] {-1, 0, 1, 1}));
        // both marked words hang from the unmarked one
        assertEquals(0, StructureLabel.label(sentence, new int[] {-1, 2, 0, 2}));
        // an arc from the root does not count, even into a marked word
        assertEquals(0, StructureLabel.label(List.of(m.get(0), u.get(0)), new int[] {-1, 0, 1}));
    }

    @Test
    void marksAboutOneFormInFour() {
        int marked = 0;
        for (int i = 0; i < 20_000; i++) {
            marked += StructureLabel.marked("form" + i) ? 1 : 0;
        }
        assertTrue(marked > 4_500 && marked < 5_500, "marked " + marked);
    }

    @Test
    void refusesFormsThatDoNotFitTheTree() {
        assertThrows(IllegalArgumentException.class, () -> StructureLabel.label(List.of("a"), new int[] {-1, 0, 1}));
    }
}
