package org.imle.examples.parse.conllu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.imle.examples.io.Fuzz;
import org.imle.examples.io.MalformedFileException;
import org.imle.examples.parse.DependencyTrees;
import org.imle.examples.parse.RandomTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConlluFuzzTest {

    @TempDir
    Path dir;

    /** A valid random treebank with comments, multi-word tokens and empty nodes. */
    static String validTreebank(SplittableRandom rng) {
        List<Sentence> sentences = new ArrayList<>();
        int count = 1 + rng.nextInt(3);
        for (int s = 0; s < count; s++) {
            int n = 1 + rng.nextInt(7);
            int[] heads = RandomTrees.randomTree(rng, n);
            List<Word> words = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                words.add(new Word(i, "w" + rng.nextInt(100), "l" + i, "X", "_",
                        rng.nextBoolean() ? "_" : "A=B", heads[i], heads[i] == 0 ? "root" : "dep", "_", "_"));
            }
            List<MultiwordToken> mwts = new ArrayList<>();
            if (n >= 2 && rng.nextBoolean()) {
                int first = 1 + rng.nextInt(n - 1);
                mwts.add(new MultiwordToken(first, first + 1, "mw", "_"));
            }
            List<EmptyNode> empties = new ArrayList<>();
            if (rng.nextBoolean()) {
                empties.add(new EmptyNode(rng.nextInt(n + 1), 1, "e", "e", "VERB", "_", "_", "1:dep", "_"));
            }
            sentences.add(new Sentence(List.of("# sent_id = " + s, "# text = t"), words, mwts, empties));
        }
        StringBuilder sb = new StringBuilder();
        for (Sentence s : sentences) {
            sb.append(ConlluWriter.toString(s));
        }
        return sb.toString();
    }

    @Test
    void corruptedFilesGiveAValidResultOrTheSpecificException() throws IOException {
        SplittableRandom rng = new SplittableRandom(2024);
        Path file = dir.resolve("fuzz.conllu");
        Path copy = dir.resolve("copy.conllu");
        int rejected = 0;
        int accepted = 0;
        for (int t = 0; t < 3000; t++) {
            byte[] valid = validTreebank(rng).getBytes(StandardCharsets.UTF_8);
            Files.write(file, Fuzz.mutate(valid, rng));
            try {
                List<Sentence> sentences = ConlluReader.read(file);
                for (Sentence s : sentences) {
                    assertTrue(DependencyTrees.isTree(s.heads()));
                }
                StringBuilder written = new StringBuilder();
                ConlluWriter.write(written, sentences);
                // no AtomicFile here: its fsync per case would dominate the test's run time
                Files.writeString(copy, written, StandardCharsets.UTF_8);
                assertEquals(sentences, ConlluReader.read(copy), "a result must survive a round trip");
                accepted++;
            } catch (MalformedFileException e) {
                assertEquals(file, e.file());
                assertTrue(e.line() >= 1 && e.line() <= Fuzz.lineCount(file), e.getMessage());
                assertTrue(e.getMessage().startsWith(file + ":" + e.line() + ": "), e.getMessage());
                rejected++;
            }
        }
        assertTrue(rejected > 800 && accepted > 150, "rejected=" + rejected + " accepted=" + accepted);
    }
}
