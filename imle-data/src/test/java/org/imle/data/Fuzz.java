package org.imle.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded corruptions of valid files for reader fuzz tests: byte flips, insertions of bytes that
 * matter to text formats (tabs, newlines, digits, signs, invalid UTF-8 lead and continuation
 * bytes), deletions, truncations, duplicated and swapped lines, and files of random bytes.
 */
public final class Fuzz {

    private static final byte[] INTERESTING = {'\t', '\n', '\r', ' ', '#', '-', '.', '_', '0', '1',
        '9', 'e', '[', ']', '{', '}', '"', ',', ':', (byte) 0xC3, (byte) 0x80, (byte) 0xFF,
        (byte) 0xED, (byte) 0xA0, (byte) 0xF4, 0};

    private Fuzz() {
    }

    /** Applies one to three random corruptions to {@code valid}; sometimes returns random bytes instead. */
    public static byte[] mutate(byte[] valid, SplittableRandom rng) {
        if (rng.nextInt(20) == 0) {
            byte[] random = new byte[rng.nextInt(400)];
            for (int i = 0; i < random.length; i++) {
                random[i] = rng.nextInt(3) == 0 ? INTERESTING[rng.nextInt(INTERESTING.length)]
                        : (byte) rng.nextInt(256);
            }
            return random;
        }
        byte[] b = valid.clone();
        int edits = 1 + rng.nextInt(3);
        for (int e = 0; e < edits; e++) {
            b = once(b, rng);
        }
        return b;
    }

    private static byte[] once(byte[] b, SplittableRandom rng) {
        if (b.length == 0) {
            return new byte[] {INTERESTING[rng.nextInt(INTERESTING.length)]};
        }
        int at = rng.nextInt(b.length);
        switch (rng.nextInt(8)) {
            case 0: { // replace a byte with a random one
                byte[] c = b.clone();
                c[at] = (byte) rng.nextInt(256);
                return c;
            }
            case 1: { // replace a byte with a structurally meaningful one
                byte[] c = b.clone();
                c[at] = INTERESTING[rng.nextInt(INTERESTING.length)];
                return c;
            }
            case 2: { // insert a meaningful byte
                byte[] c = new byte[b.length + 1];
                System.arraycopy(b, 0, c, 0, at);
                c[at] = INTERESTING[rng.nextInt(INTERESTING.length)];
                System.arraycopy(b, at, c, at + 1, b.length - at);
                return c;
            }
            case 3: { // delete a short range
                int len = Math.min(b.length - at, 1 + rng.nextInt(8));
                byte[] c = new byte[b.length - len];
                System.arraycopy(b, 0, c, 0, at);
                System.arraycopy(b, at + len, c, at, b.length - at - len);
                return c;
            }
            case 4: // truncate
                return Arrays.copyOf(b, at);
            case 5: { // duplicate a line
                String[] lines = lines(b);
                int i = rng.nextInt(lines.length);
                StringBuilder sb = new StringBuilder();
                for (int k = 0; k < lines.length; k++) {
                    sb.append(lines[k]).append('\n');
                    if (k == i) {
                        sb.append(lines[k]).append('\n');
                    }
                }
                return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
            }
            case 6: { // swap two lines
                String[] lines = lines(b);
                int i = rng.nextInt(lines.length);
                int j = rng.nextInt(lines.length);
                String t = lines[i];
                lines[i] = lines[j];
                lines[j] = t;
                return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.ISO_8859_1);
            }
            default: { // change a digit, the most meaningful characters of every format here
                byte[] c = b.clone();
                for (int k = 0; k < c.length; k++) {
                    int p = (at + k) % c.length;
                    if (c[p] >= '0' && c[p] <= '9') {
                        c[p] = (byte) ('0' + rng.nextInt(10));
                        break;
                    }
                }
                return c;
            }
        }
    }

    /** Splits bytes into lines without decoding (ISO-8859-1 keeps every byte as one char). */
    private static String[] lines(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1).split("\n", -1);
    }

    /** Number of lines of a file as {@link TextLines} counts them, for bounds on reported lines. */
    public static long lineCount(Path file) throws IOException {
        return lineCount(Files.readAllBytes(file));
    }

    /** Number of lines of some bytes as {@link TextLines} counts them, plus one. */
    public static long lineCount(byte[] b) {
        long count = 0;
        for (byte x : b) {
            count += x == '\n' ? 1 : 0;
        }
        return count + 1;
    }
}
