package org.imle.data.reviews;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.imle.data.MalformedFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WordVectorsFormatTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void readsGloveWithoutHeader() throws IOException {
        WordVectors v = WordVectorsFormat.read(file("g.txt", "the 0.1 -0.2 3e-1\n, 1 2 3 \n\n1999 -1.5 .5 +2.\n"));
        assertEquals(3, v.size());
        assertEquals(3, v.dimension());
        assertEquals(List.of("the", ",", "1999"), v.words());
        assertArrayEquals(new float[] {0.1f, -0.2f, 0.3f}, v.vector(0));
        assertArrayEquals(new float[] {-1.5f, 0.5f, 2f}, v.vector(v.index("1999")));
        assertEquals(-1, v.index("missing"));
    }

    @Test
    void readsWord2vecHeaderFilterAndDuplicates() throws IOException {
        Path p = file("w.txt", "3 2\nbeer 1 2\nhop 3 4\nbeer 5 6\n");
        WordVectorsFormat.Result r = WordVectorsFormat.read(p, w -> true);
        assertEquals(1, r.duplicates());
        assertEquals(2, r.vectors().size());
        assertArrayEquals(new float[] {1, 2}, r.vectors().vector(0), "the first occurrence wins");
        WordVectors only = WordVectorsFormat.read(p, Set.of("hop")::contains).vectors();
        assertEquals(List.of("hop"), only.words());
        assertArrayEquals(new float[] {3, 4, }, only.matrix());
    }

    @Test
    void writeThenReadGivesTheSameVectors() throws IOException {
        WordVectors v = WordVectors.random(List.of("a", "b", "c"), 5, 7, 0.5);
        for (boolean header : new boolean[] {true, false}) {
            Path p = dir.resolve("v" + header + ".txt");
            WordVectorsFormat.write(p, v, header);
            WordVectors back = WordVectorsFormat.read(p);
            assertEquals(v.words(), back.words());
            assertArrayEquals(v.matrix(), back.matrix());
        }
    }

    @Test
    void randomVectorsAndEmbeddingTableAreSeeded() {
        WordVectors a = WordVectors.random(List.of("x", "y"), 4, 1, 0.1);
        assertArrayEquals(a.matrix(), WordVectors.random(List.of("x", "y"), 4, 1, 0.1).matrix());
        assertNotEquals(java.util.Arrays.toString(a.matrix()),
                java.util.Arrays.toString(WordVectors.random(List.of("x", "y"), 4, 2, 0.1).matrix()));
        for (float f : a.matrix()) {
            assertTrue(Math.abs(f) <= 0.1f);
        }
        Vocabulary vocab = Vocabulary.of(List.of("y", "z"));
        float[] table = a.embeddingTable(vocab, 9, 0.2);
        assertEquals(4 * 4, table.length);
        assertArrayEquals(new float[4], java.util.Arrays.copyOfRange(table, 0, 4), "padding is zero");
        assertArrayEquals(a.vector(1), java.util.Arrays.copyOfRange(table, 8, 12), "known word keeps its vector");
        assertArrayEquals(table, a.embeddingTable(vocab, 9, 0.2));
        assertEquals(Vocabulary.UNK_ID, vocab.id("nope"));
        assertArrayEquals(new int[] {2, 1, 3}, vocab.encode(List.of("y", "q", "z")));
    }

    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = ';', quoteCharacter = '`', value = {
        "a 1 2|b 1; 2; expected a word and 2 values, found 2 fields",
        "a 1 2|b 1 2 3; 2; expected a word and 2 values, found 4 fields",
        "a; 1; expected a word followed by its values",
        "a 1 2|b 1 x; 2; value 2 of 'b' is not a finite decimal: 'x'",
        "a 1 NaN; 1; value 2 of 'a' is not a finite decimal",
        "a 1 1e39; 1; value 2 of 'a' is not a finite decimal",
        "a 1 2f; 1; not a finite decimal",
        "3 2|a 1 2|b 1 2; 3; header declares 3 vectors, the file has 2",
        "1 2|a 1 2|b 1 2; 3; more vectors than the 1 declared",
        "2 3|a 1 2|b 1 2; 2; expected a word and 3 values, found 3 fields",
        "999999999 999999999|a 1; 2; expected a word and 999999999 values",
        "|  |; 3; no vectors in the file",
    })
    void malformedLineNamesFileAndLine(String lines, long line, String fragment) throws IOException {
        Path p = file("bad.txt", lines.replace('|', '\n') + "\n");
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> WordVectorsFormat.read(p));
        assertEquals(p, e.file());
        assertEquals(line, e.line(), e.getMessage());
        assertTrue(e.detail().contains(fragment), e.getMessage());
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> WordVectors.of(List.of("a"), new float[] {1}, 2));
        assertThrows(IllegalArgumentException.class, () -> WordVectors.of(List.of("a"), new float[] {Float.NaN}, 1));
        assertThrows(IllegalArgumentException.class, () -> WordVectors.of(List.of("a", "a"), new float[] {1, 2}, 1));
        assertThrows(IllegalArgumentException.class, () -> WordVectors.random(List.of("a"), 0, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> WordVectors.random(List.of("a"), 2, 1, -1));
        assertThrows(IllegalArgumentException.class,
                () -> WordVectorsFormat.write(dir.resolve("x"), WordVectors.random(List.of("a b"), 2, 1, 1), false));
    }
}
