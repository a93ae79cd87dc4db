package org.imle.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextLinesTest {

    @TempDir
    Path dir;

    private List<String> readAll(Path p, int max) throws IOException {
        List<String> out = new ArrayList<>();
        try (TextLines lines = TextLines.open(p, max)) {
            String s;
            while ((s = lines.next()) != null) {
                out.add(s);
                assertEquals(out.size(), lines.lineNumber());
            }
            assertNull(lines.next(), "stays at the end");
        }
        return out;
    }

    @Test
    void splitsLinesLikeTextEditorsCountThem() throws IOException {
        Path p = dir.resolve("a.txt");
        Files.write(p, "\uFEFFone\r\ntwo\n\nfour \u00e9\u4e2d".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("one", "two", "", "four \u00e9\u4e2d"), readAll(p, 100));
        Files.write(p, "x\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("x"), readAll(p, 100), "a final newline does not open another line");
        Files.write(p, new byte[0]);
        assertEquals(List.of(), readAll(p, 100));
        Files.write(p, "a\n\uFEFFb".getBytes(StandardCharsets.UTF_8));
        assertEquals(List.of("a", "\uFEFFb"), readAll(p, 100), "only a leading byte-order mark is dropped");
    }

    @Test
    void longLinesAcrossReadChunksAreKeptWhole() throws IOException {
        Path p = dir.resolve("long.txt");
        String big = "x".repeat(200_000);
        Files.writeString(p, big + "\n" + big + "y");
        assertEquals(List.of(big, big + "y"), readAll(p, 1 << 20));
    }

    @Test
    void rejectsALineOverTheLimitAtItsNumber() throws IOException {
        Path p = dir.resolve("l.txt");
        Files.writeString(p, "ok\n" + "z".repeat(11) + "\n");
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> readAll(p, 10));
        assertEquals(2, e.line());
        assertTrue(e.detail().contains("longer than 10 bytes"));
        assertEquals(List.of("ok", "z".repeat(10)), readAll(writeString("m.txt", "ok\n" + "z".repeat(10)), 10));
    }

    private Path writeString(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @ParameterizedTest
    @ValueSource(strings = {"C3 28", "A0 A1", "E2 28 A1", "ED A0 80", "F8 88 80 80 80", "FF", "C0 AF"})
    void invalidUtf8IsAMalformedLine(String hex) throws IOException {
        String[] parts = hex.split(" ");
        byte[] bad = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            bad[i] = (byte) Integer.parseInt(parts[i], 16);
        }
        byte[] head = "fine\nalso fine\n".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[head.length + bad.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        Path p = dir.resolve("u.txt");
        Files.write(p, all);
        MalformedFileException e = assertThrows(MalformedFileException.class, () -> readAll(p, 100));
        assertEquals(3, e.line());
        assertEquals(p, e.file());
        assertTrue(e.getMessage().startsWith(p + ":3: invalid UTF-8"), e.getMessage());
    }

    @Test
    void strictDecimals() {
        for (String ok : new String[] {"0", "-1", "+2.", ".5", "1.5e-3", "3E+2", "007"}) {
            assertTrue(Decimals.isDecimal(ok), ok);
            assertFalse(Double.isNaN(Decimals.parseDouble(ok)), ok);
        }
        for (String bad : new String[] {"", ".", "-", "e3", "1e", "1e+", "NaN", "Infinity", "0x1p3", "1d",
            "2f", " 1", "1 ", "1..2", "--1", "1e3.5"}) {
            assertFalse(Decimals.isDecimal(bad), bad);
            assertTrue(Double.isNaN(Decimals.parseDouble(bad)), bad);
        }
        assertTrue(Double.isNaN(Decimals.parseDouble("1e400")));
        assertTrue(Float.isNaN(Decimals.parseFloat("1e39")));
        assertEquals(0.1f, Decimals.parseFloat("0.1"));
    }
}
