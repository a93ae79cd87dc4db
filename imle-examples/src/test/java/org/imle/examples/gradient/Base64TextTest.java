package org.imle.examples.gradient;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** {@link Base64Text} writes what {@code java.util.Base64}'s basic encoder writes, at any offset, and nothing else. */
class Base64TextTest {

    private static void check(byte[] src, int off, int len, int at) {
        String expected = Base64.getEncoder().encodeToString(Arrays.copyOfRange(src, off, off + len));
        byte[] dst = new byte[at + Base64Text.length(len) + 3];
        Arrays.fill(dst, (byte) '#');
        int end = Base64Text.encode(src, off, len, dst, at);
        assertEquals(at + expected.length(), end, "end index, length " + len);
        assertEquals(expected, new String(dst, at, end - at, StandardCharsets.US_ASCII), "length " + len);
        for (int i = 0; i < at; i++) {
            assertEquals('#', dst[i], "nothing written before the offset");
        }
        for (int i = end; i < dst.length; i++) {
            assertEquals('#', dst[i], "nothing written after the text");
        }
    }

    @Test
    void writesTheJdksTextForEveryShortLengthAndOffset() {
        SplittableRandom random = new SplittableRandom(7);
        byte[] src = new byte[400];
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) random.nextInt(256);
        }
        for (int len = 0; len <= 300; len++) {
            check(src, len % 7, len, len % 5);
        }
    }

    @Test
    void writesTheJdksTextForLargeRandomInputsAndEveryByteValue() {
        SplittableRandom random = new SplittableRandom(8);
        byte[] all = new byte[3 * 256 * 256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) (i % 3 == 0 ? i / 768 : i % 3 == 1 ? (i / 3) % 256 : random.nextInt(256));
        }
        check(all, 0, all.length, 0);
        for (int trial = 0; trial < 20; trial++) {
            byte[] src = new byte[80_000 + random.nextInt(200)];
            for (int i = 0; i < src.length; i++) {
                src[i] = (byte) random.nextInt(256);
            }
            check(src, random.nextInt(3), src.length - 3, random.nextInt(9));
        }
        assertEquals(0, Base64Text.length(0));
        assertEquals(4, Base64Text.length(1));
        assertEquals(4, Base64Text.length(3));
        assertEquals(8, Base64Text.length(4));
    }
}
