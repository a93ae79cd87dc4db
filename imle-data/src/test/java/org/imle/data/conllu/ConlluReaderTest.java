package org.imle.data.conllu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.imle.data.MalformedFileException;
import org.imle.data.treebank.DependencyTrees;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConlluReaderTest {

    /** Two sentences: comments, a multi-word token ("del" = "de el"), SpaceAfter in MISC. */
    static final String COMMENTS_AND_MWT = String.join("\n",
            "# newdoc id = sample",
            "# sent_id = s1",
            "# text = Ana vive del pan.",
            "1\tAna\tAna\tPROPN\t_\t_\t2\tnsubj\t_\t_",
            "2\tvive\tvivir\tVERB\t_\tMood=Ind|Number=Sing\t0\troot\t_\t_",
            "3-4\tdel\t_\t_\t_\t_\t_\t_\t_\t_",
            "3\tde\tde\tADP\t_\t_\t5\tcase\t_\t_",
            "4\tel\tel\tDET\t_\tDefinite=Def\t5\tdet\t_\t_",
            "5\tpan\tpan\tNOUN\t_\t_\t2\tobl\t_\tSpaceAfter=No",
            "6\t.\t.\tPUNCT\t_\t_\t2\tpunct\t_\t_",
            "",
            "# sent_id = s2",
            "# text = Come.",
            "1\tCome\tcomer\tVERB\t_\t_\t0\troot\t_\tSpaceAfter=No",
            "2\t.\t.\tPUNCT\t_\t_\t1\tpunct\t_\t_",
            "", "");

    /** Gapping: an empty node 5.1 stands for the elided verb; it is not part of the basic tree. */
    static final String EMPTY_NODES = String.join("\n",
            "# sent_id = gap",
            "# text = Sue likes coffee and Bill tea",
            "1\tSue\tSue\tPROPN\t_\t_\t2\tnsubj\t2:nsubj|5.1:nsubj\t_",
            "2\tlikes\tlike\tVERB\t_\t_\t0\troot\t0:root\t_",
            "3\tcoffee\tcoffee\tNOUN\t_\t_\t2\tobj\t2:obj\t_",
            "4\tand\tand\tCCONJ\t_\t_\t5\tcc\t5.1:cc\t_",
            "5\tBill\tBill\tPROPN\t_\t_\t3\tconj\t5.1:nsubj\t_",
            "5.1\tlikes\tlike\tVERB\t_\t_\t_\t_\t2:conj\tCopyOf=2",
            "6\ttea\ttea\tNOUN\t_\t_\t5\torphan\t5.1:obj\t_",
            "", "");

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void readsCommentsWordsAndMultiwordTokens() throws IOException {
        List<Sentence> sentences = ConlluReader.read(file("a.conllu", COMMENTS_AND_MWT));
        assertEquals(2, sentences.size());
        Sentence s = sentences.get(0);
        assertEquals(List.of("# newdoc id = sample", "# sent_id = s1", "# text = Ana vive del pan."), s.comments());
        assertEquals("s1", s.comment("sent_id"));
        assertEquals("Ana vive del pan.", s.comment("text"));
        assertNull(s.comment("missing"));
        assertEquals(6, s.length());
        assertEquals(List.of("Ana", "vive", "de", "el", "pan", "."), s.forms());
        assertArrayEquals(new int[] {-1, 2, 0, 5, 5, 2, 2}, s.heads());
        assertEquals(List.of("nsubj", "root", "case", "det", "obl", "punct"), s.labels());
        assertEquals(List.of(new MultiwordToken(3, 4, "del", "_")), s.multiwordTokens());
        assertEquals("Mood=Ind|Number=Sing", s.word(2).feats());
        assertEquals("SpaceAfter=No", s.word(5).misc());
        assertTrue(s.isProjective());
        double[] z = s.arcs();
        assertEquals(49, z.length);
        assertEquals(1.0, z[0 * 7 + 2]);
        assertEquals(1.0, z[5 * 7 + 3]);
        assertArrayEquals(s.heads(), DependencyTrees.toHeads(z, 7));
        assertArrayEquals(new int[] {-1, 0, 1}, sentences.get(1).heads());
    }

    @Test
    void keepsEmptyNodesOutOfTheBasicTree() throws IOException {
        Sentence s = ConlluReader.read(file("e.conllu", EMPTY_NODES)).get(0);
        assertEquals(6, s.length(), "5.1 is not a word of the basic tree");
        assertArrayEquals(new int[] {-1, 2, 0, 2, 5, 3, 5}, s.heads());
        assertEquals(List.of(new EmptyNode(5, 1, "likes", "like", "VERB", "_", "_", "2:conj", "CopyOf=2")),
                s.emptyNodes());
        assertEquals("5.1:nsubj", s.word(5).deps());
        assertEquals(7 * 7, s.arcs().length);
    }

    @Test
    void roundTripReproducesTheFileByteForByte() throws IOException {
        for (String content : List.of(COMMENTS_AND_MWT, EMPTY_NODES)) {
            Path in = file("in.conllu", content);
            List<Sentence> sentences = ConlluReader.read(in);
            Path out = dir.resolve("out.conllu");
            ConlluWriter.write(out, sentences);
            assertEquals(content, Files.readString(out, StandardCharsets.UTF_8));
            assertEquals(sentences, ConlluReader.read(out));
        }
    }

    @Test
    void emptyNodeBeforeTheFirstWordAndMultiwordTokenRoundTrip() throws IOException {
        String content = String.join("\n",
                "0.1\tpro\t_\tPRON\t_\t_\t_\t_\t1:nsubj\t_",
                "1-2\tdámelo\t_\t_\t_\t_\t_\t_\t_\t_",
                "1\tdá\tdar\tVERB\t_\t_\t0\troot\t0:root\t_",
                "2\tme\tyo\tPRON\t_\t_\t1\tiobj\t1:iobj\t_",
                "", "");
        Path in = file("z.conllu", content);
        Path out = dir.resolve("z2.conllu");
        ConlluWriter.write(out, ConlluReader.read(in));
        assertEquals(content, Files.readString(out));
    }

    @Test
    void toleratesCrlfBomExtraBlankLinesMissingFinalNewlineAndGzip() throws IOException {
        String canonical = ConlluWriter.toString(ConlluReader.read(file("c.conllu", EMPTY_NODES)).get(0));
        String messy = "\uFEFF\n\n" + EMPTY_NODES.replace("\n", "\r\n").strip();
        assertEquals(canonical, ConlluWriter.toString(ConlluReader.read(file("m.conllu", messy)).get(0)));
        Path gz = dir.resolve("g.conllu.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(COMMENTS_AND_MWT.getBytes(StandardCharsets.UTF_8));
        }
        assertEquals(ConlluReader.read(file("p.conllu", COMMENTS_AND_MWT)), ConlluReader.read(gz));
        assertEquals(List.of(), ConlluReader.read(file("empty.conllu", "")));
    }

    private static final String OK1 = "1\ta\ta\tX\t_\t_\t0\troot\t_\t_";
    private static final String OK2 = "2\tb\tb\tX\t_\t_\t1\tdep\t_\t_";

    /** Each case: the file lines joined with '|', the line the error must name, a fragment of the detail. */
    @ParameterizedTest(name = "{2}")
    @CsvSource(delimiter = ';', value = {
        "1\ta\ta\tX\t_\t_\t0\troot\t_; 1; expected 10 tab-separated columns, found 9",
        "1\ta\ta\tX\t_\t_\t0\troot\t_\t_\t_; 1; found 11",
        "# c|x\ta\ta\tX\t_\t_\t0\troot\t_\t_; 2; bad ID 'x'",
        "01\ta\ta\tX\t_\t_\t0\troot\t_\t_; 1; bad ID '01'",
        "OK1|3\tb\tb\tX\t_\t_\t1\tdep\t_\t_; 2; word ID 3 out of sequence, expected 2",
        "OK1|OK2||2\ta\ta\tX\t_\t_\t0\troot\t_\t_; 4; word ID 2 out of sequence, expected 1",
        "OK1|2\tb\tb\tX\t_\t_\t7\tdep\t_\t_; 2; HEAD 7 of word 2 is outside 0..2",
        "OK1|2\tb\tb\tX\t_\t_\tx\tdep\t_\t_; 2; HEAD 'x' is not a word number",
        "OK1|2\tb\tb\tX\t_\t_\t_\tdep\t_\t_; 2; HEAD '_' is not a word number",
        "OK1|2\tb\tb\tX\t_\t_\t-1\tdep\t_\t_; 2; HEAD '-1' is not a word number",
        "OK1|2\tb\tb\tX\t_\t_\t99999999999\tdep\t_\t_; 2; HEAD '99999999999' is not a word number",
        "OK1|2\tb\tb\tX\t_\t_\t2\tdep\t_\t_; 2; word 2 is its own head",
        "OK1|2\tb\tb\tX\t_\t_\t0\troot\t_\t_; 2; second root: words 1 and 2",
        "# s|1\ta\ta\tX\t_\t_\t2\tdep\t_\t_|2\tb\tb\tX\t_\t_\t1\tdep\t_\t_; 1; sentence has no root",
        "OK1|2\tb\tb\tX\t_\t_\t3\tdep\t_\t_|3\tc\tc\tX\t_\t_\t2\tdep\t_\t_; 2; cycle through words 2 -> 3 -> 2",
        "OK1|2\tb\t\tX\t_\t_\t1\tdep\t_\t_; 2; LEMMA is empty",
        "OK1|2\tb\tb\tX Y\t_\t_\t1\tdep\t_\t_; 2; UPOS contains whitespace",
        "OK1|OK2|# late; 3; comment line inside a sentence",
        "OK1|WS; 2; only whitespace",
        "# only a comment||OK1; 1; sentence has no words",
        "2-3\tab\t_\t_\t_\t_\t_\t_\t_\t_|OK1; 1; must come right before word 2, but the next word is 1",
        "1-1\tab\t_\t_\t_\t_\t_\t_\t_\t_|OK1; 1; must have first < last",
        "1-2\tab\tx\t_\t_\t_\t_\t_\t_\t_|OK1|OK2; 1; must have '_' in LEMMA",
        "1-3\tab\t_\t_\t_\t_\t_\t_\t_\t_|OK1|OK2; 1; ends after the last word 2",
        "1-2\tab\t_\t_\t_\t_\t_\t_\t_\t_|OK1|2-3\tbc\t_\t_\t_\t_\t_\t_\t_\t_|OK2; 3; overlaps the previous one",
        "OK1|2.1\te\te\tX\t_\t_\t_\t_\t_\t_|OK2; 2; must follow word 2, but the last word read is 1",
        "OK1|1.2\te\te\tX\t_\t_\t_\t_\t_\t_|OK2; 2; out of sequence, expected 1.1",
        "OK1|1.1\te\te\tX\t_\t_\t1\tdep\t_\t_|OK2; 2; must have '_' in HEAD and DEPREL",
        "OK1|1.x\te\te\tX\t_\t_\t_\t_\t_\t_|OK2; 2; bad empty node ID '1.x'",
        "OK1|1-x\te\t_\t_\t_\t_\t_\t_\t_\t_|OK2; 2; bad multi-word token ID '1-x'",
    })
    void malformedLineNamesFileAndLine(String lines, long line, String fragment) throws IOException {
        String content = lines.replace("OK1", OK1).replace("OK2", OK2).replace("WS", " \t ")
                .replace('|', '\n') + "\n";
        Path p = file("bad.conllu", content);
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> ConlluReader.read(p));
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(p, e.file());
        assertTrue(e.detail().contains(fragment), e.getMessage());
        assertTrue(e.getMessage().startsWith(p + ":" + line + ": "), e.getMessage());
    }

    @Test
    void invalidUtf8IsReportedAtItsLine() throws IOException {
        byte[] head = (OK1 + "\n" + OK2 + "\n\n").getBytes(StandardCharsets.UTF_8);
        byte[] bad = {'1', '\t', (byte) 0xC3, (byte) 0x28, '\n'};
        Path p = dir.resolve("utf.conllu");
        byte[] all = new byte[head.length + bad.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        Files.write(p, all);
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> ConlluReader.read(p));
        assertEquals(4, e.line());
        assertTrue(e.detail().contains("invalid UTF-8"), e.getMessage());
    }

    @Test
    void corruptGzipIsAMalformedFile() throws IOException {
        Path p = dir.resolve("x.conllu.gz");
        Files.write(p, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3});
        assertThrows(MalformedFileException.class, () -> ConlluReader.read(p));
        Files.write(p, new byte[] {'h', 'i'});
        assertThrows(MalformedFileException.class, () -> ConlluReader.read(p));
    }
}
