package org.imle.data;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.imle.data.reviews.BeerReviews;
import org.imle.data.reviews.WordVectorsFormat;
import org.imle.data.BadFileException;
import org.imle.data.idx.Idx;
import org.imle.data.npy.Npy;
import org.imle.data.conllu.ConlluReader;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The inputs the per-format fuzz tests reach only by chance, given to every file reader of the
 * examples through its {@code Path} entry point: an empty file, a file of invalid UTF-8, one of
 * NUL bytes, a 4 MiB line without a newline, surrogates, a count header of 2^31 - 1, random bytes
 * (also under a gzip file name). Each must be read or refused with a {@link BadFileException}
 * whose message starts with the file's name; nothing else.
 */
class ReaderEdgeCasesTest {

    @TempDir
    static Path dir;

    @FunctionalInterface
    interface Reader {
        Object read(Path file) throws IOException;
    }

    private static final Map<String, Reader> READERS = new LinkedHashMap<>();

    static {
        READERS.put("npy", Npy::read);
        READERS.put("idx-images", Idx::readImages);
        READERS.put("idx-labels", Idx::readLabels);
        READERS.put("conllu", ConlluReader::read);
        READERS.put("beer-reviews", BeerReviews::readReviews);
        READERS.put("beer-annotations", BeerReviews::readAnnotations);
        READERS.put("word-vectors", WordVectorsFormat::read);
    }

    private static Map<String, byte[]> inputs() {
        Map<String, byte[]> in = new LinkedHashMap<>();
        in.put("empty", new byte[0]);
        byte[] ff = new byte[1000];
        Arrays.fill(ff, (byte) 0xFF);
        in.put("invalid-utf8", ff);
        in.put("lone-surrogate", "a\t\uD800x\n".getBytes(StandardCharsets.UTF_8));
        byte[] cesu = {'w', ' ', (byte) 0xED, (byte) 0xA0, (byte) 0x80, ' ', '1', '\n'};
        in.put("encoded-surrogate", cesu);
        in.put("nul", new byte[4096]);
        byte[] longLine = new byte[4 << 20];
        Arrays.fill(longLine, (byte) 'a');
        in.put("4MiB-line", longLine);
        in.put("only-newlines", "\n\n\n\r\n\n".getBytes(StandardCharsets.US_ASCII));
        in.put("huge-count-header", "2147483647 2147483647\nw 1 2\n".getBytes(StandardCharsets.US_ASCII));
        SplittableRandom r = new SplittableRandom(77);
        for (int i = 0; i < 20; i++) {
            byte[] b = new byte[r.nextInt(1, 5000)];
            r.nextBytes(b);
            in.put("random-" + i, b);
        }
        return in;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        Map<String, byte[]> inputs = inputs();
        for (String reader : READERS.keySet()) {
            for (Map.Entry<String, byte[]> e : inputs.entrySet()) {
                out.add(Arguments.of(reader, e.getKey(), e.getValue(), false));
                if (e.getKey().startsWith("random-") && e.getKey().endsWith("0")) {
                    out.add(Arguments.of(reader, e.getKey(), e.getValue(), true));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} on {1} (gzip name: {3})")
    @MethodSource("cases")
    void readOrRefusedNamingTheFile(String reader, String input, byte[] content, boolean gzipName) throws IOException {
        Path file = dir.resolve(reader + "-" + input + (gzipName ? ".gz" : ".dat"));
        Files.write(file, content);
        try {
            READERS.get(reader).read(file);
        } catch (BadFileException e) {
            assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        } catch (IOException | RuntimeException | Error e) {
            fail(reader + " on " + input + " threw " + e, e);
        }
    }
}
