package org.imle.data.conllu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.imle.data.Fuzz;
import org.imle.data.MalformedFileException;
import org.imle.data.treebank.DependencyTrees;
import org.imle.data.treebank.RandomTrees;
import org.junit.jupiter.api.Test;

class ConlluFuzzTest {

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
        // in memory: thousands of temporary files would make the test I/O-bound on a busy machine
        Path file = Path.of("fuzz.conllu");
        int rejected = 0;
        int accepted = 0;
        for (int t = 0; t < 4000; t++) {
            byte[] valid = validTreebank(rng).getBytes(StandardCharsets.UTF_8);
            byte[] bytes = Fuzz.mutate(valid, rng);
            try {
                List<Sentence> sentences = ConlluReader.read(new ByteArrayInputStream(bytes), file);
                for (Sentence s : sentences) {
                    assertTrue(DependencyTrees.isTree(s.heads()));
                }
                StringBuilder written = new StringBuilder();
                ConlluWriter.write(written, sentences);
                byte[] copy = written.toString().getBytes(StandardCharsets.UTF_8);
                assertEquals(sentences, ConlluReader.read(new ByteArrayInputStream(copy), file),
                        "a result must survive a round trip");
                accepted++;
            } catch (MalformedFileException e) {
                assertEquals(file, e.file());
                assertTrue(e.line() >= 1 && e.line() <= Fuzz.lineCount(bytes), e.getMessage());
                assertTrue(e.getMessage().startsWith(file + ":" + e.line() + ": "), e.getMessage());
                rejected++;
            }
        }
        assertTrue(rejected > 1000 && accepted > 200, "rejected=" + rejected + " accepted=" + accepted);
    }

    @Test
    void corruptedGzipFilesGiveAValidResultOrTheSpecificException() throws IOException {
        SplittableRandom rng = new SplittableRandom(2025);
        Path file = Path.of("fuzz.conllu.gz");
        int rejected = 0;
        for (int t = 0; t < 1500; t++) {
            java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
            try (java.util.zip.GZIPOutputStream gz = new java.util.zip.GZIPOutputStream(compressed)) {
                gz.write(validTreebank(rng).getBytes(StandardCharsets.UTF_8));
            }
            byte[] bytes = Fuzz.mutate(compressed.toByteArray(), rng);
            try {
                for (Sentence s : ConlluReader.read(new ByteArrayInputStream(bytes), file)) {
                    assertTrue(DependencyTrees.isTree(s.heads()));
                }
            } catch (MalformedFileException e) {
                assertEquals(file, e.file());
                assertTrue(e.line() >= 1, e.getMessage());
                rejected++;
            }
        }
        assertTrue(rejected > 1000, "rejected=" + rejected);
    }
}
