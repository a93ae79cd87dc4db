package org.imle.examples.gradient;

import java.math.BigInteger;

/**
 * Writes a finite double as the shortest decimal that reads back as the same double, into a byte
 * array, without allocating: Raffaello Giulietti's Schubfach algorithm ("The Schubfach way to
 * render doubles", 2020), which JDK 19 made {@code Double.toString}'s. Java 17's
 * {@code Double.toString} is slower (it allocates per value) and sometimes gives a digit more than
 * needed ({@code 2.0E-3} style), which is why {@code imle gradient} has its own.
 *
 * <p>The decimal chosen: among the decimals of fewest significant digits that round to the double
 * (round half to even), the one closest to it; of two equally close, the one with an even last
 * digit. The text is a JSON number: plain notation ({@code 0.0123}, {@code 1234.5}) when the decimal
 * exponent of the first digit is in [-7, 21), else scientific ({@code 1.5e-8}, {@code 2e+21} is
 * written {@code 2e21}). Integers within that range are written without a fraction.
 *
 * <p>One call costs a few 64 x 64-bit multiplications; the table of 617 powers of ten (128 bits
 * each) is computed exactly with {@link BigInteger} when the class loads.
 */
public final class ShortestDouble {

    /** The longest text {@link #write} produces: {@code -2.2250738585072014e-308} has 24 bytes. */
    public static final int MAX_LENGTH = 26;

    private static final int P = 53;
    private static final int Q_MIN = -1074;
    private static final long C_MIN = 1L << (P - 1);
    private static final long T_MASK = C_MIN - 1;
    private static final int BQ_MASK = 0x7FF;
    private static final int C_TINY = 3;
    private static final long MASK_63 = (1L << 63) - 1;
    private static final int K_MIN = -324;
    private static final int K_MAX = 292;

    /** g(k) for K_MIN <= k <= K_MAX: floor(10^-k / 2^r) + 1 with 2^125 <= it < 2^126, split in 63-bit halves. */
    private static final long[] G = table();

    private ShortestDouble() {
    }

    /**
     * Writes {@code v} at {@code pos} and returns the position after it; {@code out} must have
     * {@link #MAX_LENGTH} bytes free there. Zero is written {@code 0} (and {@code -0} for minus zero).
     *
     * @throws IllegalArgumentException when {@code v} is NaN or infinite, which no JSON number is
     */
    public static int write(double v, byte[] out, int pos) {
        long bits = Double.doubleToRawLongBits(v);
        int bq = (int) (bits >>> (P - 1)) & BQ_MASK;
        if (bq == BQ_MASK) {
            throw new IllegalArgumentException(v + " has no decimal form");
        }
        if (bits < 0) {
            out[pos++] = '-';
        }
        long t = bits & T_MASK;
        if (bq != 0) {
            int mq = -Q_MIN + 1 - bq;
            long c = C_MIN | t;
            if (0 < mq && mq < P) {
                long f = c >> mq;
                if (f << mq == c) {
                    return digits(f, 0, out, pos);
                }
            }
            return toDecimal(-mq, c, out, pos);
        }
        if (t != 0) {
            if (t < C_TINY) {
                // the two smallest subnormals, whose intervals Schubfach only resolves to two digits
                return t == 1 ? digits(5, -324, out, pos) : digits(1, -323, out, pos);
            }
            return toDecimal(Q_MIN, t, out, pos);
        }
        out[pos++] = '0';
        return pos;
    }

