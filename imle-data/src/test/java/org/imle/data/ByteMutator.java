package org.imle.data;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Seeded random damage to a valid file, for fuzz tests of the readers: flipped bits, random
 * bytes, truncation, insertion and deletion, and overwriting with bytes that matter to parsers
 * (digits, brackets, quotes, 0x00 and 0xFF, large little- and big-endian integers).
 */
public final class ByteMutator {

    private static final byte[] INTERESTING =
            "{}()[]':,\"0123456789LTrueFalse<>|=fiubc \n\\".getBytes(
                    java.nio.charset.StandardCharsets.ISO_8859_1);

    private final SplittableRandom rnd;

    public ByteMutator(long seed) {
        this.rnd = new SplittableRandom(seed);
    }

    /** One to four random mutations of {@code valid}, concentrated on its first {@code head} bytes. */
    public byte[] mutate(byte[] valid, int head) {
        byte[] b = valid.clone();
        int rounds = 1 + rnd.nextInt(4);
        for (int r = 0; r < rounds; r++) {
            b = mutateOnce(b, head);
        }
        return b;
    }

    private byte[] mutateOnce(byte[] b, int head) {
        int kind = rnd.nextInt(8);
        if (b.length == 0) {
            kind = 3;
        }
        int at = b.length == 0 ? 0
                : rnd.nextInt(4) > 0 ? rnd.nextInt(Math.min(b.length, Math.max(1, head)))
                : rnd.nextInt(b.length);
        switch (kind) {
            case 0: // flip one bit
                b[at] ^= (byte) (1 << rnd.nextInt(8));
                return b;
            case 1: // random byte
                b[at] = (byte) rnd.nextInt(256);
                return b;
            case 2: // truncate
                return Arrays.copyOf(b, rnd.nextInt(b.length + 1));
            case 3: { // insert random bytes
                int n = 1 + rnd.nextInt(8);
                byte[] out = new byte[b.length + n];
                System.arraycopy(b, 0, out, 0, at);
                for (int i = 0; i < n; i++) {
                    out[at + i] = (byte) rnd.nextInt(256);
                }
                System.arraycopy(b, at, out, at + n, b.length - at);
                return out;
            }
            case 4: { // delete a run of bytes
                int n = Math.min(b.length - at, 1 + rnd.nextInt(8));
                byte[] out = new byte[b.length - n];
                System.arraycopy(b, 0, out, 0, at);
                System.arraycopy(b, at + n, out, at, b.length - at - n);
                return out;
            }
            case 5: // a byte that means something to a header parser
                b[at] = INTERESTING[rnd.nextInt(INTERESTING.length)];
                return b;
            case 6: { // a big integer, either byte order
                long v = rnd.nextBoolean() ? rnd.nextLong() : (1L << rnd.nextInt(40)) - rnd.nextInt(3);
                for (int i = 0; i < 4 && at + i < b.length; i++) {
                    int shift = rnd.nextBoolean() ? 8 * i : 8 * (3 - i);
                    b[at + i] = (byte) (v >>> shift);
                }
                return b;
            }
            default: // 0x00 or 0xFF run
                byte fill = rnd.nextBoolean() ? 0 : (byte) 0xFF;
                for (int i = 0; i < 1 + rnd.nextInt(6) && at + i < b.length; i++) {
                    b[at + i] = fill;
                }
                return b;
        }
    }
}