    /** The text {@link #write} produces, for tests and messages. */
    public static String format(double v) {
        byte[] b = new byte[MAX_LENGTH];
        int end = write(v, b, 0);
        return new String(b, 0, end, java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** v = c 2^q: writes the shortest decimal of the rounding interval of v. */
    private static int toDecimal(int q, long c, byte[] out, int pos) {
        int parity = (int) c & 1;
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN || q == Q_MIN) {
            cbl = cb - 2;
            k = flog10pow2(q);
        } else {
            // at a power of two the interval below is half as wide as above
            cbl = cb - 1;
            k = flog10threeQuartersPow2(q);
        }
        int h = q + flog2pow10(-k) + 2;
        long g1 = G[2 * (k - K_MIN)];
        long g0 = G[2 * (k - K_MIN) + 1];
        long vb = rop(g1, g0, cb << h);
        long vbl = rop(g1, g0, cbl << h);
        long vbr = rop(g1, g0, cbr << h);
        long s = vb >> 2;
        // one digit fewer; Java's toString skips this below 100 to keep two digits, we do not
        if (s >= 10) {
            long sp10 = 10 * Math.multiplyHigh(s, 115_292_150_460_684_698L << 4);
            long tp10 = sp10 + 10;
            boolean upin = vbl + parity <= sp10 << 2;
            boolean wpin = (tp10 << 2) + parity <= vbr;
            if (upin != wpin) {
                return digits(upin ? sp10 : tp10, k, out, pos);
            }
        }
        long tt = s + 1;
        boolean uin = vbl + parity <= s << 2;
        boolean win = (tt << 2) + parity <= vbr;
        if (uin != win) {
            return digits(uin ? s : tt, k, out, pos);
        }
        long cmp = vb - ((s + tt) << 1);
        return digits(cmp < 0 || cmp == 0 && (s & 1) == 0 ? s : tt, k, out, pos);
    }

    /** Round to odd of g cp / 2^127, g = g1 2^63 + g0. */
    private static long rop(long g1, long g0, long cp) {
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long vbp = y1 + (z >>> 63);
        return vbp | (((z & MASK_63) + MASK_63) >>> 63);
    }

    /** floor(log10(2^e)) for |e| <= 5456721. */
    static int flog10pow2(int e) {
        return (int) (e * 661_971_961_083L >> 41);
    }

    /** floor(log10(3/4 2^e)) for |e| <= 5456721. */
    static int flog10threeQuartersPow2(int e) {
        return (int) ((e * 661_971_961_083L - 274_743_187_321L) >> 41);
    }

    /** floor(log2(10^e)) for |e| <= 1838394. */
    static int flog2pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }

    /** Writes f 10^e (f > 0) as a JSON number, trailing zeros of f dropped. */
    private static int digits(long f, int e, byte[] out, int pos) {
        while (f % 10 == 0) {
            f /= 10;
            e++;
        }
        int n = length(f);
        int x = e + n - 1; // the exponent of the first digit
        if (x >= 0 && x < 21) {
            if (e >= 0) {
                pos = integer(f, n, out, pos);
                for (int i = 0; i < e; i++) {
                    out[pos++] = '0';
                }
                return pos;
            }
            // d.ddd: the point after x + 1 digits
            int end = pos + n + 1;
            fill(f, out, pos, n, x + 1);
            return end;
        }
        if (x < 0 && x >= -7) {
            out[pos++] = '0';
            out[pos++] = '.';
            for (int i = -1; i > x; i--) {
                out[pos++] = '0';
            }
            return integer(f, n, out, pos);
        }
        if (n == 1) {
            out[pos++] = (byte) ('0' + f);
        } else {
            fill(f, out, pos, n, 1);
            pos += n + 1;
        }
        out[pos++] = 'e';
        if (x < 0) {
            out[pos++] = '-';
            x = -x;
        }
        if (x >= 100) {
            out[pos++] = (byte) ('0' + x / 100);
            x %= 100;
            out[pos++] = (byte) ('0' + x / 10);
        } else if (x >= 10) {
            out[pos++] = (byte) ('0' + x / 10);
        }
        out[pos++] = (byte) ('0' + x % 10);
        return pos;
    }

    /** Writes the n digits of f with a point after the first {@code point} (0 < point < n) of them. */
    private static void fill(long f, byte[] out, int pos, int n, int point) {
        out[pos + point] = '.';
        for (int d = n - 1; d >= 0; d--) {
            out[pos + (d < point ? d : d + 1)] = (byte) ('0' + f % 10);
            f /= 10;
        }
    }

    private static int integer(long f, int n, byte[] out, int pos) {
        for (int i = pos + n - 1; i >= pos; i--) {
            out[i] = (byte) ('0' + f % 10);
            f /= 10;
        }
        return pos + n;
    }

    /** The number of decimal digits of f > 0. */
    static int length(long f) {
        int n = 1;
        for (long p = 10; n < 19 && f >= p; p *= 10) {
            n++;
        }
        return n;
    }

    private static long[] table() {
        long[] g = new long[2 * (K_MAX - K_MIN + 1)];
        BigInteger lowMask = BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE);
        for (int k = K_MIN; k <= K_MAX; k++) {
            int r = flog2pow10(-k) - 125;
            BigInteger value;
            if (k <= 0) {
                BigInteger p = BigInteger.TEN.pow(-k);
                value = r >= 0 ? p.shiftRight(r) : p.shiftLeft(-r);
            } else {
                value = BigInteger.ONE.shiftLeft(-r).divide(BigInteger.TEN.pow(k));
            }
            value = value.add(BigInteger.ONE);
            g[2 * (k - K_MIN)] = value.shiftRight(63).longValueExact();
            g[2 * (k - K_MIN) + 1] = value.and(lowMask).longValue();
        }
        return g;
    }
}
